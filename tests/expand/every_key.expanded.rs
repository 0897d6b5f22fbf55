/// A point on the chart.
pub fn point(
    x: u32,
    y: u32,
) -> <Markup as ::datastar_runtime::reply::FragmentBody>::Output {
    let value: Markup = {
        html! {
            circle cx = (x) cy = (y) r = "2" {}
        }
    };
    <Markup as ::datastar_runtime::reply::FragmentBody>::into_fragment(
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
        ::core::option::Option::None,
    )
}
