use datastar_runtime::get;
use datastar_runtime::maud::{Markup, html};

#[get("users")]
async fn users() -> Markup {
    html! { p { "users" } }
}

#[get("")]
async fn root() -> Markup {
    html! { p { "root" } }
}

fn main() {}
