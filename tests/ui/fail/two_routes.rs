use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{get, post};

#[get("/items")]
#[post("/items")]
async fn items() -> Markup {
    html! { p { "items" } }
}

fn main() {}
