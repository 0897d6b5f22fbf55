//! `selector` and `id` from expressions over the function's arguments, checked when the
//! event is built.

use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, IntoEvents, fragment};
use datastar_runtime::reply::EventWriter;

#[fragment(selector = format!("#contact_{id}"), mode = "inner", id = format!("contact-{id}"))]
fn contact(id: u32, name: &str) -> Markup {
    html! { span { (name) } }
}

const TARGET: &str = "#status";

#[fragment(selector = TARGET)]
fn status() -> Markup {
    html! { p { "ok" } }
}

fn bytes(value: impl IntoEvents) -> String {
    let mut out = EventWriter::new(Dialect::V1);
    value.write_events(&mut out);
    let written = out.finish();
    assert!(written.failure.is_none());
    String::from_utf8(written.ready.to_vec()).expect("utf-8")
}

fn main() {
    assert_eq!(
        bytes(contact(7, "Ada")),
        "event: datastar-patch-elements\nid: contact-7\ndata: selector #contact_7\ndata: mode inner\ndata: elements <span>Ada</span>\n\n"
    );
    assert_eq!(
        bytes(status()),
        "event: datastar-patch-elements\ndata: selector #status\ndata: elements <p>ok</p>\n\n"
    );
}
