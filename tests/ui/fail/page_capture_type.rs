//! An action's capture values have the type the handler's `Path<T>` reads: text for a
//! numeric id is a type error at the argument.

use axum::extract::Path;
use datastar_runtime::maud::Markup;
use datastar_runtime::page::{Page, PageError};
use datastar_runtime::{get, page};

#[get("/users/{id}")]
async fn user(Path(id): Path<u32>) -> String {
    id.to_string()
}

fn profile(p: Page) -> Result<Markup, PageError> {
    page!(p, { button data-on:click=(p.action_with::<user>("seven")?) {} })
}

fn main() {
    let _ = profile(Page::new(datastar_runtime::Dialect::V1, ""));
}
