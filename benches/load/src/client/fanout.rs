//! Fan-out: hold N feeds open, read every event, and measure what arrives of what the
//! server produced in a measurement window, how late, and what the server holds for it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::{Semaphore, watch};

use super::http::FeedConn;
use crate::feed_html::{find_stamp, now_nanos};
use crate::proc_stats;

/// What to drive.
#[derive(Clone, Debug)]
pub struct Config {
    /// The server.
    pub addr: SocketAddr,
    /// The feed path.
    pub path: String,
    /// How many feeds to hold open.
    pub conns: usize,
    /// How many connection attempts may be in flight at once while ramping up.
    pub ramp_parallel: usize,
    /// The feed's period; `None` for a feed that sends nothing (memory only).
    pub period: Option<Duration>,
    /// Time between the last connection and the window.
    pub warmup: Duration,
    /// The measurement window: events produced in it are counted.
    pub window: Duration,
    /// How long after the window an event may still arrive and count.
    pub grace: Duration,
    /// The server's pid, for its memory, descriptors and CPU time.
    pub server_pid: Option<u32>,
    /// Gives up ramping after this long.
    pub ramp_timeout: Duration,
}

/// Lag percentiles in milliseconds.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct Lag {
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 99th percentile.
    pub p99: f64,
    /// The worst.
    pub max: f64,
}

/// What a fan-out run measured.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Outcome {
    /// Feeds asked for.
    pub conns: usize,
    /// Feeds open when the window began.
    pub open_at_window: usize,
    /// Feeds that never opened.
    pub failed: usize,
    /// Feeds the server closed or broke before the end.
    pub dropped: usize,
    /// Seconds from the first connection attempt to the last open feed.
    pub ramp_s: f64,
    /// Window length in seconds.
    pub window_s: f64,
    /// Events produced in the window that should have reached the open feeds.
    pub expected: u64,
    /// Of those, events that arrived by the end of the grace period.
    pub delivered: u64,
    /// `delivered / expected`.
    pub delivered_fraction: f64,
    /// Delivered events per second of window.
    pub events_per_s: f64,
    /// Production-to-arrival lag of the delivered events.
    pub lag_ms: Lag,
    /// Server RSS before the first connection, KiB.
    pub server_rss_base_kib: u64,
    /// Highest server RSS sampled during the window, KiB.
    pub server_rss_loaded_kib: u64,
    /// `(loaded - base) / open feeds`, KiB.
    pub rss_per_conn_kib: f64,
    /// Server descriptors during the window.
    pub server_fds: u64,
    /// Server CPU use during the window, in percent of one core.
    pub server_cpu_pct: f64,
    /// Server CPU time per delivered event, microseconds.
    pub server_cpu_us_per_event: f64,
    /// Every event received, in or out of the window (for profiles: cost per event).
    pub received_total: u64,
}

struct Shared {
    window_start: AtomicU64,
    window_end: AtomicU64,
    last_stamp: AtomicU64,
    opened: AtomicUsize,
    failed: AtomicUsize,
    dropped: AtomicUsize,
}

#[derive(Default)]
struct ConnStats {
    received: u64,
    delivered: u64,
    lags_us: Vec<u32>,
}

/// Runs one fan-out measurement.
pub async fn run(config: Config) -> Outcome {
    let pid = config.server_pid;
    let base_rss = pid.and_then(proc_stats::rss_kib).unwrap_or(0);
    let shared = Arc::new(Shared {
        window_start: AtomicU64::new(u64::MAX),
        window_end: AtomicU64::new(u64::MAX),
        last_stamp: AtomicU64::new(0),
        opened: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        dropped: AtomicUsize::new(0),
    });
    let (stop_tx, stop_rx) = watch::channel(false);
    let ramp = Arc::new(Semaphore::new(config.ramp_parallel.max(1)));
    let started = Instant::now();
    let tasks: Vec<_> = (0..config.conns)
        .map(|_| {
            tokio::spawn(hold(
                shared.clone(),
                config.addr,
                config.path.clone(),
                ramp.clone(),
                stop_rx.clone(),
            ))
        })
        .collect();
    while shared.opened.load(Ordering::Relaxed) + shared.failed.load(Ordering::Relaxed) < config.conns
        && started.elapsed() < config.ramp_timeout
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let ramp_s = started.elapsed().as_secs_f64();
    tokio::time::sleep(config.warmup).await;

    // Start the window half a period after a broadcast tick, so it holds exactly
    // window/period ticks of a producer that keeps time; per-connection timers have
    // random phases and average out.
    let lead = 200_000_000u64;
    let now = now_nanos();
    let start = match (config.period, shared.last_stamp.load(Ordering::Relaxed)) {
        (Some(period), last) if last > 0 => {
            let period = period.as_nanos() as u64;
            let ahead = (now + lead).saturating_sub(last).div_ceil(period);
            last + ahead * period + period / 2
        }
        _ => now + lead,
    };
    let window = config.window.as_nanos() as u64;
    shared.window_end.store(start + window, Ordering::Relaxed);
    shared.window_start.store(start, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_nanos(start.saturating_sub(now_nanos()))).await;
    let open_at_window = shared.opened.load(Ordering::Relaxed) - shared.dropped.load(Ordering::Relaxed);
    let cpu_before = pid.and_then(proc_stats::cpu_seconds);
    let mut loaded_rss = 0;
    let mut fds = 0;
    while now_nanos() < start + window {
        if let Some(pid) = pid {
            loaded_rss = loaded_rss.max(proc_stats::rss_kib(pid).unwrap_or(0));
            fds = fds.max(proc_stats::fd_count(pid).unwrap_or(0));
        }
        let left = (start + window).saturating_sub(now_nanos());
        tokio::time::sleep(Duration::from_nanos(left.min(250_000_000))).await;
    }
    let cpu_after = pid.and_then(proc_stats::cpu_seconds);
    tokio::time::sleep(config.grace).await;
    let _ = stop_tx.send(true);

    let mut delivered = 0;
    let mut received_total = 0;
    let mut lags = Vec::new();
    for task in tasks {
        if let Ok(stats) = task.await {
            received_total += stats.received;
            delivered += stats.delivered;
            lags.extend(stats.lags_us);
        }
    }
    let window_s = config.window.as_secs_f64();
    let expected = match config.period {
        Some(period) => (open_at_window as f64 * window_s / period.as_secs_f64()).round() as u64,
        None => 0,
    };
    let server_cpu = match (cpu_before, cpu_after) {
        (Some(before), Some(after)) => after - before,
        _ => 0.0,
    };
    Outcome {
        conns: config.conns,
        open_at_window,
        failed: shared.failed.load(Ordering::Relaxed),
        dropped: shared.dropped.load(Ordering::Relaxed),
        ramp_s,
        window_s,
        expected,
        delivered,
        delivered_fraction: if expected > 0 {
            delivered as f64 / expected as f64
        } else {
            0.0
        },
        events_per_s: delivered as f64 / window_s,
        lag_ms: percentiles(&mut lags),
        server_rss_base_kib: base_rss,
        server_rss_loaded_kib: loaded_rss,
        rss_per_conn_kib: if open_at_window > 0 {
            loaded_rss.saturating_sub(base_rss) as f64 / open_at_window as f64
        } else {
            0.0
        },
        server_fds: fds,
        server_cpu_pct: 100.0 * server_cpu / window_s,
        server_cpu_us_per_event: if delivered > 0 {
            1e6 * server_cpu / delivered as f64
        } else {
            0.0
        },
        received_total,
    }
}

async fn hold(
    shared: Arc<Shared>,
    addr: SocketAddr,
    path: String,
    ramp: Arc<Semaphore>,
    mut stop: watch::Receiver<bool>,
) -> ConnStats {
    let permit = ramp.acquire().await;
    let mut conn = None;
    for attempt in 0..3 {
        match FeedConn::open(addr, &path).await {
            Ok(open) => {
                conn = Some(open);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100 << attempt)).await,
        }
    }
    drop(permit);
    let Some(mut conn) = conn else {
        shared.failed.fetch_add(1, Ordering::Relaxed);
        return ConnStats::default();
    };
    shared.opened.fetch_add(1, Ordering::Relaxed);
    let mut stats = ConnStats::default();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            read = conn.read_events(|event| {
                let Some(stamp) = find_stamp(event) else { return };
                stats.received += 1;
                let arrival = now_nanos();
                shared.last_stamp.fetch_max(stamp, Ordering::Relaxed);
                let start = shared.window_start.load(Ordering::Relaxed);
                if stamp >= start && stamp < shared.window_end.load(Ordering::Relaxed) {
                    stats.delivered += 1;
                    stats.lags_us.push((arrival.saturating_sub(stamp) / 1000).min(u32::MAX as u64) as u32);
                }
            }) => {
                if !matches!(read, Ok(true)) {
                    shared.dropped.fetch_add(1, Ordering::Relaxed);
                    break;
                }
            }
        }
    }
    stats
}

/// Percentiles of lags given in microseconds, reported in milliseconds.
pub fn percentiles(lags_us: &mut [u32]) -> Lag {
    if lags_us.is_empty() {
        return Lag::default();
    }
    lags_us.sort_unstable();
    let at = |q: f64| {
        let index = ((lags_us.len() as f64 * q).ceil() as usize).clamp(1, lags_us.len()) - 1;
        f64::from(lags_us[index]) / 1000.0
    };
    Lag {
        p50: at(0.50),
        p90: at(0.90),
        p99: at(0.99),
        max: at(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut lags: Vec<u32> = (1..=100).rev().map(|ms| ms * 1000).collect();
        let lag = percentiles(&mut lags);
        assert_eq!((lag.p50, lag.p90, lag.p99, lag.max), (50.0, 90.0, 99.0, 100.0));
        assert_eq!(percentiles(&mut []).p99, 0.0);
    }
}
