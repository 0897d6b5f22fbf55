use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(selector)]
fn greeting() -> Markup {
    html! { p { "hi" } }
}

fn main() {}
