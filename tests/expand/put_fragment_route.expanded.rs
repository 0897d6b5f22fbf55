async fn put_input(
    State(db): State<Db>,
    Signals(signals): Signals<Input>,
) -> <Markup as ::datastar_runtime::reply::FragmentBody>::Output {
    let value: Markup = {
        db.set(&signals.input);
        let n = signals.input.chars().count();
        html! {
            div # output { "Your input: "(signals.input) ", is "(n) " long." }
        }
    };
    <Markup as ::datastar_runtime::reply::FragmentBody>::into_fragment(
        value,
        &const { ::datastar_runtime::FragmentOptions::new() },
        ::core::option::Option::None,
    )
}
#[doc(hidden)]
#[allow(non_camel_case_types, dead_code)]
struct put_input {}
impl ::datastar_runtime::__private::Route for put_input {
    const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
            ::datastar_runtime::__private::Method::Put,
            "/put",
            ::core::concat!(::core::module_path!(), "::put_input"),
        )
        .fragment(::datastar_runtime::FragmentOptions::new())
        .actions([
            ("$$put('", "/put')"),
            ("sse('", "/put', {method: 'put'})"),
            ("@put('", "/put')"),
        ]);
}
impl ::datastar_runtime::page::NoCaptures for put_input {}
#[allow(dead_code)]
impl put_input {
    #[doc(hidden)]
    fn handler(
        arg0: State<Db>,
        arg1: Signals<Input>,
    ) -> impl ::core::future::Future<
        Output = <Markup as ::datastar_runtime::reply::FragmentBody>::Output,
    > {
        ::datastar_runtime::__private::signals_type::<Input>();
        put_input(arg0, arg1)
    }
}
const _: () = {
    use fragment as _;
};
