//! A route in no `routes!` list, and a fragment or signals function nothing calls, is
//! reported as the function would be without its attribute: never used (here denied, to
//! show the lint).

#![deny(dead_code)]

use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{fragment, get, routes, signals};

#[get("/a")]
async fn routed() -> Markup {
    html! {}
}

#[get("/b")]
async fn never_routed() -> Markup {
    html! {}
}

#[get("/c")]
#[fragment]
async fn fragment_never_routed() -> Markup {
    html! {}
}

#[fragment(selector = "#main")]
fn fragment_never_used() -> Markup {
    html! {}
}

#[signals]
fn signals_never_used() -> u32 {
    1
}

fn main() {
    let _: axum::Router = routes![routed];
}
