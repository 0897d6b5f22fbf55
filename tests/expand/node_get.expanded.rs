fn output2(db: &Db) -> <Markup as ::datastar_runtime::reply::FragmentBody>::Output {
    let value: Markup = {
        html! {
            div # output2 { "Backend State: "(db.dump()) "." }
        }
    };
    <Markup as ::datastar_runtime::reply::FragmentBody>::into_fragment(
        value,
        &const { ::datastar_runtime::FragmentOptions::new() },
        ::core::option::Option::None,
    )
}
fn output3() -> <Markup as ::datastar_runtime::reply::FragmentBody>::Output {
    let value: Markup = {
        html! {
            div # output3 { "Check this out!" }
        }
    };
    <Markup as ::datastar_runtime::reply::FragmentBody>::into_fragment(
        value,
        &const {
            ::datastar_runtime::FragmentOptions::new()
                .selector("#main")
                .mode(::datastar_runtime::Mode::Prepend)
        },
        ::core::option::Option::None,
    )
}
async fn get_state(State(db): State<Db>) -> impl IntoEvents {
    (output2(&db), output3())
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct get_state {}
impl ::datastar_runtime::__private::Route for get_state {
    const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
            ::datastar_runtime::__private::Method::Get,
            "/get",
            ::core::concat!(::core::module_path!(), "::get_state"),
        )
        .actions([("$$get('", "/get')"), ("sse('", "/get')"), ("@get('", "/get')")]);
}
impl ::datastar_runtime::page::NoCaptures for get_state {}
#[allow(dead_code)]
impl get_state {
    #[doc(hidden)]
    fn handler(
        arg0: State<Db>,
    ) -> impl ::core::future::Future<
        Output = impl ::datastar_runtime::__private::IntoResponse,
    > {
        use ::datastar_runtime::__private::{EventsKind as _, ResponseKind as _};
        let future = get_state(arg0);
        (&future).datastar_reply_kind().respond(future)
    }
}
fn app(db: Db) -> Router {
    ::datastar_runtime::__private::Routes::new(::datastar_runtime::Dialect::V1)
        .with_route(
            <index as ::datastar_runtime::__private::Route>::ROUTE,
            <index>::handler,
        )
        .with_route(
            <put_input as ::datastar_runtime::__private::Route>::ROUTE,
            <put_input>::handler,
        )
        .with_route(
            <get_state as ::datastar_runtime::__private::Route>::ROUTE,
            <get_state>::handler,
        )
        .with_route(
            <feed as ::datastar_runtime::__private::Route>::ROUTE,
            <feed>::handler,
        )
        .finish()
        .with_state(db)
}
