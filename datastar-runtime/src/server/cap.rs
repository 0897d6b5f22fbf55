//! The connection cap, and what happens at it.
//!
//! Every connection counts from its accept to its end. At the cap the server first sheds
//! the connection that has gone longest without a request in flight (an idle keep-alive
//! connection, a socket that never sent a complete head), so that a flood of idle sockets
//! cannot keep good requests waiting; only when none is idle do newcomers wait in the
//! kernel's listen queue until a connection ends or becomes idle.
//!
//! The default cap comes from the process's open-file limit, less headroom for the files,
//! Redis connections and `accept` the process needs besides: without a cap, a flood of
//! sockets takes every descriptor, and `accept` fails for good requests too.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::server::idle::Idle;

/// How long a connection must have been without a request in flight before it may be shed:
/// a client on a slow link needs a round trip or two to send the head of a request it has
/// just connected for.
pub(crate) const SHED_AFTER: Duration = Duration::from_secs(1);

/// The default cap for an open-file limit of `files`: an eighth of it, at least 64, is
/// kept for the process's other descriptors.
pub(crate) fn cap_for_open_files(files: u64) -> usize {
    let headroom = (files / 8).max(64);
    usize::try_from(files.saturating_sub(headroom).max(1)).unwrap_or(usize::MAX)
}

/// The default cap: from the soft open-file limit, or none when it is unlimited or
/// cannot be read.
pub(crate) fn default_cap() -> Option<usize> {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        limit.current.map(cap_for_open_files)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The server's open connections.
pub(crate) struct Connections {
    max: Option<usize>,
    open: Mutex<HashMap<u64, Entry>>,
    next: AtomicU64,
    /// Wakes the accept loop when a connection ends.
    left: Notify,
}

struct Entry {
    idle: Arc<Idle>,
    shed: Arc<Notify>,
}

impl Connections {
    /// No more than `max` connections at once, if given.
    pub(crate) fn new(max: Option<usize>) -> Arc<Connections> {
        Arc::new(Connections {
            max,
            open: Mutex::default(),
            next: AtomicU64::new(0),
            left: Notify::new(),
        })
    }

    fn open(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Entry>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many connections count against the cap.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.open().len()
    }

    /// Whether another connection may be accepted: below the cap, or at it with a
    /// connection idle for [`SHED_AFTER`] shed to make room.
    pub(crate) fn room(&self) -> bool {
        let Some(max) = self.max else { return true };
        let mut open = self.open();
        if open.len() < max {
            return true;
        }
        let now = Instant::now();
        let longest = open
            .iter()
            .filter_map(|(id, entry)| Some((*id, entry.idle.idle_since()?)))
            .filter(|(_, since)| now.saturating_duration_since(*since) >= SHED_AFTER)
            .min_by_key(|(_, since)| *since);
        let Some((id, _)) = longest else { return false };
        if let Some(entry) = open.remove(&id) {
            // Stored if the connection is not waiting yet: it sees the request when it does.
            entry.shed.notify_one();
        }
        true
    }

    /// Returns when a connection has ended, or soon after: the accept loop looks again.
    pub(crate) async fn changed(&self) {
        // A connection may become idle without ending; look again after the shortest age
        // at which it could be shed.
        let _ = tokio::time::timeout(SHED_AFTER / 4, self.left.notified()).await;
    }

    /// Counts a new connection, whose requests `idle` tracks, until the membership is dropped.
    pub(crate) fn join(self: &Arc<Self>, idle: Arc<Idle>) -> Membership {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let shed = Arc::new(Notify::new());
        self.open().insert(
            id,
            Entry {
                idle: Arc::clone(&idle),
                shed: Arc::clone(&shed),
            },
        );
        Membership {
            connections: Arc::clone(self),
            id,
            idle,
            shed,
        }
    }
}

/// One connection's place under the cap.
pub(crate) struct Membership {
    connections: Arc<Connections>,
    id: u64,
    idle: Arc<Idle>,
    shed: Arc<Notify>,
}

impl Membership {
    /// The connection's requests.
    pub(crate) fn idle(&self) -> &Arc<Idle> {
        &self.idle
    }

    /// Returns when the connection is shed to make room for a newcomer.
    pub(crate) async fn shed(&self) {
        self.shed.notified().await;
    }
}

impl Drop for Membership {
    fn drop(&mut self) {
        self.connections.open().remove(&self.id);
        self.connections.left.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_cap_leaves_an_eighth_of_the_open_files_and_at_least_64() {
        assert_eq!(cap_for_open_files(1_024), 896);
        assert_eq!(cap_for_open_files(65_536), 57_344);
        assert_eq!(cap_for_open_files(256), 192);
        assert_eq!(cap_for_open_files(10), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn at_the_cap_the_connection_idle_longest_is_shed_once_idle_long_enough() {
        let connections = Connections::new(Some(2));
        let first = connections.join(Arc::new(Idle::new()));
        tokio::time::sleep(Duration::from_millis(100)).await;
        let second = connections.join(Arc::new(Idle::new()));
        assert!(!connections.room(), "nobody idle long enough yet");
        tokio::time::sleep(SHED_AFTER).await;
        assert!(connections.room(), "the first has been idle past the grace");
        assert_eq!(connections.len(), 1, "the shed one no longer counts");
        tokio::time::timeout(Duration::from_millis(1), first.shed())
            .await
            .expect("the first is told");
        let shed_again = tokio::time::timeout(Duration::from_millis(1), second.shed()).await;
        assert!(shed_again.is_err(), "the second is kept");
        drop(first);
        assert_eq!(connections.len(), 1);
        drop(second);
        assert_eq!(connections.len(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_connection_with_a_request_in_flight_is_never_shed() {
        let connections = Connections::new(Some(1));
        let busy = connections.join(Arc::new(Idle::new()));
        let request = busy.idle().open();
        tokio::time::sleep(SHED_AFTER * 10).await;
        assert!(!connections.room());
        drop(request);
        tokio::time::sleep(SHED_AFTER).await;
        assert!(connections.room());
    }

    #[test]
    fn without_a_cap_there_is_always_room() {
        let connections = Connections::new(None);
        let _members: Vec<_> = (0..100).map(|_| connections.join(Arc::new(Idle::new()))).collect();
        assert!(connections.room());
    }
}
