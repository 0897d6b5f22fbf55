//! A route returning `Markup` without `#[fragment]` is an HTML page, not an SSE reply.

use axum::response::IntoResponse;
use datastar_runtime::get;
use datastar_runtime::maud::{DOCTYPE, Markup, html};

#[get("/")]
async fn index() -> Markup {
    html! { (DOCTYPE) html { body { main #main {} } } }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let response = index().await.into_response();
    let content_type = response.headers()["content-type"].to_str().expect("ascii");
    assert_eq!(content_type, "text/html; charset=utf-8");
}
