//! The expansion hides no warning: a parameter that neither the body nor a run-time option
//! reads is reported unused, as in the function written without the attribute.

#![deny(unused_variables)]

use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(selector = format!("#row_{id}"))]
fn row(id: u32, name: &str, unread: u8) -> Markup {
    html! { td { (name) } }
}

#[fragment]
fn plain(unread: u8) -> Markup {
    html! { p {} }
}

fn main() {
    let _ = row(1, "a", 2);
    let _ = plain(1);
}
