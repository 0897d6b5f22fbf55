use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(selector = "#main", merge = "prepend_elemnt")]
fn greeting() -> Markup {
    html! { p { "hi" } }
}

#[fragment(mode = "xyzzy")]
fn nonsense() -> Markup {
    html! { p #a { "hi" } }
}

fn main() {}
