use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(merge = "prepend_element", mode = "prepend", selector = "#main")]
fn greeting() -> Markup {
    html! { p { "hi" } }
}

fn main() {}
