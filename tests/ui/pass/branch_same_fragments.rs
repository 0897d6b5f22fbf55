//! Two fragments returning the same kind of markup are the same type, so `if`/`else` (or
//! `match`) arms may return either without a wrapper.

use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, IntoEvents, fragment, get};
use datastar_runtime::reply::EventWriter;

#[fragment(selector = "#rows", mode = "inner")]
fn rows() -> Markup {
    html! { tr { td { "first" } } }
}

#[fragment(selector = "#rows", mode = "append")]
fn more_rows(n: u32) -> Markup {
    html! { tr { td { (n) } } }
}

#[get("/rows")]
async fn page(axum::extract::Query(n): axum::extract::Query<u32>) -> impl IntoEvents {
    if n == 0 { rows() } else { more_rows(n) }
}

fn pick(n: u32) -> impl IntoEvents {
    match n {
        0 => rows(),
        n => more_rows(n),
    }
}

fn main() {
    let mut out = EventWriter::new(Dialect::V1);
    pick(2).write_events(&mut out);
    assert_eq!(
        &out.finish().ready[..],
        &b"event: datastar-patch-elements\ndata: selector #rows\ndata: mode append\ndata: elements <tr><td>2</td></tr>\n\n"[..]
    );
    let _ = page;
}
