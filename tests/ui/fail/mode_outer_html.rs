use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(mode = "outerHTML")]
fn greeting() -> Markup {
    html! { p #greeting { "hi" } }
}

fn main() {}
