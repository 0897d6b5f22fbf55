//! `#[signals]`: any serialisable value, a `Result` of one, sync or async.

use std::collections::BTreeMap;

use datastar_runtime::{Dialect, IntoEvents, signals};
use datastar_runtime::reply::EventWriter;
use http::StatusCode;

#[derive(serde::Serialize)]
struct Counter {
    count: u32,
}

#[signals]
fn counter() -> Counter {
    Counter { count: 1 }
}

#[signals(only_if_missing)]
fn defaults() -> serde_json::Value {
    serde_json::json!({ "show": false })
}

#[signals(only_if_missing = false)]
async fn map() -> BTreeMap<String, u8> {
    BTreeMap::from([("a".to_owned(), 1)])
}

#[signals]
fn checked(ok: bool) -> Result<Counter, StatusCode> {
    if ok { Ok(Counter { count: 2 }) } else { Err(StatusCode::CONFLICT) }
}

fn bytes(value: impl IntoEvents) -> String {
    let mut out = EventWriter::new(Dialect::V1);
    value.write_events(&mut out);
    String::from_utf8(out.finish().ready.to_vec()).unwrap()
}

fn main() {
    assert_eq!(bytes(counter()), "event: datastar-patch-signals\ndata: signals {\"count\":1}\n\n");
    assert_eq!(
        bytes(defaults()),
        "event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {\"show\":false}\n\n"
    );
    assert!(bytes(checked(true)).contains("{\"count\":2}"));
    let mut out = EventWriter::new(Dialect::V1);
    checked(false).write_events(&mut out);
    assert!(out.finish().failure.is_some());
    let _later = map();
}
