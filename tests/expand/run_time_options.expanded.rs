async fn delete_contact(
    arg0: State<Db>,
    arg1: Path<u32>,
) -> impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse + use<> {
    #[allow(unused_variables)]
    async fn delete_contact(State(db): State<Db>, Path(id): Path<u32>) {
        db.delete(id).await;
    }
    #[allow(unused_variables)]
    let run_time = {
        let State(db) = &arg0;
        let Path(id) = &arg1;
        ::datastar_runtime::__private::run_time(
            ::datastar_runtime::__private::RunTimeOptions::new()
                .selector(format!("#contact_{id}")),
        )
    };
    delete_contact(arg0, arg1).await;
    ::datastar_runtime::__private::remove_with(
        &const {
            ::datastar_runtime::FragmentOptions::new()
                .mode(::datastar_runtime::Mode::Remove)
        },
        run_time,
    )
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct delete_contact {}
impl ::datastar_runtime::__private::Route for delete_contact {
    const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
            ::datastar_runtime::__private::Method::Delete,
            "/contacts/{id}",
            ::core::concat!(::core::module_path!(), "::delete_contact"),
        )
        .fragment(
            ::datastar_runtime::FragmentOptions::new()
                .mode(::datastar_runtime::Mode::Remove)
                .run_time_selector(),
        );
}
impl ::datastar_runtime::page::PathCaptures<delete_contact> for u32 {}
#[allow(dead_code)]
impl delete_contact {
    #[doc(hidden)]
    fn handler(
        arg0: State<Db>,
        arg1: Path<u32>,
    ) -> impl ::core::future::Future<
        Output = impl ::datastar_runtime::__private::IntoResponse,
    > {
        delete_contact(arg0, arg1)
    }
}
const _: () = {
    use fragment as _;
};
fn row(n: u32) -> <Markup as ::datastar_runtime::reply::FragmentBody>::Output {
    #[allow(unused_variables)]
    fn row(n: u32) -> Markup {
        html! {
            tr { td { (n) } }
        }
    }
    #[allow(unused_variables)]
    let run_time = {
        ::datastar_runtime::__private::run_time(
            ::datastar_runtime::__private::RunTimeOptions::new()
                .selector(format!("#row_{n}"))
                .id(format!("row-{n}")),
        )
    };
    let value = row(n);
    <Markup as ::datastar_runtime::reply::FragmentBody>::into_fragment(
        value,
        &const { ::datastar_runtime::FragmentOptions::new() },
        ::core::option::Option::Some(&run_time),
    )
}
async fn search(
    arg0: Signals<Search>,
) -> <Markup as ::datastar_runtime::reply::FragmentBody>::Output {
    async fn search(Signals(search): Signals<Search>) -> Markup {
        html! {
            p { (search.query) }
        }
    }
    let value = search(arg0).await;
    <Markup as ::datastar_runtime::reply::FragmentBody>::into_fragment(
        value,
        &const {
            ::datastar_runtime::FragmentOptions::new()
                .selector("#results")
                .mode(::datastar_runtime::Mode::Inner)
        },
        ::core::option::Option::None,
    )
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct search {}
impl ::datastar_runtime::__private::Route for search {
    const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
            ::datastar_runtime::__private::Method::Post,
            "/search",
            ::core::concat!(::core::module_path!(), "::search"),
        )
        .fragment(
            ::datastar_runtime::FragmentOptions::new()
                .selector("#results")
                .mode(::datastar_runtime::Mode::Inner),
        )
        .actions([
            ("$$post('", "/search')"),
            ("sse('", "/search', {method: 'post'})"),
            ("@post('", "/search')"),
        ]);
}
impl ::datastar_runtime::page::NoCaptures for search {}
#[allow(dead_code)]
impl search {
    #[doc(hidden)]
    fn handler(
        arg0: Signals<Search>,
    ) -> impl ::core::future::Future<
        Output = <Markup as ::datastar_runtime::reply::FragmentBody>::Output,
    > {
        ::datastar_runtime::__private::signals_type::<Search>();
        search(arg0)
    }
}
const _: () = {
    use fragment as _;
};
