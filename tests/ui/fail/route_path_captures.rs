use datastar_runtime::get;
use datastar_runtime::maud::{Markup, html};

#[get("/users/{id")]
async fn unclosed() -> Markup {
    html! { p { "user" } }
}

#[get("/files/{*rest}/raw")]
async fn catch_all_in_the_middle() -> Markup {
    html! { p { "file" } }
}

#[get("/users/{id}.json")]
async fn suffix_after_capture() -> Markup {
    html! { p { "user" } }
}

#[get("/pairs/{id}/{id}")]
async fn duplicate_capture() -> Markup {
    html! { p { "pair" } }
}

#[get("/users/{}")]
async fn empty_capture() -> Markup {
    html! { p { "user" } }
}

fn main() {}
