use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

// `replace` is a 1.0 word: in `merge` (0.x words) replacing is spelled `outer`.
#[fragment(merge = "replace")]
fn greeting() -> Markup {
    html! { p #greeting { "hi" } }
}

#[fragment(selector = "#toast", merge = "remove")]
fn toast() {}

fn main() {}
