//! Churn: open a feed, read its first event, hang up; many times over. A server that
//! forgets nothing grows with every cycle; one that cleans up returns to where it began.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::http::FeedConn;
use crate::proc_stats;

/// What to drive.
#[derive(Clone, Debug)]
pub struct Config {
    /// The server.
    pub addr: SocketAddr,
    /// A feed whose first event comes at once.
    pub path: String,
    /// Connect-read-disconnect cycles after the warm-up.
    pub cycles: usize,
    /// Cycles in flight at once.
    pub concurrency: usize,
    /// The server's pid.
    pub server_pid: u32,
    /// How long to wait for the server to close what the clients left.
    pub settle_timeout: Duration,
}

/// What a churn run measured. "Start" is after a warm-up of one cycle per worker, so
/// that what any server grows on its first requests (thread stacks, allocator caches) is
/// not taken for a leak; the fresh figures are kept too.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct Outcome {
    /// Cycles that read an event.
    pub ok: usize,
    /// Cycles that failed to connect or to read an event in time.
    pub failed: usize,
    /// Cycles per second.
    pub cycles_per_s: f64,
    /// Server RSS before any connection, KiB.
    pub rss_fresh_kib: u64,
    /// Server RSS after the warm-up, KiB.
    pub rss_start_kib: u64,
    /// Highest RSS sampled during the cycles, KiB.
    pub rss_peak_kib: u64,
    /// RSS after settling, KiB.
    pub rss_end_kib: u64,
    /// Server descriptors before any connection.
    pub fds_fresh: u64,
    /// Server descriptors after the warm-up settled.
    pub fds_start: u64,
    /// Highest descriptor count sampled during the cycles.
    pub fds_peak: u64,
    /// Descriptors after settling.
    pub fds_end: u64,
    /// Seconds the server took to get back to its starting descriptors.
    pub settle_s: f64,
}

/// Runs the churn.
pub async fn run(config: Config) -> Outcome {
    let pid = config.server_pid;
    let rss_fresh = proc_stats::rss_kib(pid).unwrap_or(0);
    let fds_fresh = proc_stats::fd_count(pid).unwrap_or(0);
    let (ok, failed) = cycles(&config, config.concurrency, None).await;
    let _ = (ok, failed);
    settle(pid, fds_fresh, config.settle_timeout).await;
    let rss_start = proc_stats::rss_kib(pid).unwrap_or(0);
    let fds_start = proc_stats::fd_count(pid).unwrap_or(0);

    let peaks = Arc::new((AtomicU64::new(0), AtomicU64::new(0)));
    let started = Instant::now();
    let (ok, failed) = cycles(&config, config.cycles, Some(peaks.clone())).await;
    let elapsed = started.elapsed().as_secs_f64();
    let settle_s = settle(pid, fds_start, config.settle_timeout).await;
    // Give the allocator a moment to hand back what the last connections freed.
    tokio::time::sleep(Duration::from_millis(500)).await;
    Outcome {
        ok,
        failed,
        cycles_per_s: ok as f64 / elapsed,
        rss_fresh_kib: rss_fresh,
        rss_start_kib: rss_start,
        rss_peak_kib: peaks.0.load(Ordering::Relaxed),
        rss_end_kib: proc_stats::rss_kib(pid).unwrap_or(0),
        fds_fresh,
        fds_start,
        fds_peak: peaks.1.load(Ordering::Relaxed),
        fds_end: proc_stats::fd_count(pid).unwrap_or(0),
        settle_s,
    }
}

/// Runs `count` cycles, `config.concurrency` at a time, sampling the server's peaks.
async fn cycles(config: &Config, count: usize, peaks: Option<Arc<(AtomicU64, AtomicU64)>>) -> (usize, usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let ok = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..config.concurrency.min(count))
        .map(|_| {
            let (next, ok) = (next.clone(), ok.clone());
            let (addr, path) = (config.addr, config.path.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < count {
                    let cycle = tokio::time::timeout(Duration::from_secs(5), one_cycle(addr, &path));
                    if let Ok(true) = cycle.await {
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    let sampler = peaks.map(|peaks| {
        let pid = config.server_pid;
        tokio::spawn(async move {
            loop {
                peaks
                    .0
                    .fetch_max(proc_stats::rss_kib(pid).unwrap_or(0), Ordering::Relaxed);
                peaks
                    .1
                    .fetch_max(proc_stats::fd_count(pid).unwrap_or(0), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    });
    for worker in workers {
        let _ = worker.await;
    }
    if let Some(sampler) = sampler {
        sampler.abort();
    }
    let ok = ok.load(Ordering::Relaxed);
    (ok, count - ok)
}

/// Opens the feed, reads until one whole event has come, and hangs up.
async fn one_cycle(addr: SocketAddr, path: &str) -> bool {
    let Ok(mut conn) = FeedConn::open(addr, path).await else {
        return false;
    };
    let mut got = false;
    while !got {
        match conn.read_events(|_| got = true).await {
            Ok(true) => {}
            _ => return got,
        }
    }
    true
}

/// Waits until the server holds no more descriptors than `target`, or the timeout;
/// returns the seconds waited.
async fn settle(pid: u32, target: u64, timeout: Duration) -> f64 {
    let started = Instant::now();
    while started.elapsed() < timeout && proc_stats::fd_count(pid).unwrap_or(0) > target {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    started.elapsed().as_secs_f64()
}
