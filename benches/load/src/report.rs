//! The results of a run, as JSON, as markdown tables, and as a plot.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::client::{churn, fanout};
use crate::wrk;

/// The servers, in table order.
pub const SERVERS: [&str; 3] = ["floor", "ours", "sdk"];

/// What the run ran on.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Machine {
    /// CPU model.
    pub cpu: String,
    /// CPUs this process may use.
    pub cpus: usize,
    /// Kernel release.
    pub kernel: String,
    /// Memory, GiB.
    pub memory_gib: f64,
    /// `rustc --version`.
    pub rustc: String,
    /// `wrk --version`, first line.
    pub wrk: String,
    /// `/proc/loadavg` when the run began: other work on the machine skews every number.
    pub load_before: String,
}

/// The durations and sizes a run used.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Plan {
    /// A smoke run.
    pub quick: bool,
    /// Seconds per wrk run.
    pub oneshot_s: u64,
    /// wrk runs per server and endpoint; the median is reported.
    pub rounds: usize,
    /// Connection counts for the fan-out sweep.
    pub conn_counts: Vec<usize>,
    /// Fan-out window, seconds.
    pub window_s: f64,
    /// Churn cycles.
    pub churn_cycles: usize,
    /// The feeds' period, ms.
    pub period_ms: u64,
}

/// One server on one one-shot endpoint.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OneShot {
    /// `/node/get` or `/python/target`.
    pub endpoint: String,
    /// Server name.
    pub server: String,
    /// Server on CPU 0, wrk on CPU 1.
    pub pinned: bool,
    /// Body bytes of one reply.
    pub body_bytes: usize,
    /// SSE events in one reply.
    pub events: usize,
    /// Every round.
    pub rounds: Vec<wrk::Outcome>,
    /// The round with the median requests/s.
    pub median: wrk::Outcome,
}

/// One fan-out run.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Fanout {
    /// `broadcast`, `timer` or `idle`.
    pub mode: String,
    /// Server name.
    pub server: String,
    /// Server on CPU 0, client on CPU 1.
    pub pinned: bool,
    /// What the client measured.
    pub outcome: fanout::Outcome,
}

/// One churn run.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Churn {
    /// Server name.
    pub server: String,
    /// Cycles asked for.
    pub cycles: usize,
    /// What the client measured.
    pub outcome: churn::Outcome,
}

/// Everything a run measured.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Results {
    /// The machine.
    pub machine: Machine,
    /// The plan.
    pub plan: Plan,
    /// One-shot replies.
    pub oneshot: Vec<OneShot>,
    /// Fan-out runs.
    pub fanout: Vec<Fanout>,
    /// Churn runs.
    pub churn: Vec<Churn>,
    /// What went wrong on the way (a server that would not start, a client that overran).
    pub errors: Vec<String>,
}

fn label(server: &str) -> &'static str {
    match server {
        "floor" => "floor (plain axum, static bytes)",
        "ours" => "**ours** (datastar-runtime)",
        "sdk" => "official SDK (`datastar` 0.4, axum `Sse`)",
        _ => "?",
    }
}

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 { format!("{:.2}", a / b) } else { "–".into() }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

impl Results {
    fn oneshot_of(&self, endpoint: &str, server: &str, pinned: bool) -> Option<&OneShot> {
        self.oneshot
            .iter()
            .find(|o| o.endpoint == endpoint && o.server == server && o.pinned == pinned)
    }

    fn fanout_of(&self, mode: &str, server: &str, pinned: bool, conns: usize) -> Option<&Fanout> {
        self.fanout
            .iter()
            .find(|f| f.mode == mode && f.server == server && f.pinned == pinned && f.outcome.conns == conns)
    }

    /// The markdown report: one table per scenario, every server side by side, then the
    /// targets with how far each is met or missed.
    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let m = &self.machine;
        let p = &self.plan;
        let _ = writeln!(
            md,
            "Machine: {} ({} CPUs), {:.0} GiB, Linux {}; {}; {}. Load average before the run: {}.{}\n",
            m.cpu,
            m.cpus,
            m.memory_gib,
            m.kernel,
            m.rustc,
            m.wrk,
            m.load_before,
            if p.quick {
                " **Quick smoke run: short durations, numbers are indicative only.**"
            } else {
                ""
            }
        );
        for pinned in [false, true] {
            if !self.oneshot.iter().any(|o| o.pinned == pinned) {
                continue;
            }
            let _ = writeln!(
                md,
                "#### One-shot replies, 64 connections{}\n\n`wrk -t1 -c64 -d{}s --latency`, median of {} rounds, servers interleaved.\n",
                if pinned {
                    ", server pinned to CPU 0 and wrk to CPU 1"
                } else {
                    ""
                },
                p.oneshot_s,
                p.rounds
            );
            md.push_str("| endpoint | server | bytes (events) | requests/s | p50 ms | p99 ms | vs floor | vs SDK |\n");
            md.push_str("|---|---|---|---:|---:|---:|---:|---:|\n");
            for endpoint in ["/node/get", "/python/target"] {
                let floor = self
                    .oneshot_of(endpoint, "floor", pinned)
                    .map_or(0.0, |o| o.median.requests_per_s);
                let sdk = self
                    .oneshot_of(endpoint, "sdk", pinned)
                    .map_or(0.0, |o| o.median.requests_per_s);
                for server in SERVERS {
                    let Some(o) = self.oneshot_of(endpoint, server, pinned) else {
                        continue;
                    };
                    let r = &o.median;
                    let errors = if r.socket_errors + r.non_2xx > 0 {
                        format!(" ({} errors)", r.socket_errors + r.non_2xx)
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        md,
                        "| `{endpoint}` | {} | {} ({}) | {:.0}{errors} | {:.3} | {:.3} | {} | {} |",
                        label(server),
                        o.body_bytes,
                        o.events,
                        r.requests_per_s,
                        r.p50_ms,
                        r.p99_ms,
                        ratio(r.requests_per_s, floor),
                        ratio(r.requests_per_s, sdk),
                    );
                }
            }
            md.push('\n');
        }
        for (mode, pinned, title) in [
            (
                "broadcast",
                false,
                "Fan-out, one broadcast producer shared by all feeds",
            ),
            ("timer", false, "Fan-out, one timer per feed (the seeds' feed)"),
            (
                "broadcast",
                true,
                "Fan-out, one broadcast producer, server pinned to CPU 0 and client to CPU 1",
            ),
            (
                "timer",
                true,
                "Fan-out, one timer per feed, server pinned to CPU 0 and client to CPU 1",
            ),
        ] {
            let mut counts: Vec<usize> = self
                .fanout
                .iter()
                .filter(|f| f.mode == mode && f.pinned == pinned)
                .map(|f| f.outcome.conns)
                .collect();
            counts.sort_unstable();
            counts.dedup();
            if counts.is_empty() {
                continue;
            }
            let _ = writeln!(
                md,
                "#### {title}\n\nAn event every {} ms per feed; window {:.0} s; lag = arrival at the client minus the production stamp in the event.\n",
                p.period_ms, p.window_s
            );
            md.push_str("| feeds | server | delivered | events/s | lag p50 ms | lag p99 ms | lag max ms | RSS/feed KiB | server CPU | CPU µs/event |\n");
            md.push_str("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for conns in counts {
                for server in SERVERS {
                    let Some(f) = self.fanout_of(mode, server, pinned, conns) else {
                        continue;
                    };
                    let o = &f.outcome;
                    let _ = writeln!(
                        md,
                        "| {} | {} | {:.2}%{} | {:.0} | {:.1} | {:.1} | {:.0} | {:.1} | {:.0}% | {:.2} |",
                        conns,
                        label(server),
                        100.0 * o.delivered_fraction,
                        if o.failed + o.dropped > 0 {
                            format!(" ({} failed, {} dropped)", o.failed, o.dropped)
                        } else {
                            String::new()
                        },
                        o.events_per_s,
                        o.lag_ms.p50,
                        o.lag_ms.p99,
                        o.lag_ms.max,
                        o.rss_per_conn_kib,
                        o.server_cpu_pct,
                        o.server_cpu_us_per_event,
                    );
                }
            }
            md.push('\n');
        }
        let idle: Vec<&Fanout> = self.fanout.iter().filter(|f| f.mode == "idle").collect();
        if !idle.is_empty() {
            md.push_str(
                "#### Idle feeds: memory only\n\nFeeds that never send: what a server holds per open stream.\n\n",
            );
            md.push_str(
                "| feeds | server | RSS before KiB | RSS with feeds KiB | RSS/feed KiB |\n|---:|---|---:|---:|---:|\n",
            );
            for f in idle {
                let o = &f.outcome;
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {:.1} |",
                    o.open_at_window,
                    label(&f.server),
                    o.server_rss_base_kib,
                    o.server_rss_loaded_kib,
                    o.rss_per_conn_kib
                );
            }
            md.push('\n');
        }
        if !self.churn.is_empty() {
            let _ = writeln!(
                md,
                "#### Churn\n\n{} connect-read-disconnect cycles of a feed, 64 at a time. Start = after a warm-up of 64 cycles (fresh = before any).\n",
                p.churn_cycles
            );
            md.push_str("| server | ok / failed | cycles/s | RSS fresh / start / peak / end KiB | end vs start | fds fresh / start / peak / end | settled in |\n");
            md.push_str("|---|---:|---:|---|---:|---|---:|\n");
            for c in &self.churn {
                let o = &c.outcome;
                let _ = writeln!(
                    md,
                    "| {} | {} / {} | {:.0} | {} / {} / {} / {} | {:+.1}% | {} / {} / {} / {} | {:.1} s |",
                    label(&c.server),
                    o.ok,
                    o.failed,
                    o.cycles_per_s,
                    o.rss_fresh_kib,
                    o.rss_start_kib,
                    o.rss_peak_kib,
                    o.rss_end_kib,
                    100.0 * (o.rss_end_kib as f64 / o.rss_start_kib.max(1) as f64 - 1.0),
                    o.fds_fresh,
                    o.fds_start,
                    o.fds_peak,
                    o.fds_end,
                    o.settle_s
                );
            }
            md.push('\n');
        }
        md.push_str(&self.targets());
        if !self.errors.is_empty() {
            md.push_str("\nErrors during the run:\n\n");
            for error in &self.errors {
                let _ = writeln!(md, "- {error}");
            }
        }
        md
    }

    /// The targets against this run.
    fn targets(&self) -> String {
        let mut md = String::from("#### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        for endpoint in ["/node/get", "/python/target"] {
            for pinned in [false, true] {
                let rps = |server| {
                    self.oneshot_of(endpoint, server, pinned)
                        .map(|o| o.median.requests_per_s)
                };
                let place = if pinned { ", pinned" } else { "" };
                if let (Some(ours), Some(floor)) = (rps("ours"), rps("floor")) {
                    let r = ours / floor;
                    let _ = writeln!(
                        md,
                        "| `{endpoint}`{place}: ours ≥ 0.95 × floor | {r:.2} × | {} |",
                        verdict(r >= 0.95)
                    );
                }
                if let (Some(ours), Some(sdk)) = (rps("ours"), rps("sdk")) {
                    let r = ours / sdk;
                    let _ = writeln!(
                        md,
                        "| `{endpoint}`{place}: ours ≥ 1.2 × SDK | {r:.2} × | {} |",
                        verdict(r >= 1.2)
                    );
                }
            }
        }
        let top = self
            .fanout
            .iter()
            .filter(|f| f.mode != "idle")
            .map(|f| f.outcome.conns)
            .max()
            .unwrap_or(0);
        for (mode, pinned) in [
            ("broadcast", false),
            ("timer", false),
            ("broadcast", true),
            ("timer", true),
        ] {
            let Some(f) = self.fanout_of(mode, "ours", pinned, top) else {
                continue;
            };
            let o = &f.outcome;
            let place = format!("{top} feeds, {mode}{}", if pinned { ", pinned" } else { "" });
            let _ = writeln!(
                md,
                "| {place}: ≥ 99% delivered | {:.2}% | {} |",
                100.0 * o.delivered_fraction,
                verdict(o.delivered_fraction >= 0.99)
            );
            let _ = writeln!(
                md,
                "| {place}: p99 lag ≤ 50 ms | {:.1} ms | {} |",
                o.lag_ms.p99,
                verdict(o.lag_ms.p99 <= 50.0)
            );
            let _ = writeln!(
                md,
                "| {place}: ≤ 10 KiB RSS per feed | {:.1} KiB | {} |",
                o.rss_per_conn_kib,
                verdict(o.rss_per_conn_kib <= 10.0)
            );
        }
        if let Some(c) = self.churn.iter().find(|c| c.server == "ours") {
            let o = &c.outcome;
            let rss = o.rss_end_kib as f64 / o.rss_start_kib.max(1) as f64;
            let fds = o.fds_end as f64 / o.fds_start.max(1) as f64;
            let _ = writeln!(
                md,
                "| churn: RSS back within 10% | {:+.1}% | {} |",
                100.0 * (rss - 1.0),
                verdict(rss <= 1.10)
            );
            let _ = writeln!(
                md,
                "| churn: fds back within 10% | {} → {} | {} |",
                o.fds_start,
                o.fds_end,
                verdict(fds <= 1.10)
            );
        }
        md
    }
}

/// Throughput and p99 lag against feed count, every server, both fan-out modes.
pub fn plot(results: &Results, path: &std::path::Path) -> Result<(), String> {
    use plotters::prelude::*;

    // (mode, server, [(feeds, events/s, p99 lag ms)])
    type Series<'a> = (&'a str, &'a str, Vec<(f64, f64, f64)>);
    let series: Vec<Series> = ["broadcast", "timer"]
        .into_iter()
        .flat_map(|mode| SERVERS.into_iter().map(move |server| (mode, server)))
        .map(|(mode, server)| {
            let mut points: Vec<(f64, f64, f64)> = results
                .fanout
                .iter()
                .filter(|f| f.mode == mode && f.server == server && !f.pinned)
                .map(|f| (f.outcome.conns as f64, f.outcome.events_per_s, f.outcome.lag_ms.p99))
                .collect();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            (mode, server, points)
        })
        .filter(|(_, _, points)| !points.is_empty())
        .collect();
    if series.is_empty() {
        return Err("no fan-out results to plot".into());
    }
    let max_conns = series.iter().flat_map(|s| s.2.iter().map(|p| p.0)).fold(1.0, f64::max);
    let max_rate = series.iter().flat_map(|s| s.2.iter().map(|p| p.1)).fold(1.0, f64::max);
    let max_lag = series.iter().flat_map(|s| s.2.iter().map(|p| p.2)).fold(1.0, f64::max);
    let color = |server: &str| match server {
        "floor" => RGBColor(120, 120, 120),
        "ours" => RGBColor(200, 40, 40),
        _ => RGBColor(40, 90, 200),
    };
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        let root = SVGBackend::new(path, (1100, 460)).into_drawing_area();
        root.fill(&WHITE)?;
        let panels = root.split_evenly((1, 2));
        for (index, panel) in panels.iter().enumerate() {
            let (title, y_label, y_max) = if index == 0 {
                ("Events delivered per second", "events/s", max_rate * 1.1)
            } else {
                ("p99 lag, production to arrival", "ms", max_lag * 1.1)
            };
            let mut chart = ChartBuilder::on(panel)
                .caption(title, ("sans-serif", 18))
                .margin(12)
                .x_label_area_size(36)
                .y_label_area_size(64)
                .build_cartesian_2d(0.0..max_conns * 1.05, 0.0..y_max)?;
            chart
                .configure_mesh()
                .x_desc("concurrent feeds")
                .y_desc(y_label)
                .x_label_formatter(&|x| format!("{:.0}", x))
                .y_label_formatter(&|y| {
                    if *y >= 1000.0 {
                        format!("{:.0}k", y / 1000.0)
                    } else {
                        format!("{:.0}", y)
                    }
                })
                .draw()?;
            for (mode, server, points) in &series {
                let style = color(server);
                let values: Vec<(f64, f64)> = points
                    .iter()
                    .map(|p| (p.0, if index == 0 { p.1 } else { p.2 }))
                    .collect();
                let width = if *mode == "broadcast" { 3 } else { 1 };
                let line = chart.draw_series(LineSeries::new(values.clone(), style.stroke_width(width)))?;
                line.label(format!("{server}, {mode}"))
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style.stroke_width(width)));
                if *mode == "broadcast" {
                    chart.draw_series(values.iter().map(|&p| Circle::new(p, 4, style.filled())))?;
                } else {
                    chart.draw_series(values.iter().map(|&p| TriangleMarker::new(p, 5, style.stroke_width(1))))?;
                }
            }
            chart
                .configure_series_labels()
                .position(if index == 0 {
                    SeriesLabelPosition::LowerRight
                } else {
                    SeriesLabelPosition::UpperLeft
                })
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()?;
        }
        root.present()?;
        Ok(())
    };
    draw().map_err(|e| e.to_string())
}
