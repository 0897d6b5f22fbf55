//! Encoding a fragment or signals into a buffer with room for them allocates nothing, in
//! every dialect, single-line or not; an event that must build its own HTML (a 1.0
//! script element) allocates once. Counted by a counting global allocator.

use std::alloc::System;

use bytes::BytesMut;
use datastar_runtime::event::{ExecuteScript, PatchElements, PatchSignals, RemoveElements};
use datastar_runtime::reply::EventWriter;
use datastar_runtime::{Dialect, Event};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

// The counts are process-wide: every test of this binary allocates through it, and the
// one test here measures alone in a process of its own.
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const DIALECTS: [Dialect; 4] = [
    Dialect::Fragment2024 { store: Some("#main") },
    Dialect::V019,
    Dialect::V021,
    Dialect::V1,
];

/// Allocations (and reallocations) made while encoding `event` into a buffer reserved
/// for it. The counter is process-wide and the test harness's own thread may allocate at
/// any moment, so the fewest of a few tries is the encoder's count.
fn allocations(dialect: Dialect, event: &Event) -> usize {
    (0..5)
        .map(|_| {
            let mut buf = BytesMut::with_capacity(64 * 1024);
            let region = Region::new(GLOBAL);
            dialect.encode(event, &mut buf).unwrap();
            let stats = region.change();
            assert!(!buf.is_empty());
            stats.allocations + stats.reallocations
        })
        .min()
        .unwrap_or_default()
}

fn fragments() -> Vec<Event> {
    let mut multi_line = String::from("<ul id=\"list\">\n");
    for i in 0..200 {
        multi_line.push_str(&format!("  <li data-id=\"{i}\">\u{a0}item {i}</li>\n"));
    }
    multi_line.push_str("</ul>\n<pre id=\"p\">\n  keep\n</pre>");
    vec![
        PatchElements::new("<div id=\"a\">one line</div>").into(),
        PatchElements::new(multi_line.clone()).into(),
        PatchElements::new(multi_line).selector("#x").into(),
        RemoveElements::new("#gone").into(),
    ]
}

#[test]
fn encoding_into_a_reserved_buffer() {
    if crate::alone::elsewhere("allocations::encoding_into_a_reserved_buffer") {
        return;
    }
    // The counter counts.
    let region = Region::new(GLOBAL);
    let v = std::hint::black_box(vec![1u8; 16]);
    assert_eq!(region.change().allocations, 1);
    drop(v);

    // Fragments allocate nothing, single-line or not.
    for dialect in DIALECTS {
        for event in fragments() {
            assert_eq!(allocations(dialect, &event), 0, "{dialect}: {event:?}");
        }
    }

    // Signals allocate nothing either, also as 2024's store element.
    let signals = Event::from(PatchSignals::raw("{\n  \"a\": 1,\n  \"b\": [1, 2]\n}"));
    for dialect in DIALECTS {
        assert_eq!(allocations(dialect, &signals), 0, "{dialect}");
    }

    // A reply's writer sizes its buffer from the event: one allocation, no regrowth.
    let reply = Event::from(PatchElements::new(format!("<div id=\"a\">{}</div>", "x".repeat(600))).selector("#main"));
    for dialect in DIALECTS {
        let fewest = (0..5)
            .map(|_| {
                let region = Region::new(GLOBAL);
                let mut out = EventWriter::new(dialect);
                out.push(&reply);
                let stats = region.change();
                drop(out);
                stats.allocations + stats.reallocations
            })
            .min()
            .unwrap_or_default();
        assert_eq!(fewest, 1, "{dialect}");
    }

    // A script is lines in 0.21 and one built element in 1.0.
    let script = Event::from(ExecuteScript::new("a()\nb()").attribute("nonce", "x"));
    assert_eq!(allocations(Dialect::V021, &script), 0);
    assert_eq!(allocations(Dialect::V1, &script), 1);
}
