//! A run-time selector with a line break is a typed error when the event is encoded, not a
//! corrupt stream.

use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, IntoEvents, fragment};
use datastar_runtime::encode::EncodeError;
use datastar_runtime::reply::{EventWriter, Failure};

#[fragment(selector = format!("#row_{name}"))]
fn row(name: &str) -> Markup {
    html! { tr {} }
}

fn main() {
    let mut out = EventWriter::new(Dialect::V1);
    row("1\ndata: injected").write_events(&mut out);
    let written = out.finish();
    assert!(
        matches!(written.failure, Some(Failure::Encode(EncodeError::LineBreak { field: "selector" }))),
        "{:?}",
        written.failure
    );
    assert!(written.ready.is_empty());
}
