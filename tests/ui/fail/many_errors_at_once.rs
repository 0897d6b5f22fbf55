use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{fragment, get};

// Every mistake is reported in one build, not one per build.
#[get("/users/:id")]
#[fragment(selectr = "#main", merge = "prepend_elemnt", settle = "fast")]
async fn user() -> Markup {
    html! { p { "user" } }
}

fn main() {}
