use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{get, post};

#[get]
async fn index() -> Markup {
    html! { p { "index" } }
}

#[post(path = "/x")]
async fn create() -> Markup {
    html! { p { "created" } }
}

fn main() {}
