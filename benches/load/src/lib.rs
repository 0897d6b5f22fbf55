//! Load benchmark for the Datastar runtime: the servers under test, the clients that
//! drive them, and the report. See `benches/load/run.sh` and `BENCHMARKS.md`.
//!
//! Every server serves the same feed fragment, `<span id="feed" data-t="NANOS">HEX</span>`,
//! where `NANOS` is the UNIX time in nanoseconds at which the event was produced: the
//! fan-out client reads it back to measure each event's lag.

pub mod callgrind;
pub mod client;
pub mod feed_html;
pub mod proc_stats;
pub mod report;
pub mod server;
pub mod wrk;
