use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

// `morph` is a 0.x word: in `mode` (1.0 words) morphing is spelled `outer`.
#[fragment(mode = "morph")]
fn greeting() -> Markup {
    html! { p #greeting { "hi" } }
}

// `outer_element` (0.x) replaces: in 1.0 that is `replace`, not `outer`.
#[fragment(mode = "outer_element")]
fn replaced() -> Markup {
    html! { p #replaced { "hi" } }
}

// upsert-attributes has no 1.0 word at all.
#[fragment(mode = "upsert_attributes")]
fn upserted() -> Markup {
    html! { p #upserted { "hi" } }
}

fn main() {}
