use axum::Router;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Signals, get, routes};

struct Search {
    query: String,
}

#[get("/search")]
async fn search(Signals(search): Signals<Search>) -> Markup {
    html! { p { (search.query) } }
}

fn main() {
    let _: Router = routes![search];
}
