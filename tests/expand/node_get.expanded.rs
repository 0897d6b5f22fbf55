fn output2(
    db: &Db,
) -> impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse + use<> {
    fn output2(db: &Db) -> Markup {
        html! {
            div # output2 { "Backend State: "(db.dump()) "." }
        }
    }
    use ::datastar_runtime::__private::{BodyKind as _, FeedKind as _};
    let value = output2(db);
    (&value)
        .datastar_fragment_kind()
        .fragment(value, &const { ::datastar_runtime::FragmentOptions::new() })
}
fn output3() -> impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse + use<> {
    fn output3() -> Markup {
        html! {
            div # output3 { "Check this out!" }
        }
    }
    use ::datastar_runtime::__private::{BodyKind as _, FeedKind as _};
    let value = output3();
    (&value)
        .datastar_fragment_kind()
        .fragment(
            value,
            &const {
                ::datastar_runtime::FragmentOptions::new()
                    .selector("#main")
                    .mode(::datastar_runtime::Mode::Prepend)
            },
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
    );
}
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
        .route::<index, _, _>(index::handler)
        .route::<put_input, _, _>(put_input::handler)
        .route::<get_state, _, _>(get_state::handler)
        .route::<feed, _, _>(feed::handler)
        .finish()
        .with_state(db)
}
