// Every `#[fragment]` key: they become one constant `FragmentOptions`.

/// A point on the chart.
#[fragment(
    selector = "#chart",
    mode = "append",
    settle = 300,
    view_transition,
    namespace = "svg",
    id = "point",
    retry = 2500
)]
pub fn point(x: u32, y: u32) -> Markup {
    html! { circle cx=(x) cy=(y) r="2" {} }
}
