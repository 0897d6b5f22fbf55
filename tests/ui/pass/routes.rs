//! Route attributes on every method, in either order with `#[fragment]` or `#[signals]`,
//! every path form axum 0.8 takes, module paths, dialects, state, nesting and merging.

use axum::Router;
use axum::extract::{Path, State};
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, IntoEvents, delete, fragment, get, patch, post, put, routes, signals};

#[derive(Clone)]
struct AppState {
    name: &'static str,
}

#[get("/")]
async fn index(State(state): State<AppState>) -> Markup {
    html! { h1 { (state.name) } }
}

#[post("/users/{id}")]
#[fragment(selector = "#user", mode = "inner")]
async fn create(Path(id): Path<u32>) -> Markup {
    html! { p { (id) } }
}

#[fragment(selector = "#user", mode = "inner")]
#[put("/users/{id}")]
async fn update(Path(id): Path<u32>) -> Markup {
    html! { p { (id) } }
}

#[datastar_runtime::patch("/files/{*rest}")]
#[datastar_runtime::signals]
fn rename(Path(rest): Path<String>) -> serde_json::Value {
    serde_json::json!({ "path": rest })
}

#[signals]
#[patch("/file-{name}")]
fn touch(Path(name): Path<String>) -> serde_json::Value {
    serde_json::json!({ "name": name })
}

#[delete("/literal/{{braces}}")]
fn braces() -> impl IntoEvents {
    (create_markup(), datastar_runtime::event::RemoveElements::new("#old"))
}

#[fragment]
fn create_markup() -> Markup {
    html! { p #new {} }
}

mod nested {
    use datastar_runtime::get;

    /// A route in another module, listed by path.
    #[get("/nested")]
    pub fn handler() -> &'static str {
        "nested"
    }
}

fn app() -> Router {
    let old = routes![dialect = Dialect::V019; create, update];
    let prefixed = routes![prefix = "/v1", dialect = Dialect::V1; create];
    let trailing_comma_options = routes![dialect = Dialect::V1, prefix = "/v2",; update];
    let beta = routes![dialect = Dialect::V021; rename,];
    let fragment_2024 = routes![dialect = Dialect::Fragment2024 { store: Some("#main") }; touch];
    Router::new()
        .nest("/old", old)
        .nest("/beta", beta)
        .nest("/2024", fragment_2024)
        .merge(prefixed)
        .merge(trailing_comma_options)
        .merge(routes![index, braces, nested::handler])
        .route("/health", axum::routing::get(|| async { "ok" }))
        .with_state(AppState { name: "routes" })
}

fn main() {
    let _ = app();
    let empty: Router = routes![];
    let _ = empty;
}
