//! The memory request bodies may hold at once: one pool per connection (summed over its
//! HTTP/2 streams) and one per server (summed over its connections).
//!
//! The signals extractor buffers a body whole before parsing it, up to its size limit. That
//! limit is per request, so without a bound summed over requests one HTTP/2 connection with
//! a hundred streams, each sending all but the last byte of a 1 MiB body, held 100 MiB, and
//! twenty such connections two gigabytes. Every byte a body buffers is therefore counted in
//! both pools as it arrives, and returned when the request is done with it.
//!
//! A body that would overdraw either pool is refused at once (`503` with `Retry-After`)
//! rather than made to wait: a waiting body keeps what it holds, and a fair queue would
//! make small bodies wait behind the large one at its head.
//!
//! Small bodies keep a share of the server's pool to themselves: a body's first
//! [`SMALL_BODY`] bytes may use the whole pool, anything beyond only what lies above the
//! reserve. A flood of large bodies that fills its share leaves room for the small
//! requests a page sends meanwhile.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

/// What a server's bodies may hold at once by default: 64 MiB.
pub(crate) const DEFAULT_SERVER_LIMIT: usize = 64 << 20;

/// What one connection's bodies may hold at once by default: 2 MiB, room for one body at
/// the default size limit beside the small ones a page sends meanwhile.
pub(crate) const DEFAULT_CONNECTION_LIMIT: usize = 2 << 20;

/// Up to this size a body may use the server's whole pool: 64 KiB, larger than any signals a
/// page sends except a file.
pub(crate) const SMALL_BODY: usize = 64 << 10;

/// The share of the server's pool only small bodies may use: an eighth.
const SMALL_SHARE_DIVISOR: usize = 8;

/// One pool of bytes.
#[derive(Debug)]
struct Pool {
    used: AtomicUsize,
    limit: usize,
    /// What only the first `SMALL_BODY` bytes of a body may take.
    reserve: usize,
}

impl Pool {
    fn new(limit: usize, reserve: usize) -> Arc<Pool> {
        Arc::new(Pool {
            used: AtomicUsize::new(0),
            limit,
            reserve,
        })
    }

    /// Takes `amount` if the pool stays within `ceiling`; all or nothing.
    fn take(&self, amount: usize, ceiling: usize) -> bool {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(amount).filter(|&total| total <= ceiling)
            })
            .is_ok()
    }

    fn give(&self, amount: usize) {
        self.used.fetch_sub(amount, Ordering::AcqRel);
    }
}

/// The pools a request's body counts against, carried to the extractor as a request
/// extension by the server. A request without one (another server, a test calling the
/// router directly) counts against a process-wide pool of [`DEFAULT_SERVER_LIMIT`].
#[derive(Clone, Debug)]
pub(crate) struct BodyMemory {
    server: Arc<Pool>,
    connection: Option<Arc<Pool>>,
}

static PROCESS: LazyLock<BodyMemory> = LazyLock::new(|| BodyMemory::server(DEFAULT_SERVER_LIMIT));

impl BodyMemory {
    /// A server's pool of `limit` bytes.
    pub(crate) fn server(limit: usize) -> BodyMemory {
        BodyMemory {
            server: Pool::new(limit, limit / SMALL_SHARE_DIVISOR),
            connection: None,
        }
    }

    /// The pools of a new connection to this server, which may hold `limit` bytes.
    pub(crate) fn connection(&self, limit: usize) -> BodyMemory {
        BodyMemory {
            server: Arc::clone(&self.server),
            connection: Some(Pool::new(limit, 0)),
        }
    }

    /// The pools of a request: the server's, or the process's without one.
    pub(crate) fn of(extensions: &http::Extensions) -> BodyMemory {
        extensions.get::<BodyMemory>().unwrap_or(&PROCESS).clone()
    }

    /// The server's limit, for the rejection's text.
    pub(crate) fn server_limit(&self) -> usize {
        self.server.limit
    }

    /// An empty reservation for one body.
    pub(crate) fn reserve(self) -> Reservation {
        Reservation { memory: self, held: 0 }
    }
}

/// The bytes one body holds in its pools, given back when dropped.
#[derive(Debug)]
pub(crate) struct Reservation {
    memory: BodyMemory,
    held: usize,
}

impl Reservation {
    /// Counts `more` bytes of this body; false, counting nothing, when a pool is spent.
    pub(crate) fn grow(&mut self, more: usize) -> bool {
        let Some(total) = self.held.checked_add(more) else {
            return false;
        };
        let server = &self.memory.server;
        let ceiling = if total <= SMALL_BODY {
            server.limit
        } else {
            server.limit - server.reserve
        };
        if !server.take(more, ceiling) {
            return false;
        }
        if let Some(connection) = &self.memory.connection
            && !connection.take(more, connection.limit)
        {
            server.give(more);
            return false;
        }
        self.held = total;
        true
    }
}

impl Reservation {
    /// Counts this body as holding `total` bytes if that is more than it holds; false,
    /// counting nothing more, when a pool is spent.
    pub(crate) fn grow_to(&mut self, total: usize) -> bool {
        total <= self.held || self.grow(total - self.held)
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.memory.server.give(self.held);
        if let Some(connection) = &self.memory.connection {
            connection.give(self.held);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(memory: &BodyMemory) -> (usize, usize) {
        let connection = memory.connection.as_ref().map_or(0, |c| c.used.load(Ordering::Acquire));
        (memory.server.used.load(Ordering::Acquire), connection)
    }

    #[test]
    fn a_connection_cannot_hold_more_than_its_pool_and_gets_it_back() {
        let server = BodyMemory::server(1 << 30);
        let connection = server.connection(100);
        let mut first = connection.clone().reserve();
        assert!(first.grow(60));
        let mut second = connection.clone().reserve();
        assert!(!second.grow(41), "past the connection's pool");
        assert_eq!(used(&connection), (60, 60), "a refusal takes nothing");
        assert!(second.grow(40));
        drop(first);
        assert_eq!(used(&connection), (40, 40));
        drop(second);
        assert_eq!(used(&connection), (0, 0));
    }

    #[test]
    fn the_server_pool_is_summed_over_connections() {
        let server = BodyMemory::server(8 * SMALL_BODY * 2);
        let mut held = Vec::new();
        // Large bodies fill the share that is not reserved, then are refused.
        loop {
            let mut body = server.connection(usize::MAX).reserve();
            if !(body.grow(SMALL_BODY) && body.grow(SMALL_BODY)) {
                break;
            }
            held.push(body);
        }
        assert_eq!(held.len(), 7, "seven eighths of the pool to large bodies");
        // A small body still fits in the reserve, and so does another, until it is spent.
        let mut small = server.connection(usize::MAX).reserve();
        assert!(small.grow(SMALL_BODY));
        let mut growing = server.connection(usize::MAX).reserve();
        assert!(growing.grow(SMALL_BODY / 2));
        assert!(
            !growing.grow(SMALL_BODY),
            "a body past the small size cannot use the reserve"
        );
        drop(held);
        assert!(growing.grow(SMALL_BODY), "room again once the large bodies are gone");
    }

    #[test]
    fn a_request_without_a_server_counts_against_the_process() {
        let memory = BodyMemory::of(&http::Extensions::new());
        assert_eq!(memory.server_limit(), DEFAULT_SERVER_LIMIT);
        assert!(memory.connection.is_none());
    }
}
