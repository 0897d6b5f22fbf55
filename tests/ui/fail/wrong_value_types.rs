use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(settle = "300")]
fn settle_as_text() -> Markup {
    html! { p #a { "hi" } }
}

#[fragment(selector = 1)]
fn selector_as_number() -> Markup {
    html! { p #a { "hi" } }
}

#[fragment(view_transition = "yes")]
fn view_transition_as_text() -> Markup {
    html! { p #a { "hi" } }
}

#[fragment(retry = 1.5)]
fn retry_as_float() -> Markup {
    html! { p #a { "hi" } }
}

fn main() {}
