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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// The requests on one connection: how many are in flight, and whether any came yet (a
/// request may come and go before the timer first looks). Two counters and one waiter
/// list: ten thousand parked feeds hold ten thousand of these.
pub(crate) struct Idle {
    shared: Arc<Shared>,
}

struct Shared {
    in_flight: AtomicUsize,
    any: AtomicBool,
    /// Wakes the timer on every change.
    changed: Notify,
}

/// One request in flight; dropping it ends the request.
pub(crate) struct Open(Arc<Shared>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
        self.0.changed.notify_waiters();
    }
}

impl Idle {
    pub(crate) fn new() -> Self {
        Idle {
            shared: Arc::new(Shared {
                in_flight: AtomicUsize::new(0),
                any: AtomicBool::new(false),
                changed: Notify::new(),
            }),
        }
    }

    /// Counts a request until the guard is dropped.
    pub(crate) fn open(&self) -> Open {
        self.shared.in_flight.fetch_add(1, Ordering::AcqRel);
        self.shared.any.store(true, Ordering::Release);
        self.shared.changed.notify_waiters();
        Open(Arc::clone(&self.shared))
    }

    /// Returns once the connection has had no request in flight for `first` since it
    /// was accepted, or for `later` since a request ended; a zero duration never
    /// returns for that phase.
    pub(crate) async fn expired(&self, first: Duration, later: Duration) {
        let shared = &self.shared;
        loop {
            // Made before the counters are read: a change after the read still wakes it.
            let changed = shared.changed.notified();
            let in_flight = shared.in_flight.load(Ordering::Acquire);
            let limit = if shared.any.load(Ordering::Acquire) {
                later
            } else {
                first
            };
            if in_flight > 0 || limit.is_zero() {
                // Only a change can make an idle phase start.
                changed.await;
            } else if tokio::time::timeout(limit, changed).await.is_err() {
                return;
            }
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
    async fn a_zero_limit_never_expires() {
        let idle = Idle::new();
        let waited =
            tokio::time::timeout(Duration::from_secs(3600), idle.expired(Duration::ZERO, Duration::ZERO)).await;
        assert!(waited.is_err(), "still open after an hour");
    }
}
