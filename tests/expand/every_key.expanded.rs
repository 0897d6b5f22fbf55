/// A point on the chart.
pub fn point(
    x: u32,
    y: u32,
) -> impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse + use<> {
    fn point(x: u32, y: u32) -> Markup {
        html! {
            circle cx = (x) cy = (y) r = "2" {}
        }
    }
    use ::datastar_runtime::__private::{BodyKind as _, FeedKind as _};
    let value = point(x, y);
    (&value)
        .datastar_fragment_kind()
        .fragment(
            value,
            &const {
                ::datastar_runtime::FragmentOptions::new()
                    .selector("#chart")
                    .mode(::datastar_runtime::Mode::Append)
                    .settle(::core::time::Duration::from_millis(300))
                    .view_transition(true)
                    .namespace(::datastar_runtime::Namespace::Svg)
                    .id("point")
                    .retry_ms(2500)
            },
        )
}
