//! Every return kind of a `#[fragment]`, sync and async, generic and borrowing.

use std::fmt::Display;

use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, IntoEvents, fragment};
use datastar_runtime::reply::EventWriter;
use futures_util::{Stream, StreamExt};
use http::StatusCode;

#[fragment]
fn markup() -> Markup {
    html! { p #a { "a" } }
}

#[fragment]
fn result(ok: bool) -> Result<Markup, StatusCode> {
    if ok { Ok(html! { p #r { "ok" } }) } else { Err(StatusCode::NOT_FOUND) }
}

#[fragment]
fn option(some: bool) -> Option<Markup> {
    some.then(|| html! { p #o { "some" } })
}

#[fragment(mode = "append", selector = "ul")]
fn list(n: usize) -> Vec<Markup> {
    (0..n).map(|i| html! { li { (i) } }).collect()
}

#[fragment]
fn pair() -> (Markup, Markup) {
    (html! { p #x { "x" } }, html! { p #y { "y" } })
}

#[fragment]
fn nested() -> (Markup, Option<Markup>, Vec<Result<Markup, StatusCode>>) {
    (html! { p #x { "x" } }, None, vec![Ok(html! { p #y { "y" } })])
}

#[fragment]
fn stream() -> impl Stream<Item = Markup> + Send + 'static {
    futures_util::stream::iter(0..2).map(|i| html! { span #feed { (i) } })
}

#[fragment]
async fn later(name: String) -> Markup {
    html! { p #later { (name) } }
}

#[fragment]
fn generic<T: Display>(value: T) -> Markup {
    html! { p #generic { (value) } }
}

#[fragment]
fn borrowing(name: &str, count: &usize) -> Markup {
    html! { p #borrowing { (name) (count) } }
}

/// Documented, with other attributes: they stay on the function.
#[fragment]
#[allow(clippy::needless_pass_by_value)]
#[must_use]
pub(crate) fn documented(_unused: String) -> Markup {
    html! { p #documented {} }
}

/// A borrowed argument does not leak into the value, so fragments of locals compose.
fn compose() -> impl IntoEvents {
    let name = String::from("local");
    (borrowing(&name, &1), markup(), generic(3))
}

fn bytes(value: impl IntoEvents) -> String {
    let mut out = EventWriter::new(Dialect::V1);
    value.write_events(&mut out);
    let written = out.finish();
    assert!(written.failure.is_none());
    String::from_utf8(written.ready.to_vec()).unwrap()
}

fn main() {
    assert!(bytes(markup()).contains("<p id=\"a\">a</p>"));
    assert!(bytes(result(true)).contains("<p id=\"r\">ok</p>"));
    let mut out = EventWriter::new(Dialect::V1);
    result(false).write_events(&mut out);
    assert!(out.finish().failure.is_some());
    assert_eq!(bytes(option(false)), "");
    assert_eq!(bytes(list(3)).matches("data: mode append").count(), 3);
    assert_eq!(bytes(pair()).matches("event:").count(), 2);
    assert_eq!(bytes(nested()).matches("event:").count(), 2);
    let mut out = EventWriter::new(Dialect::V1);
    stream().write_events(&mut out);
    assert!(out.finish().feed.is_some());
    let _later = later(String::from("x"));
    assert!(bytes(compose()).contains("local1"));
    assert!(bytes(documented(String::new())).contains("documented"));
}
