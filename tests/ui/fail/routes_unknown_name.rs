use axum::Router;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{get, routes};

#[get("/contact")]
async fn contact() -> Markup {
    html! { p { "contact" } }
}

fn main() {
    let _: Router = routes![contcat];
}
