//! The body of a live reply: the ready events, then each live event as it is encoded, with a
//! keep-alive comment when the stream is quiet, ending cleanly between two events when the
//! server shuts down. Everything the connection needs lives in this one small value, so
//! when the connection goes the whole stream goes with it.
//!
//! # Noticing that the client left
//!
//! The stream is dropped when hyper drops the body, which it does as soon as it learns the
//! connection is gone. While a response is being written, hyper's HTTP/1 dispatcher keeps
//! reading the socket, so a client that closes its connection (a closed tab, a navigation,
//! an aborted fetch) is seen at once, even when the stream is idle: no probe is needed,
//! and the producing stream is dropped within milliseconds. HTTP/2 sees a cancelled
//! request as a stream reset just as fast.
//!
//! Two cases escape the read side: a client that pipelined another request before
//! leaving (hyper stops reading while unread bytes wait in its buffer), and a peer that
//! vanished without closing (a dead network). Only a write finds those, so the keep-alive
//! comment doubles as the probe: the stream goes within one or two keep-alive periods.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::{Instant, Sleep};

use crate::context::KeepAlive;
use crate::context::feeds::FeedSlot;
use crate::context::shutdown::{Shutdown, Wait};
use crate::reply::writer::FeedBytes;

/// The keep-alive comment. One comment line without a blank line after it: SSE parsers skip
/// it, and, unlike `: …\n\n`, it makes no parser dispatch an empty message.
pub(crate) const KEEP_ALIVE_COMMENT: &[u8] = b": keep-alive\n";

/// How many items without bytes (failed to encode, or empty) in a row a poll skips before
/// it yields to other tasks.
const SKIP_BUDGET: usize = 32;

/// A timer that fires after `period` without data. Sending data only records the time; the
/// timer is moved when it fires early, so a busy stream costs one timer update per period
/// rather than one per event. The timer itself is made on the first poll, inside the
/// runtime, so a reply can be built (in a unit test, say) without one.
struct Quiet {
    period: Duration,
    last: Instant,
    sleep: Option<Pin<Box<Sleep>>>,
}

impl Quiet {
    fn new(period: Duration) -> Self {
        Quiet {
            period,
            last: Instant::now(),
            sleep: None,
        }
    }

    fn sent(&mut self) {
        self.last = Instant::now();
    }

    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let (period, last) = (self.period, self.last);
        let sleep = self
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(last + period)));
        loop {
            std::task::ready!(sleep.as_mut().poll(cx));
            let now = Instant::now();
            let due = self.last + period;
            if now >= due {
                self.last = now;
                sleep.as_mut().reset(now + period);
                return Poll::Ready(());
            }
            sleep.as_mut().reset(due);
        }
    }
}

/// Why a live body stopped, for the log.
#[derive(Clone, Copy, Debug)]
enum End {
    Finished,
    Shutdown,
}

/// The body of a reply with a feed.
pub(crate) struct FeedBody {
    ready: Bytes,
    feed: Option<FeedBytes>,
    quiet: Option<Quiet>,
    shutdown: Option<Wait>,
    /// Its place under the server's limit on live replies, if the server set one.
    _slot: Option<FeedSlot>,
    span: tracing::Span,
}

impl FeedBody {
    /// A body that sends `ready`, then `feed`, under the current router's keep-alive setting
    /// and the current server's shutdown signal.
    pub(crate) fn new(ready: Bytes, feed: FeedBytes, dialect: crate::Dialect, slot: Option<FeedSlot>) -> Self {
        let span = tracing::debug_span!("datastar.stream", dialect = dialect.name());
        span.in_scope(|| tracing::debug!("stream opened"));
        let shutdown = crate::context::current::<Shutdown>().map(|s| s.wait());
        FeedBody {
            ready,
            feed: Some(feed),
            quiet: crate::context::current::<KeepAlive>()
                .unwrap_or_default()
                .period
                .map(Quiet::new),
            shutdown,
            _slot: slot,
            span,
        }
    }

    fn data(&mut self, bytes: Bytes) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Some(quiet) = &mut self.quiet {
            quiet.sent();
        }
        Poll::Ready(Some(Ok(Frame::data(bytes))))
    }

    fn end(&mut self, end: End) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.feed = None;
        self.quiet = None;
        self.shutdown = None;
        self.span.in_scope(|| tracing::debug!(reason = ?end, "stream ended"));
        Poll::Ready(None)
    }
}

impl Body for FeedBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        if !this.ready.is_empty() {
            let ready = std::mem::take(&mut this.ready);
            return this.data(ready);
        }
        let Some(feed) = this.feed.as_mut() else {
            return Poll::Ready(None);
        };
        // Checked before the stream, so that even a stream that is never quiet ends, and
        // always between two whole events.
        if let Some(shutdown) = &mut this.shutdown
            && Pin::new(shutdown).poll(cx).is_ready()
        {
            return this.end(End::Shutdown);
        }
        let mut skipped = 0;
        loop {
            match feed.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(bytes))) if !bytes.is_empty() => return this.data(bytes),
                // An item with no events (`None`, `()`, a skipped `Err`).
                Poll::Ready(Some(Ok(_))) => skipped += 1,
                Poll::Ready(Some(Err(error))) => {
                    this.span
                        .in_scope(|| tracing::error!(%error, "a live event cannot be encoded; it was skipped"));
                    skipped += 1;
                }
                Poll::Ready(None) => return this.end(End::Finished),
                Poll::Pending => break,
            }
            if skipped == SKIP_BUDGET {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
        }
        if let Some(quiet) = &mut this.quiet
            && quiet.poll(cx).is_ready()
        {
            return this.data(Bytes::from_static(KEEP_ALIVE_COMMENT));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.ready.is_empty() && self.feed.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        match self.feed {
            None => SizeHint::with_exact(self.ready.len() as u64),
            Some(_) => SizeHint::default(),
        }
    }
}

impl Drop for FeedBody {
    fn drop(&mut self) {
        if self.feed.is_some() {
            // Dropped before its end: the connection closed, or the server gave up on it.
            self.span
                .in_scope(|| tracing::debug!("stream dropped: the client went away"));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::task::Waker;

    use bytes::Bytes;
    use http_body_util::BodyExt;
    use tokio::sync::mpsc;

    use super::*;

    fn feed_body(keep_alive: KeepAlive) -> (FeedBody, mpsc::UnboundedSender<&'static str>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let events = futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv()
                .await
                .map(|text: &'static str| (Ok(Bytes::from_static(text.as_bytes())), rx))
        });
        let body = <KeepAlive as crate::context::Setting>::key().sync_scope(keep_alive, || {
            FeedBody::new(
                Bytes::from_static(b"ready\n\n"),
                Box::pin(events),
                crate::Dialect::V1,
                None,
            )
        });
        (body, tx)
    }

    fn poll(body: &mut FeedBody) -> Poll<Option<Bytes>> {
        let mut cx = Context::from_waker(Waker::noop());
        Pin::new(body)
            .poll_frame(&mut cx)
            .map(|frame| frame.map(|f| f.ok().and_then(|f| f.into_data().ok()).expect("a data frame")))
    }

    #[test]
    fn a_live_body_can_be_built_and_polled_outside_a_runtime_until_it_waits() {
        let (mut body, tx) = feed_body(KeepAlive::default());
        assert_eq!(poll(&mut body), Poll::Ready(Some(Bytes::from_static(b"ready\n\n"))));
        tx.send("one\n\n").expect("send");
        assert_eq!(poll(&mut body), Poll::Ready(Some(Bytes::from_static(b"one\n\n"))));
        drop(tx);
        assert_eq!(poll(&mut body), Poll::Ready(None));
        assert!(body.is_end_stream());
    }

    #[tokio::test(start_paused = true)]
    async fn only_quiet_time_counts_towards_a_keep_alive() {
        let (mut body, tx) = feed_body(KeepAlive::every(Duration::from_secs(15)));
        let comment = Bytes::from_static(KEEP_ALIVE_COMMENT);
        let data = |frame: Option<Result<Frame<Bytes>, Infallible>>| {
            frame.expect("a frame").expect("ok").into_data().expect("data")
        };
        assert_eq!(data(body.frame().await), Bytes::from_static(b"ready\n\n"));
        let start = Instant::now();
        assert_eq!(data(body.frame().await), comment);
        assert_eq!(start.elapsed(), Duration::from_secs(15));
        // An event after 5 more quiet seconds restarts the count.
        let sender = tx.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(5)).await;
            sender.send("event\n\n").expect("send");
        });
        assert_eq!(data(body.frame().await), Bytes::from_static(b"event\n\n"));
        let event_at = Instant::now();
        assert_eq!(event_at - start, Duration::from_secs(20));
        assert_eq!(data(body.frame().await), comment);
        assert_eq!(event_at.elapsed(), Duration::from_secs(15));
        drop(tx);
        assert!(body.frame().await.is_none());
    }
}
