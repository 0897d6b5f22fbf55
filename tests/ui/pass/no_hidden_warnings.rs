//! What the expansions use is not reported unused: a parameter read only by a run-time
//! option, pattern parameters, routed handlers and the fragments they compose. Denied, so
//! any warning fails the build.

#![deny(unused_variables, dead_code)]

use axum::extract::{Path, State};
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{IntoEvents, fragment, get, routes};

#[derive(Clone)]
struct Db;

#[fragment(selector = format!("#contact_{id}"), mode = "inner")]
fn contact(id: u32, name: &str) -> Markup {
    html! { span { (name) } }
}

#[get("/contacts/{id}")]
#[fragment(selector = format!("#contact_{id}"), mode = "remove")]
async fn remove(State(_db): State<Db>, Path(id): Path<u32>) {}

#[get("/contact")]
async fn show() -> impl IntoEvents {
    contact(7, "Ada")
}

fn main() {
    let _: axum::Router = routes![remove, show].with_state(Db);
}
