//! `Page::action` to a route with path captures is refused when the page is compiled (a
//! URL with `{id}` in it would be wrong), saying to pass the values with `action_with`.

use axum::extract::Path;
use datastar_runtime::maud::Markup;
use datastar_runtime::page::{Page, PageError};
use datastar_runtime::{get, page};

#[get("/users/{id}")]
async fn user(Path(id): Path<u32>) -> String {
    id.to_string()
}

fn profile(p: Page) -> Result<Markup, PageError> {
    page!(p, { button data-on:click=(p.action::<user>()) {} })
}

fn main() {
    let _ = profile(Page::new(datastar_runtime::Dialect::V1, ""));
}
