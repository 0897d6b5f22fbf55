//! Delete a row by a run-time id: a removing fragment whose selector is an expression.

use datastar_runtime::{Dialect, IntoEvents, delete, fragment};
use datastar_runtime::reply::EventWriter;

#[delete("/contacts/{id}")]
#[fragment(selector = format!("#contact_{id}"), mode = "remove")]
async fn delete_contact(axum::extract::Path(id): axum::extract::Path<u32>) {
    let _ = id;
}

#[fragment(selector = format!("#contact_{id}"), mode = "remove")]
fn removed(id: u32) {}

fn main() {
    let mut out = EventWriter::new(Dialect::V1);
    removed(3).write_events(&mut out);
    assert_eq!(
        &out.finish().ready[..],
        b"event: datastar-patch-elements\ndata: selector #contact_3\ndata: mode remove\n\n"
    );
    let _ = delete_contact;
}
