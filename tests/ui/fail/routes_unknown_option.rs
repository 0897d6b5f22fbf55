use axum::Router;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, get, routes};

#[get("/")]
async fn index() -> Markup {
    html! { p { "index" } }
}

fn main() {
    let _: Router = routes![dialekt = Dialect::V019; index];
    let _: Router = routes![dialect = Dialect::V019, index];
    let _: Router = routes![prefix = "/a", prefix = "/b"; index];
    let _: Router = routes![prefix = "/v1/"; index];
    let _: Router = routes![dialect = ; index];
}
