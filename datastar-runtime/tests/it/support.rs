//! What the property tests (`property`, `parse_roundtrip`) share: the dialects they run in,
//! an event framed with an id and a retry, the line breaks and JavaScript whitespace their
//! expectations restate, and where proptest keeps the failures it found.

use std::time::Duration;

use datastar_runtime::{Dialect, Event, Mode};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Every dialect, the 2024 one with and without a store element.
pub fn dialects() -> [Dialect; 5] {
    [
        Dialect::FRAGMENT_2024,
        Dialect::Fragment2024 { store: Some("#main") },
        Dialect::V019,
        Dialect::V021,
        Dialect::V1,
    ]
}

/// `cases` inputs per property. The failures proptest finds are kept beside the test's own
/// file (`property.proptest-regressions`): by default it would look for the nearest
/// `main.rs`, find this binary's, and write them to a folder beside `it/` instead.
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    }
}

/// An event id and retry on any event.
pub fn framed(event: impl Into<Event>, id: &Option<String>, retry: Option<u32>) -> Event {
    let mut event = event.into();
    if let Some(id) = id {
        event = event.id(id.clone());
    }
    if let Some(ms) = retry {
        event = event.retry(Duration::from_millis(ms.into()));
    }
    event
}

/// Any merge mode.
pub fn mode() -> impl Strategy<Value = Mode> {
    prop::sample::select(Mode::ALL.to_vec())
}

/// CRLF and CR become LF, as in an SSE stream and in the HTML parser.
pub fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whitespace as JavaScript's `trim()` sees it.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}
