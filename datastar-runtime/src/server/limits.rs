//! What one client may hold, and for how long: `serve`'s connection limits, their
//! defaults (each stated once, here) and their setters.

use std::time::Duration;

use hyper_util::rt::TokioTimer;

use crate::server::serve::Serve;

/// The limits a [`Serve`] applies to every connection.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub(crate) write_timeout: Duration,
    pub(crate) unread_timeout: Duration,
    pub(crate) head_timeout: Duration,
    pub(crate) idle_timeout: Duration,
    /// `None`: from the open-file limit when the server starts.
    pub(crate) max_connections: Option<usize>,
    /// `None`: seven eighths of the connection cap.
    pub(crate) max_feeds: Option<usize>,
    pub(crate) max_streams: u32,
    pub(crate) stream_buffer: usize,
    pub(crate) body_memory: usize,
    pub(crate) body_memory_per_connection: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            write_timeout: Serve::<()>::DEFAULT_WRITE_TIMEOUT,
            unread_timeout: Serve::<()>::DEFAULT_UNREAD_TIMEOUT,
            head_timeout: Serve::<()>::DEFAULT_HEAD_TIMEOUT,
            idle_timeout: Serve::<()>::DEFAULT_IDLE_TIMEOUT,
            max_connections: None,
            max_feeds: None,
            max_streams: Serve::<()>::DEFAULT_MAX_STREAMS,
            stream_buffer: Serve::<()>::DEFAULT_STREAM_BUFFER,
            body_memory: Serve::<()>::DEFAULT_BODY_MEMORY,
            body_memory_per_connection: Serve::<()>::DEFAULT_BODY_MEMORY_PER_CONNECTION,
        }
    }
}

impl Limits {
    /// The connection cap: as set, else from the open-file limit.
    pub(crate) fn connection_cap(&self) -> Option<usize> {
        self.max_connections.or_else(crate::server::cap::default_cap)
    }

    /// The limit on live replies under a connection cap of `connections`: as set, else
    /// seven eighths of the cap, so that a flood of streams leaves room for one-shot
    /// requests; without either, one never reached (the limit is always in scope, so its
    /// scope has one type).
    pub(crate) fn feed_cap(&self, connections: Option<usize>) -> usize {
        self.max_feeds
            .or_else(|| connections.map(|max| (max - max / 8).max(1)))
            .unwrap_or(usize::MAX)
    }

    /// Sets hyper's own HTTP/1 bounds from these.
    pub(crate) fn configure_http1(&self, http1: &mut hyper::server::conn::http1::Builder) {
        // The connection's idle timer bounds HTTP/1 request heads (`Idle::http1`): hyper's
        // header timer costs every request a boxed timer and an extra read of the socket.
        http1.header_read_timeout(None);
    }

    /// Sets hyper's own HTTP/2 bounds from these.
    pub(crate) fn configure_http2<E>(&self, http2: &mut hyper::server::conn::http2::Builder<E>) {
        // What h2 queues for a stream is capped by this buffer, whatever window the client
        // grants; with the stream cap it bounds what one connection queues.
        http2
            .timer(TokioTimer::new())
            .max_concurrent_streams(self.max_streams)
            .max_send_buf_size(self.stream_buffer);
        crate::server::unread::configure(http2, self.unread_timeout);
    }
}

impl<S> Serve<S> {
    /// How long a client may leave the server's writes waiting: 30 seconds.
    pub const DEFAULT_WRITE_TIMEOUT: Duration = Duration::from_secs(30);

    /// How long an HTTP/2 client may go without sending anything, a PING's answer
    /// included: 60 seconds.
    pub const DEFAULT_UNREAD_TIMEOUT: Duration = Duration::from_secs(60);

    /// How long a new connection may take to send its first complete request: 10 seconds.
    pub const DEFAULT_HEAD_TIMEOUT: Duration = Duration::from_secs(10);

    /// How long a connection may stay open with no request in flight: 60 seconds.
    pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

    /// How many HTTP/2 streams one connection may have open at once: 100.
    pub const DEFAULT_MAX_STREAMS: u32 = 100;

    /// How many bytes HTTP/2 queues for one stream before its body waits: 4 KiB.
    pub const DEFAULT_STREAM_BUFFER: usize = 4 * 1024;

    /// How many bytes the request bodies being read may hold at once in all: 64 MiB.
    pub const DEFAULT_BODY_MEMORY: usize = crate::extract::budget::DEFAULT_SERVER_LIMIT;

    /// How many bytes the request bodies being read on one connection may hold at once
    /// (summed over its HTTP/2 streams): 2 MiB.
    pub const DEFAULT_BODY_MEMORY_PER_CONNECTION: usize = crate::extract::budget::DEFAULT_CONNECTION_LIMIT;

    /// Closes a connection whose client reads nothing for `timeout` while the server has
    /// bytes for it, and resets an HTTP/2 stream whose reply waits that long, whether on
    /// the socket or on the client's flow-control window (a zero duration turns this off).
    ///
    /// A client that stops reading a live stream (a frozen tab, a hostile client) would
    /// otherwise hold its connection forever. Its memory stays bounded meanwhile: once the
    /// buffers are full, nothing more is produced for it. A slow client that reads is not
    /// affected: the time counts from the last write that made progress.
    pub fn write_timeout(mut self, timeout: Duration) -> Self {
        self.limits.write_timeout = timeout;
        self
    }

    /// Closes an HTTP/2 connection whose client has sent nothing for `timeout`: once it has
    /// been silent for half of it, the server sends a PING, and closes the connection
    /// if the answer has not come by the end (a zero duration turns this off).
    ///
    /// A client that stops reading a slow feed never makes the server's writes wait (its
    /// kernel takes in megabytes of events first), so the write timeout does not find it,
    /// and the TCP state does not tell it from one that reads; only a client that reads
    /// answers a PING. A client that reads is not affected, nor one that sends anything
    /// at all. HTTP/1.1 has nothing a client must answer: there such a client is closed
    /// only once its buffers are full and the write timeout runs out, and the connection
    /// cap bounds how many the server holds.
    pub fn unread_timeout(mut self, timeout: Duration) -> Self {
        self.limits.unread_timeout = timeout;
        self
    }

    /// Closes a connection that has not sent a complete request `timeout` after it was
    /// accepted: nothing at all, part of a request head, an HTTP/2 preface, or HTTP/2
    /// settings with no stream (a zero duration turns this off). An HTTP/1 connection
    /// gets the same time for its next request head, counted from the end of its last
    /// reply, when that is shorter than the idle timeout.
    pub fn head_timeout(mut self, timeout: Duration) -> Self {
        self.limits.head_timeout = timeout;
        self
    }

    /// Closes a connection that has had no request in flight for `timeout` since its
    /// last one ended: an HTTP/1 keep-alive connection, an HTTP/2 one with no open
    /// stream (a zero duration turns this off). A live stream is a request in flight, so
    /// a page's feed keeps its connection open.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.limits.idle_timeout = timeout;
        self
    }

    /// Serves at most `max` connections at once. By default the cap is the process's
    /// open-file limit (the soft `RLIMIT_NOFILE` when the server starts) less an eighth of
    /// it, at least 64, kept for the process's own files, Redis connections and `accept`;
    /// none where that limit is unlimited or cannot be read.
    ///
    /// At the cap the server sheds the connection that has gone longest without a request
    /// in flight (an idle keep-alive connection, a socket that has sent no complete head),
    /// once it has been so for a second, to make room for the newcomer; when none has,
    /// newcomers wait in the kernel's listen queue and are served, in order, as
    /// connections end or become idle. A flood of idle sockets thus cannot keep good
    /// requests out, and live streams are bounded apart ([`Serve::max_feeds`]).
    pub fn max_connections(mut self, max: usize) -> Self {
        self.limits.max_connections = Some(max.max(1));
        self
    }

    /// Holds at most `max` live replies (feeds, subscriptions) at once across the server;
    /// past it a new one is refused with `503 Service Unavailable` and `Retry-After`
    /// (every Datastar client opens its stream again later). By default seven eighths of
    /// the connection cap: a live reply holds its connection for as long as its page is
    /// open and cannot be shed, so without this bound a flood of streams would fill the
    /// cap and leave no room for one-shot requests.
    pub fn max_feeds(mut self, max: usize) -> Self {
        self.limits.max_feeds = Some(max.max(1));
        self
    }

    /// How many bytes the request bodies being read may hold at once, summed over every
    /// connection ([`Serve::DEFAULT_BODY_MEMORY`]). A body that would take more is refused
    /// at once with `503 Service Unavailable` and `Retry-After: 1` before more of it is
    /// read. The first 64 KiB of each body may use the whole amount, anything beyond only
    /// seven eighths of it, so that a flood of large bodies leaves room for small requests.
    pub fn max_body_memory(mut self, bytes: usize) -> Self {
        self.limits.body_memory = bytes;
        self
    }

    /// How many bytes the request bodies being read on one connection may hold at once,
    /// summed over its HTTP/2 streams ([`Serve::DEFAULT_BODY_MEMORY_PER_CONNECTION`]); past
    /// it a body is refused as for [`Serve::max_body_memory`]. Keep it at least as large
    /// as the largest body a route accepts
    /// ([`SignalsConfig::limit`](crate::extract::SignalsConfig::limit)).
    pub fn max_body_memory_per_connection(mut self, bytes: usize) -> Self {
        self.limits.body_memory_per_connection = bytes;
        self
    }

    /// How many HTTP/2 streams one connection may have open at once; a client that opens
    /// more gets the extra ones refused (`RST_STREAM` with `REFUSED_STREAM`).
    pub fn max_streams(mut self, max: u32) -> Self {
        self.limits.max_streams = max;
        self
    }

    /// How many bytes HTTP/2 may queue for one stream before its body is no longer
    /// polled, whatever flow-control window the client grants. Larger speeds up big
    /// replies on slow links; smaller bounds a client that never reads more tightly.
    pub fn stream_buffer(mut self, bytes: usize) -> Self {
        self.limits.stream_buffer = bytes.max(1);
        self
    }
}
