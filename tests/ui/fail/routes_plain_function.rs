use axum::Router;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::routes;

// No route attribute: `routes!` cannot know its method and path.
async fn about() -> Markup {
    html! { p { "about" } }
}

fn main() {
    let _: Router = routes![about];
}
