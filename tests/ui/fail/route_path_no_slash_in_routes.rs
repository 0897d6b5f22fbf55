use axum::Router;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{get, routes};

// Only the path is reported: the route stays listable, so `routes!` adds no error.
#[get("users")]
async fn users() -> Markup {
    html! { p { "users" } }
}

fn main() {
    let _: Router = routes![users];
}
