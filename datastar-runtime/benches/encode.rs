//! Encoding speed of every dialect: a small fragment, a 10 KB fragment of 200 indented
//! lines, and a 1 KB signals object, each encoded into a reused buffer.
//!
//! Run: `cargo bench -p datastar-runtime --bench encode -- --warm-up-time 1 --measurement-time 3`
//!
//! Times are the benchmark thread's CPU time, not wall time: the machines this runs on are
//! shared with compilers, and time spent waiting for a core says nothing about the encoder.

use std::hint::black_box;

use bytes::BytesMut;
use cpu_time::ThreadTime;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use datastar_runtime::event::{PatchElements, PatchSignals};
use datastar_runtime::{Dialect, Event};

const DIALECTS: [(&str, Dialect); 4] = [
    ("2024", Dialect::Fragment2024 { store: Some("#main") }),
    ("0.19", Dialect::V019),
    ("0.21", Dialect::V021),
    ("1.0", Dialect::V1),
];

/// 100 bytes of HTML on one line.
fn small() -> String {
    let (open, close) = ("<div id=\"feed\" class=\"card\"><span>", "</span></div>");
    let html = format!(
        "{open}{}{close}",
        "4f2a9c1b".repeat(8)[..100 - open.len() - close.len()].to_owned()
    );
    assert_eq!(html.len(), 100);
    html
}

/// About 10 KB of pretty-printed HTML on 200 lines, indented like a template's output.
fn large() -> String {
    let mut html = String::from("<ul id=\"list\">\n");
    let mut i = 0;
    while html.len() < 10_240 - 60 {
        html.push_str(&format!(
            "  <li class=\"row\" data-id=\"{i:04}\">Item number {i:04} is here</li>\n"
        ));
        i += 1;
    }
    html.push_str("</ul>");
    html
}

/// A 1 KB JSON object of signals.
fn signals() -> String {
    let mut json = String::from("{");
    let mut i = 0;
    while json.len() < 1_000 {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!("\"signal{i:03}\":\"value number {i:03}\""));
        i += 1;
    }
    json.push('}');
    json
}

/// The calling thread's CPU time, in nanoseconds, formatted like wall time.
struct ThreadCpu;

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = ThreadTime;
    type Value = f64;

    fn start(&self) -> ThreadTime {
        ThreadTime::now()
    }

    fn end(&self, start: ThreadTime) -> f64 {
        start.elapsed().as_nanos() as f64
    }

    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }

    fn zero(&self) -> f64 {
        0.0
    }

    fn to_f64(&self, value: &f64) -> f64 {
        *value
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn bench(c: &mut Criterion<ThreadCpu>) {
    let inputs = [
        ("small fragment", Event::from(PatchElements::new(small()))),
        ("10 KB fragment", Event::from(PatchElements::new(large()))),
        ("1 KB signals", Event::from(PatchSignals::raw(signals()))),
    ];
    for (what, event) in &inputs {
        let len = match &event.kind {
            datastar_runtime::event::EventKind::PatchElements(p) => p.elements.len(),
            datastar_runtime::event::EventKind::PatchSignals(p) => p.json.len(),
            _ => unreachable!(),
        };
        let mut group = c.benchmark_group(*what);
        group.throughput(Throughput::Bytes(len as u64));
        for (name, dialect) in DIALECTS {
            let mut buf = BytesMut::with_capacity(4 * len + 256);
            group.bench_function(name, |b| {
                b.iter(|| {
                    buf.clear();
                    dialect.encode(black_box(event), &mut buf).unwrap();
                    black_box(buf.len())
                })
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = bench
}
criterion_main!(benches);
