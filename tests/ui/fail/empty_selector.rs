use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(selector = "")]
fn greeting() -> Markup {
    html! { p #greeting { "hi" } }
}

fn main() {}
