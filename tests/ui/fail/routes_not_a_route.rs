use axum::Router;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{get, routes};

#[get("/")]
async fn index() -> Markup {
    html! { p { "index" } }
}

#[allow(non_camel_case_types)]
struct about;

async fn contact() -> Markup {
    html! { p { "contact" } }
}

fn main() {
    let _: Router = routes![index, about];
    let _: Router = routes![index, contact];
}
