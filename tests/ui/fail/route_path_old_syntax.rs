use datastar_runtime::get;
use datastar_runtime::maud::{Markup, html};

#[get("/users/:id")]
async fn user() -> Markup {
    html! { p { "user" } }
}

#[get("/files/*path")]
async fn file() -> Markup {
    html! { p { "file" } }
}

fn main() {}
