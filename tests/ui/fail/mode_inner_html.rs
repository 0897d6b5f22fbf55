use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

// The DOM property's name, not a `mode` word.
#[fragment(selector = "#main", mode = "innerHTML")]
fn main_content() -> Markup {
    html! { p { "hi" } }
}

fn main() {}
