use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{IntoEvents, fragment, get};
use datastar_runtime::event::Redirect;

#[fragment]
fn row() -> Markup {
    html! { tr #row {} }
}

// rustc's hint for two different branch types; events cannot be boxed.
#[get("/next")]
async fn next(first: bool) -> Box<dyn IntoEvents> {
    if first { Box::new(row()) } else { Box::new(Redirect::new("/done")) }
}

fn main() {}
