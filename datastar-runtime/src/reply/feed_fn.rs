//! Feeds written as a loop: an async function gets a [`FeedSender`] and sends events when
//! it likes, each on the wire as soon as it is sent.
//!
//! No task is spawned: the function's future lives in the response body and is polled by
//! it, so it runs only while the page listens and is dropped with the connection. The
//! channel between them holds one value, so a slow client makes `send` wait instead of
//! piling events up in memory.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use tokio::sync::mpsc;

use crate::encode::{Dialect, EncodeError};
use crate::reply::feed::{Nested, Piece};
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::EventWriter;

/// A feed written by an async function: see [`feed_fn`].
pub struct FeedFn<F> {
    producer: F,
}

/// A feed written as a loop: `producer` gets a [`FeedSender`] and sends events when it
/// likes; the feed ends when it returns.
///
/// ```
/// use std::time::Duration;
/// use datastar_runtime::{IntoEvents, feed_fn, get, maud::html};
/// use datastar_runtime::event::{PatchElements, Redirect};
/// use datastar_runtime::reply::{Closed, FeedSender};
///
/// async fn progress(mut out: FeedSender) -> Result<(), Closed> {
///     for pct in (0..=100).step_by(10) {
///         out.send(html! { progress #bar value=(pct) max="100" {} }).await?;
///         tokio::time::sleep(Duration::from_millis(50)).await;
///     }
///     out.send(Redirect::new("/done")).await
/// }
///
/// #[get("/progress")]
/// async fn start() -> impl IntoEvents {
///     feed_fn(progress)
/// }
/// ```
///
/// A closure works as well, and catches what the handler extracted:
/// `feed_fn(move |mut out| async move { out.send(rows(&query)).await })`. By hand, without
/// the route macros, the value is a response on its own, or goes in a [`Reply`](crate::Reply)
/// after other events.
///
/// The sends are written in the dialect of the router, after any events before the feed in
/// the same reply, with keep-alive comments while the function is quiet. When the page goes
/// away, the function's future is dropped at its next `await` (it is polled by the response
/// body, so it never runs on without a page), and a sender moved elsewhere gets [`Closed`].
/// When the server shuts down, the feed ends between two sends.
pub fn feed_fn<F, Fut>(producer: F) -> FeedFn<F>
where
    F: FnOnce(FeedSender) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), Closed>> + Send + 'static,
{
    FeedFn { producer }
}

/// Where a [`feed_fn`] function sends its events.
#[derive(Debug)]
pub struct FeedSender {
    dialect: Dialect,
    tx: mpsc::Sender<Piece>,
}

impl FeedSender {
    /// Sends anything that becomes events: one event, a `#[fragment]` value, a tuple of
    /// them, signals, a [`Redirect`](crate::event::Redirect). They are encoded at once and go
    /// out together as soon as the client has taken the previous send.
    ///
    /// The error says the page went away: stop with `?`. An event that cannot be encoded
    /// (a selector with a line break) is logged and skipped, as in every feed.
    pub fn send(&mut self, events: impl IntoEvents) -> impl Future<Output = Result<(), Closed>> + Send + '_ {
        // Encoded before the wait, so the value itself need not be `Send`.
        let piece = Piece::new(events, self.dialect);
        async move { self.tx.send(piece).await.map_err(|_| Closed) }
    }

    /// Whether the page went away, so that any send would fail.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

/// A [`FeedSender`]'s page went away: nothing more can be sent to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Closed;

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the page went away: its event stream is closed")
    }
}

impl std::error::Error for Closed {}

impl<F, Fut> IntoEvents for FeedFn<F>
where
    F: FnOnce(FeedSender) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), Closed>> + Send + 'static,
{
    fn write_events(self, out: &mut EventWriter) {
        let (tx, rx) = mpsc::channel(1);
        let sender = FeedSender {
            dialect: out.dialect(),
            tx,
        };
        out.feed_bytes(Produced {
            producer: Some(Box::pin((self.producer)(sender))),
            rx,
            nested: Nested::default(),
        });
    }
}

impl<F, Fut> axum::response::IntoResponse for FeedFn<F>
where
    F: FnOnce(FeedSender) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), Closed>> + Send + 'static,
{
    fn into_response(self) -> axum::response::Response {
        crate::reply::response::Reply(self).into_response()
    }
}

/// The feed of a [`FeedFn`]: runs the function and yields what it sent.
struct Produced<Fut> {
    // `None` once the function returned.
    producer: Option<Pin<Box<Fut>>>,
    rx: mpsc::Receiver<Piece>,
    nested: Nested,
}

impl<Fut> Stream for Produced<Fut>
where
    Fut: Future<Output = Result<(), Closed>>,
{
    type Item = Result<Bytes, EncodeError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        // The function runs on while a nested stream (a sent feed) is being sent, so its
        // timers and other work are not held up; its next send waits for the channel.
        let nested = this.nested.poll_next(cx);
        if let Some(producer) = &mut this.producer
            && producer.as_mut().poll(cx).is_ready()
        {
            // What it sent before returning still goes out; nothing more can come in.
            this.producer = None;
            this.rx.close();
        }
        match nested {
            Poll::Ready(Some(bytes)) => return Poll::Ready(Some(bytes)),
            Poll::Pending => return Poll::Pending,
            Poll::Ready(None) => {}
        }
        match this.rx.poll_recv(cx) {
            Poll::Ready(Some(piece)) => Poll::Ready(Some(this.nested.start(piece))),
            // The function returned (or dropped its sender) and everything it sent is out.
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::task::Waker;

    use super::*;
    use crate::event::{PatchElements, Redirect};

    fn live<F, Fut>(producer: F) -> crate::reply::writer::FeedBytes
    where
        F: FnOnce(FeedSender) -> Fut + Send + 'static,
        Fut: Future<Output = Result<(), Closed>> + Send + 'static,
    {
        let mut out = EventWriter::new(Dialect::V1);
        feed_fn(producer).write_events(&mut out);
        out.finish().feed.expect("a feed")
    }

    fn poll(live: &mut crate::reply::writer::FeedBytes) -> Poll<Option<String>> {
        let mut cx = Context::from_waker(Waker::noop());
        live.as_mut()
            .poll_next(&mut cx)
            .map(|item| item.map(|bytes| String::from_utf8(bytes.expect("encoded").to_vec()).expect("UTF-8")))
    }

    #[test]
    fn each_send_is_one_item_in_order_and_the_feed_ends_when_the_function_returns() {
        let mut live = live(|mut out| async move {
            out.send((
                PatchElements::new("<p id=\"a\">1</p>"),
                PatchElements::new("<p id=\"b\">2</p>"),
            ))
            .await?;
            out.send(Redirect::new("/done")).await
        });
        assert_eq!(
            poll(&mut live),
            Poll::Ready(Some(
                "event: datastar-patch-elements\ndata: elements <p id=\"a\">1</p>\n\n\
                 event: datastar-patch-elements\ndata: elements <p id=\"b\">2</p>\n\n"
                    .to_owned()
            ))
        );
        let redirect = poll(&mut live);
        assert!(
            matches!(&redirect, Poll::Ready(Some(text)) if text.contains("/done")),
            "{redirect:?}"
        );
        assert_eq!(poll(&mut live), Poll::Ready(None));
    }

    #[test]
    fn a_send_waits_until_the_client_took_the_previous_one() {
        let progress = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = progress.clone();
        let mut live = live(move |mut out| async move {
            for n in 0..3 {
                out.send(PatchElements::new(format!("<p id=\"n\">{n}</p>"))).await?;
                seen.store(n + 1, std::sync::atomic::Ordering::SeqCst);
            }
            std::future::pending().await
        });
        // Nothing is read yet: the function runs only when the body is polled.
        assert_eq!(progress.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert!(matches!(poll(&mut live), Poll::Ready(Some(text)) if text.contains(">0<")));
        // The first send went out; the second waits in the channel until it is read.
        assert_eq!(progress.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(matches!(poll(&mut live), Poll::Ready(Some(text)) if text.contains(">1<")));
        assert_eq!(progress.load(std::sync::atomic::Ordering::SeqCst), 2);
        assert!(matches!(poll(&mut live), Poll::Ready(Some(text)) if text.contains(">2<")));
        assert_eq!(poll(&mut live), Poll::Pending);
        assert_eq!(progress.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_sender_moved_elsewhere_gets_closed_once_the_page_is_gone() {
        let (handed, taken) = tokio::sync::oneshot::channel();
        let mut live = live(move |out| async move {
            let _ = handed.send(out);
            std::future::pending().await
        });
        assert_eq!(poll(&mut live), Poll::Pending);
        let mut sender = taken.await.expect("the sender");
        assert!(!sender.is_closed());
        drop(live);
        assert!(sender.is_closed());
        assert_eq!(sender.send(PatchElements::new("<p id=\"x\"></p>")).await, Err(Closed));
    }
}
