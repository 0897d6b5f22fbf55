use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(selectr = "#main")]
fn greeting() -> Markup {
    html! { p { "hi" } }
}

#[fragment(colour = "red")]
fn colourful() -> Markup {
    html! { p { "hi" } }
}

fn main() {}
