fn counter(
    arg0: Query<Page>,
) -> impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse + use<> {
    fn counter(Query(page): Query<Page>) -> Counter {
        Counter { count: page.n }
    }
    use ::datastar_runtime::__private::{ResultSignalsKind as _, ValueSignalsKind as _};
    let value = counter(arg0);
    (&value).datastar_signals_kind().signals(value, true)
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct counter {}
impl ::datastar_runtime::__private::Route for counter {
    const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
            ::datastar_runtime::__private::Method::Patch,
            "/counter",
            ::core::concat!(::core::module_path!(), "::counter"),
        )
        .signals()
        .actions([
            ("$$patch('", "/counter')"),
            ("sse('", "/counter', {method: 'patch'})"),
            ("@patch('", "/counter')"),
        ]);
}
impl ::datastar_runtime::page::NoCaptures for counter {}
#[allow(dead_code)]
impl counter {
    #[doc(hidden)]
    fn handler(
        arg0: Query<Page>,
    ) -> ::core::future::Ready<impl ::datastar_runtime::__private::IntoResponse> {
        ::core::future::ready(counter(arg0))
    }
}
const _: () = {
    use patch as _;
};
fn feed() -> impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse + use<> {
    fn feed() -> impl Stream<Item = Markup> + Send + 'static {
        ticks()
            .map(|n| {
                html! {
                    span # feed { (n) }
                }
            })
    }
    use ::datastar_runtime::__private::{BodyKind as _, FeedKind as _};
    let value = feed();
    (&value)
        .datastar_fragment_kind()
        .fragment(value, &const { ::datastar_runtime::FragmentOptions::new() })
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct feed {}
impl ::datastar_runtime::__private::Route for feed {
    const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
            ::datastar_runtime::__private::Method::Get,
            "/feed",
            ::core::concat!(::core::module_path!(), "::feed"),
        )
        .fragment(::datastar_runtime::FragmentOptions::new())
        .actions([("$$get('", "/feed')"), ("sse('", "/feed')"), ("@get('", "/feed')")]);
}
impl ::datastar_runtime::page::NoCaptures for feed {}
#[allow(dead_code)]
impl feed {
    #[doc(hidden)]
    fn handler() -> ::core::future::Ready<
        impl ::datastar_runtime::__private::IntoResponse,
    > {
        ::core::future::ready(feed())
    }
}
const _: () = {
    use fragment as _;
};
async fn dismiss(
    arg0: State<Db>,
) -> impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse + use<> {
    async fn dismiss(State(db): State<Db>) {
        db.dismiss_toast().await;
    }
    dismiss(arg0).await;
    ::datastar_runtime::__private::remove(
        &const {
            ::datastar_runtime::FragmentOptions::new()
                .selector("#toast")
                .mode(::datastar_runtime::Mode::Remove)
        },
    )
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct dismiss {}
impl ::datastar_runtime::__private::Route for dismiss {
    const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
            ::datastar_runtime::__private::Method::Delete,
            "/toast",
            ::core::concat!(::core::module_path!(), "::dismiss"),
        )
        .fragment(
            ::datastar_runtime::FragmentOptions::new()
                .selector("#toast")
                .mode(::datastar_runtime::Mode::Remove),
        )
        .actions([
            ("$$delete('", "/toast')"),
            ("sse('", "/toast', {method: 'delete'})"),
            ("@delete('", "/toast')"),
        ]);
}
impl ::datastar_runtime::page::NoCaptures for dismiss {}
#[allow(dead_code)]
impl dismiss {
    #[doc(hidden)]
    fn handler(
        arg0: State<Db>,
    ) -> impl ::core::future::Future<
        Output = impl ::datastar_runtime::__private::IntoResponse,
    > {
        dismiss(arg0)
    }
}
const _: () = {
    use fragment as _;
};
fn app() -> Router<Db> {
    ::datastar_runtime::__private::Routes::new(Dialect::V019)
        .with_route(
            <counter as ::datastar_runtime::__private::Route>::ROUTE,
            <counter>::handler,
        )
        .with_route(
            <feed as ::datastar_runtime::__private::Route>::ROUTE,
            <feed>::handler,
        )
        .with_route(
            <dismiss as ::datastar_runtime::__private::Route>::ROUTE,
            <dismiss>::handler,
        )
        .finish()
}
