use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(selector = "#main >")]
fn dangling_combinator() -> Markup {
    html! { p { "hi" } }
}

#[fragment(selector = "div[data-id")]
fn unclosed_attribute() -> Markup {
    html! { p { "hi" } }
}

#[fragment(selector = "#1st")]
fn id_starting_with_a_digit() -> Markup {
    html! { p { "hi" } }
}

#[fragment(selector = "ul,,li")]
fn empty_list_item() -> Markup {
    html! { p { "hi" } }
}

fn main() {}
