async fn put_input(
    arg0: State<Db>,
    arg1: Signals<Input>,
) -> <Markup as ::datastar_runtime::reply::FragmentBody>::Output {
    async fn put_input(
        State(db): State<Db>,
        Signals(signals): Signals<Input>,
    ) -> Markup {
        db.set(&signals.input);
        let n = signals.input.chars().count();
        html! {
            div # output { "Your input: "(signals.input) ", is "(n) " long." }
        }
    }
    let value = put_input(arg0, arg1).await;
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
        .fragment(::datastar_runtime::FragmentOptions::new());
    type Captures = ();
}
#[allow(dead_code)]
impl put_input {
    #[doc(hidden)]
    fn handler(
        arg0: State<Db>,
        arg1: Signals<Input>,
    ) -> impl ::core::future::Future<
        Output = impl ::datastar_runtime::__private::IntoResponse,
    > {
        use ::datastar_runtime::__private::{EventsKind as _, ResponseKind as _};
        ::datastar_runtime::__private::signals_type::<Input>();
        let future = put_input(arg0, arg1);
        (&future).datastar_reply_kind().respond(future)
    }
}
const _: () = {
    use fragment as _;
};
