//! A connection with no request in flight is closed after a bound.
//!
//! A socket that sends nothing, part of a request head, or an HTTP/2 preface and settings
//! but no stream costs its client nothing to hold and the server a file descriptor; a
//! thousand of them exhaust a default open-file limit. hyper times only a request head
//! that has begun, so the bound counts requests instead: from the moment a connection is
//! accepted, or its last request ended, to the moment the next one reaches the service.
//! A request is in flight from then until its reply body is dropped, so a live stream
//! keeps its connection.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::time::Instant;

/// The requests on one connection: how many are in flight, and when the last one ended.
///
/// Plain counters that only the timer reads, when it fires: a request costs two atomic
/// updates and a clock read, not a wake-up of the connection's task or a timer of its own.
/// The connection keeps one timer, moved to the next moment the answer can change.
pub(crate) struct Idle {
    requests: Arc<Requests>,
}

struct Requests {
    accepted: Instant,
    in_flight: AtomicUsize,
    /// The connection speaks HTTP/1: its next request head is timed from the end of the
    /// last reply, as a first one is from the accept.
    http1: AtomicBool,
    /// When the last request ended, in nanoseconds after `accepted`, plus one; zero while
    /// none has.
    ended: AtomicU64,
}

/// One request in flight; dropping it ends the request.
pub(crate) struct Open(Arc<Requests>);

impl Drop for Open {
    fn drop(&mut self) {
        let requests = &self.0;
        let at = requests.stamp(Instant::now());
        // Before the count falls: a timer that sees no request in flight sees this end.
        requests.ended.fetch_max(at, Ordering::Relaxed);
        requests.in_flight.fetch_sub(1, Ordering::Release);
    }
}

impl Requests {
    fn stamp(&self, at: Instant) -> u64 {
        u64::try_from(at.saturating_duration_since(self.accepted).as_nanos())
            .unwrap_or(u64::MAX - 1)
            .saturating_add(1)
    }
}

/// What the timer found.
enum Look {
    /// No limit can end this connection any more.
    Never,
    /// The connection expires at this instant unless a request comes first; or, while
    /// that cannot be known yet, the instant to look again.
    At(Instant),
}

impl Idle {
    pub(crate) fn new() -> Self {
        Idle {
            requests: Arc::new(Requests {
                accepted: Instant::now(),
                in_flight: AtomicUsize::new(0),
                http1: AtomicBool::new(false),
                ended: AtomicU64::new(0),
            }),
        }
    }

    /// Counts a request until the guard is dropped.
    pub(crate) fn open(&self) -> Open {
        self.requests.in_flight.fetch_add(1, Ordering::Relaxed);
        Open(Arc::clone(&self.requests))
    }

    /// Marks the connection as HTTP/1: from its next idle phase on, the time between
    /// requests is also bounded by the first limit, the time a request head may take.
    /// (hyper's own header timer would do the same at the cost of a boxed timer, started
    /// and dropped, and an extra read of the socket for every request.)
    pub(crate) fn http1(&self) {
        self.requests.http1.store(true, Ordering::Relaxed);
    }

    /// Since when the connection has had no request in flight, or `None` while one is.
    pub(crate) fn idle_since(&self) -> Option<Instant> {
        let requests = &self.requests;
        if requests.in_flight.load(Ordering::Acquire) > 0 {
            return None;
        }
        match requests.ended.load(Ordering::Relaxed) {
            0 => Some(requests.accepted),
            ended => Some(requests.accepted + Duration::from_nanos(ended - 1)),
        }
    }

    /// Returns once the connection has had no request in flight for `first` since it
    /// was accepted, or for `later` since a request ended (for HTTP/1, the shorter of
    /// `first` and `later`); a zero duration never returns for that phase.
    pub(crate) async fn expired(&self, first: Duration, later: Duration) {
        let mut timer = std::pin::pin!(tokio::time::sleep_until(self.requests.accepted));
        loop {
            let now = Instant::now();
            match self.look(first, later, now) {
                Look::Never => return std::future::pending().await,
                Look::At(deadline) if deadline <= now => return,
                Look::At(deadline) => {
                    timer.as_mut().reset(deadline);
                    timer.as_mut().await;
                }
            }
        }
    }

    fn look(&self, first: Duration, later: Duration, now: Instant) -> Look {
        let requests = &self.requests;
        let later = if !requests.http1.load(Ordering::Relaxed) || first.is_zero() {
            later
        } else if later.is_zero() {
            first
        } else {
            first.min(later)
        };
        let in_flight = requests.in_flight.load(Ordering::Acquire) > 0;
        let ended = requests.ended.load(Ordering::Relaxed);
        match (in_flight, ended) {
            // Only the later phase is left, and it has no limit.
            (true, _) | (false, 1..) if later.is_zero() => Look::Never,
            // The idle time starts when this request ends: look again once the limit
            // could have passed.
            (true, _) => Look::At(now + later),
            // No request yet. One that comes and goes now makes the connection expire
            // `later` after it at the earliest: look again then, unless the first limit
            // runs out before.
            (false, 0) => match (first.is_zero(), later.is_zero()) {
                (true, true) => Look::Never,
                (true, false) => Look::At(now + later),
                (false, true) => Look::At(requests.accepted + first),
                (false, false) => Look::At((requests.accepted + first).min(now + later)),
            },
            (false, ended) => Look::At(requests.accepted + Duration::from_nanos(ended - 1) + later),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn a_connection_without_requests_expires_after_the_first_limit() {
        let idle = Idle::new();
        let started = Instant::now();
        idle.expired(Duration::from_secs(3), Duration::from_secs(60)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_in_flight_holds_the_connection_and_the_later_limit_counts_from_its_end() {
        let idle = std::sync::Arc::new(Idle::new());
        let request = idle.open();
        let started = Instant::now();
        let ends = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(100)).await;
            drop(request);
        });
        idle.expired(Duration::from_secs(3), Duration::from_secs(5)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(105));
        ends.await.expect("the request ends");
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_that_ended_before_the_timer_looked_still_counts() {
        let idle = Idle::new();
        drop(idle.open());
        let started = Instant::now();
        idle.expired(Duration::from_secs(30), Duration::from_secs(5)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn an_http_1_connection_waits_for_its_next_head_no_longer_than_for_its_first() {
        for (first, later, expected) in [(3, 60, 3), (30, 5, 5), (0, 5, 5), (3, 0, 3)] {
            let idle = Idle::new();
            idle.http1();
            drop(idle.open());
            let started = Instant::now();
            idle.expired(Duration::from_secs(first), Duration::from_secs(later))
                .await;
            assert_eq!(started.elapsed(), Duration::from_secs(expected), "{first} s, {later} s");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn without_a_first_limit_a_request_that_comes_late_starts_the_later_one() {
        let idle = std::sync::Arc::new(Idle::new());
        let started = Instant::now();
        let requests = std::sync::Arc::clone(&idle);
        let comes = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(12)).await;
            drop(requests.open());
        });
        idle.expired(Duration::ZERO, Duration::from_secs(5)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(17));
        comes.await.expect("the request comes");
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_during_a_long_first_limit_is_followed_by_the_shorter_later_one() {
        let idle = std::sync::Arc::new(Idle::new());
        let started = Instant::now();
        let requests = std::sync::Arc::clone(&idle);
        let comes = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            drop(requests.open());
        });
        idle.expired(Duration::from_secs(10), Duration::from_secs(1)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(3));
        comes.await.expect("the request comes");
    }

    #[tokio::test(start_paused = true)]
    async fn idle_since_counts_from_the_accept_or_the_last_end_and_not_while_in_flight() {
        let idle = Idle::new();
        let accepted = Instant::now();
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(idle.idle_since(), Some(accepted));
        let request = idle.open();
        assert_eq!(idle.idle_since(), None);
        tokio::time::sleep(Duration::from_secs(3)).await;
        drop(request);
        assert_eq!(idle.idle_since(), Some(accepted + Duration::from_secs(5)));
    }

    #[tokio::test(start_paused = true)]
    async fn a_zero_limit_never_expires() {
        let idle = Idle::new();
        let waited =
            tokio::time::timeout(Duration::from_secs(3600), idle.expired(Duration::ZERO, Duration::ZERO)).await;
        assert!(waited.is_err(), "still open after an hour");
    }
}
