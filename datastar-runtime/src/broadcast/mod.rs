//! Fan-out: one producer, many pages. Each message is encoded once per dialect and its bytes
//! are shared by every subscriber; the few newest messages sit in one ring shared by all, so
//! a page that falls briefly behind catches up, and a page that falls far behind skips to
//! the newest message instead of holding memory or holding up the others.

mod message;
#[cfg(feature = "redis")]
pub mod redis;

pub use message::Message;

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::StreamExt;
use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};

use crate::event::Event;
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::EventWriter;

/// Sends the same events to every page that subscribed: a feed, a live counter, a chat
/// room's latest state.
///
/// ```
/// use std::time::Duration;
/// use axum::{Router, extract::State, routing::get};
/// use datastar_runtime::{Broadcast, maud::html};
/// use datastar_runtime::broadcast::Subscription;
/// use datastar_runtime::event::PatchElements;
///
/// async fn feed(State(ticker): State<Broadcast>) -> Subscription {
///     ticker.subscribe()
/// }
///
/// # async fn run() {
/// let ticker = Broadcast::new();
/// let producer = ticker.clone();
/// tokio::spawn(async move {
///     for n in 0u64.. {
///         producer.send(PatchElements::from(html! { span #feed { (n) } }));
///         tokio::time::sleep(Duration::from_secs(1)).await;
///     }
/// });
/// let app: Router = Router::new().route("/feed", get(feed)).with_state(ticker);
/// # let _ = app;
/// # }
/// ```
///
/// # Lag policy
///
/// A broadcast carries state, not a log. It keeps the [`Broadcast::RING`] newest messages in one ring
/// shared by every subscriber. A page whose connection is briefly busy (the server woke
/// ten thousand pages at once, a network hiccup) gets every message it missed when it is
/// ready again. A page that falls further behind (a slow network, a suspended tab) skips
/// to the newest message, so what it costs stays bounded whatever its lag, and it never
/// slows the producer or the other pages. A page that subscribes late gets the newest
/// message at once, so a feed is never blank.
///
/// Make each message whole: it should carry everything its targets show (a morph of
/// `#feed`, the full list), not a delta (an append) that means nothing without the ones
/// before it. Updates to several targets that belong together go in one message (a tuple
/// given to [`Broadcast::send`]), since a subscriber may see the second message without the
/// first.
///
/// # Backends
///
/// The [`Local`] backend (the default) delivers within the process. A [`Backend`] can carry
/// messages elsewhere first, such as a pub/sub service shared by several server processes,
/// behind the same `send` and `subscribe`. The backend is chosen when the broadcast is
/// built and is not part of its type, so the handlers that take a `Broadcast` run
/// unchanged with any backend.
pub struct Broadcast {
    inner: Arc<Inner>,
}

struct Inner {
    hub: Hub,
    backend: Box<dyn Backend>,
}

impl Clone for Broadcast {
    fn clone(&self) -> Self {
        Broadcast {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl Default for Broadcast {
    fn default() -> Self {
        Broadcast::new()
    }
}

impl Broadcast {
    /// How many of the newest messages a broadcast keeps for subscribers that fell behind.
    ///
    /// Sixteen periods cover a burst of wake-ups at ten thousand feeds with room to spare;
    /// the ring holds shared messages, so its cost does not grow with the subscribers.
    pub const RING: usize = 16;

    /// A broadcast within this process.
    pub fn new() -> Self {
        Broadcast::with_backend(|_| Local)
    }

    /// A broadcast whose messages travel through the backend `make` builds; it gets the
    /// local [`Hub`] to deliver the messages that come back.
    pub fn with_backend<B: Backend>(make: impl FnOnce(Hub) -> B) -> Self {
        let hub = Hub::new();
        let backend = Box::new(make(hub.clone()));
        Broadcast {
            inner: Arc::new(Inner { hub, backend }),
        }
    }

    /// Sends anything that becomes events to every subscriber, as one message: one event,
    /// a `#[fragment]` value, or a tuple of them that a subscriber gets all or none of.
    ///
    /// A feed (a feed, a subscription) cannot be shared as a message: it is logged and
    /// dropped, and the value's other events are sent. An `Err` sends nothing and is logged.
    ///
    /// ```
    /// use datastar_runtime::{Broadcast, maud::html};
    /// use datastar_runtime::event::PatchElements;
    /// let room = Broadcast::new();
    /// room.send((html! { span #count { "3" } }, PatchElements::new("<title>3 online</title>").selector("title")));
    /// assert_eq!(room.latest().unwrap().events().len(), 2);
    /// ```
    pub fn send(&self, events: impl IntoEvents) {
        let mut out = EventWriter::collecting();
        events.write_events(&mut out);
        let collected = out.finish_collected();
        if let Some(failure) = collected.failure {
            tracing::error!(?failure, "a broadcast value failed (an `Err`); nothing was sent");
            return;
        }
        if collected.had_feed {
            tracing::error!(
                "a broadcast message cannot carry a live stream (a feed or a subscription); it was dropped"
            );
        }
        self.publish(Message::new(collected.events));
    }

    /// Sends events that belong together as one message: a subscriber gets all or none.
    pub fn send_all<I>(&self, events: I)
    where
        I: IntoIterator,
        I::Item: Into<Event>,
    {
        self.publish(Message::new(events));
    }

    /// Sends a message built beforehand.
    pub fn publish(&self, message: Message) {
        self.inner.backend.publish(message, &self.inner.hub);
    }

    /// A stream of this broadcast's messages for one page, starting with the newest.
    /// Return it from a handler to stream it in the router's dialect.
    pub fn subscribe(&self) -> Subscription {
        self.inner.hub.subscribe()
    }

    /// The newest message, if any was sent.
    pub fn latest(&self) -> Option<Message> {
        self.inner.hub.latest()
    }

    /// How many subscriptions are open in this process.
    pub fn subscribers(&self) -> usize {
        self.inner.hub.subscribers()
    }
}

impl std::fmt::Debug for Broadcast {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Broadcast")
            .field("subscribers", &self.subscribers())
            .finish_non_exhaustive()
    }
}

/// Where a [`Broadcast`]'s messages go between `send` and the subscribers.
///
/// A backend receives every published message and must bring it, sooner or later, to the
/// [`Hub`] of every process with subscribers: [`Local`] hands it over at once; a pub/sub
/// backend would publish it to a shared channel and deliver what that channel returns to
/// the hub it got from [`Broadcast::with_backend`].
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use datastar_runtime::Broadcast;
/// use datastar_runtime::broadcast::{Backend, Hub, Message};
/// use datastar_runtime::event::PatchElements;
///
/// /// Delivers locally and counts what it carried.
/// #[derive(Default)]
/// struct Counted(AtomicUsize);
///
/// impl Backend for Counted {
///     fn publish(&self, message: Message, local: &Hub) {
///         self.0.fetch_add(1, Ordering::Relaxed);
///         local.deliver(message);
///     }
/// }
///
/// // A pub/sub backend would keep `hub` here and start the task that delivers to it.
/// let broadcast = Broadcast::with_backend(|_hub| Counted::default());
/// broadcast.send(PatchElements::new("<p id=\"n\">1</p>"));
/// assert_eq!(broadcast.latest().unwrap().events().len(), 1);
/// ```
pub trait Backend: Send + Sync + 'static {
    /// Carries `message` to the subscribers; `local` is this process's hub.
    fn publish(&self, message: Message, local: &Hub);
}

/// The in-process backend: messages go straight to this process's subscribers.
#[derive(Clone, Copy, Debug, Default)]
pub struct Local;

impl Backend for Local {
    fn publish(&self, message: Message, local: &Hub) {
        local.deliver(message);
    }
}

/// The subscribers of one broadcast in this process, holding its newest messages.
#[derive(Clone)]
pub struct Hub {
    shared: Arc<HubShared>,
}

struct HubShared {
    ring: broadcast::Sender<Message>,
    /// The newest message, for late subscribers. Its lock also orders a send against a
    /// subscribe, so a new subscriber gets each message exactly once: either as the newest
    /// it starts with, or from the ring.
    latest: Mutex<Option<Message>>,
}

impl Hub {
    fn new() -> Self {
        Hub {
            shared: Arc::new(HubShared {
                ring: broadcast::Sender::new(Broadcast::RING),
                latest: Mutex::new(None),
            }),
        }
    }

    /// Makes `message` the newest and wakes every subscriber. The oldest message in the
    /// ring is freed as soon as no connection is still writing it.
    pub fn deliver(&self, message: Message) {
        let mut latest = self.lock_latest();
        // An error only says that no one subscribed yet.
        let _ = self.shared.ring.send(message.clone());
        *latest = Some(message);
    }

    /// The newest message, if any.
    pub fn latest(&self) -> Option<Message> {
        self.lock_latest().clone()
    }

    fn subscribers(&self) -> usize {
        self.shared.ring.receiver_count()
    }

    fn lock_latest(&self) -> std::sync::MutexGuard<'_, Option<Message>> {
        // The guarded value is replaced whole, so a panic elsewhere cannot leave it torn.
        self.shared.latest.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn subscribe(&self) -> Subscription {
        let (first, receiver) = {
            let latest = self.lock_latest();
            (latest.clone(), self.shared.ring.subscribe())
        };
        let messages = futures_util::stream::unfold((first, receiver), |(first, mut receiver)| async move {
            if let Some(message) = first {
                return Some((message, (None, receiver)));
            }
            loop {
                match receiver.recv().await {
                    Ok(message) => return Some((message, (None, receiver))),
                    Err(RecvError::Lagged(_)) => {
                        if let Some(message) = newest(&mut receiver) {
                            return Some((message, (None, receiver)));
                        }
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        });
        Subscription {
            messages: Box::pin(messages),
        }
    }
}

/// After a lag, the newest message in the ring: the ones before it are skipped, since the
/// page shows only the newest state anyway.
fn newest(receiver: &mut broadcast::Receiver<Message>) -> Option<Message> {
    let mut newest = None;
    loop {
        match receiver.try_recv() {
            Ok(message) => newest = Some(message),
            Err(TryRecvError::Lagged(_)) => {}
            Err(TryRecvError::Empty | TryRecvError::Closed) => return newest,
        }
    }
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").finish_non_exhaustive()
    }
}

/// One page's view of a [`Broadcast`]: a stream of messages that starts with the newest
/// and ends when the broadcast is dropped. As a reply it streams them in the router's
/// dialect, after any events before it in the same reply.
///
/// ```
/// use axum::extract::State;
/// use datastar_runtime::{Broadcast, Reply, maud::{Markup, html}};
/// use datastar_runtime::broadcast::Subscription;
/// async fn room(State(room): State<Broadcast>) -> Reply<(Markup, Subscription)> {
///     Reply((html! { p #status { "connected" } }, room.subscribe()))
/// }
/// # let _ = room;
/// ```
#[must_use = "a subscription does nothing unless returned from a handler or polled"]
pub struct Subscription {
    messages: Pin<Box<dyn Stream<Item = Message> + Send>>,
}

impl Stream for Subscription {
    type Item = Message;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Message>> {
        self.messages.as_mut().poll_next(cx)
    }
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription").finish_non_exhaustive()
    }
}

impl IntoEvents for Subscription {
    fn write_events(self, out: &mut EventWriter) {
        let dialect = out.dialect();
        out.feed_bytes(self.map(move |message| message.encoded(dialect)));
    }
}

impl axum::response::IntoResponse for Subscription {
    fn into_response(self) -> axum::response::Response {
        crate::reply::response::Reply(self).into_response()
    }
}

#[cfg(test)]
mod tests {
    use std::task::Waker;

    use super::*;
    use crate::encode::Dialect;
    use crate::event::{ExecuteScript, PatchElements};

    fn poll(subscription: &mut Subscription) -> Poll<Option<Message>> {
        Pin::new(subscription).poll_next(&mut Context::from_waker(Waker::noop()))
    }

    fn text(message: &Message) -> String {
        match &message.events()[0].kind {
            crate::event::EventKind::PatchElements(patch) => patch.elements.to_string(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_lagging_subscriber_skips_to_the_newest_and_holds_nothing_old() {
        let broadcast = Broadcast::new();
        let mut slow = broadcast.subscribe();
        assert!(poll(&mut slow).is_pending());
        broadcast.send(PatchElements::new("<p id=\"n\">0</p>"));
        let first = Arc::downgrade(&broadcast.latest().unwrap().shared);
        for n in 1..=1000 {
            broadcast.send(PatchElements::new(format!("<p id=\"n\">{n}</p>")));
        }
        // Nothing of the 1000 older messages is kept for the subscriber that did not read.
        assert!(first.upgrade().is_none());
        let Poll::Ready(Some(newest)) = poll(&mut slow) else {
            panic!("the newest message should be ready")
        };
        assert_eq!(text(&newest), "<p id=\"n\">1000</p>");
        assert!(poll(&mut slow).is_pending(), "no backlog behind the newest");
    }

    #[tokio::test]
    async fn a_subscriber_briefly_behind_gets_every_message_in_order() {
        let broadcast = Broadcast::new();
        let mut page = broadcast.subscribe();
        assert!(poll(&mut page).is_pending());
        for n in 0..Broadcast::RING {
            broadcast.send(PatchElements::new(format!("<p id=\"n\">{n}</p>")));
        }
        for n in 0..Broadcast::RING {
            let Poll::Ready(Some(message)) = poll(&mut page) else {
                panic!("message {n} should be ready")
            };
            assert_eq!(text(&message), format!("<p id=\"n\">{n}</p>"));
        }
        assert!(poll(&mut page).is_pending());
    }

    #[tokio::test]
    async fn a_subscriber_gets_each_message_once_however_send_and_subscribe_interleave() {
        let broadcast = Broadcast::new();
        broadcast.send(PatchElements::new("<p id=\"n\">1</p>"));
        let mut page = broadcast.subscribe();
        broadcast.send(PatchElements::new("<p id=\"n\">2</p>"));
        let mut seen = Vec::new();
        while let Poll::Ready(Some(message)) = poll(&mut page) {
            seen.push(text(&message));
        }
        assert_eq!(seen, ["<p id=\"n\">1</p>", "<p id=\"n\">2</p>"]);
    }

    #[tokio::test]
    async fn a_late_subscriber_gets_the_newest_at_once_and_the_stream_ends_with_the_broadcast() {
        let broadcast = Broadcast::new();
        broadcast.send(PatchElements::new("<p id=\"n\">1</p>"));
        broadcast.send(PatchElements::new("<p id=\"n\">2</p>"));
        let mut late = broadcast.subscribe();
        let Poll::Ready(Some(newest)) = poll(&mut late) else {
            panic!("the retained message should be ready")
        };
        assert_eq!(text(&newest), "<p id=\"n\">2</p>");
        assert!(poll(&mut late).is_pending());
        drop(broadcast);
        assert!(matches!(poll(&mut late), Poll::Ready(None)));
    }

    #[test]
    fn a_sent_value_is_one_message_of_all_its_events_and_never_a_stream() {
        static OPTIONS: crate::reply::FragmentOptions = crate::reply::FragmentOptions::new().selector("#main");
        let broadcast = Broadcast::new();
        let fragment = crate::Fragment::new(maud::html! { p { "hi" } }, &OPTIONS);
        broadcast.send((fragment, ExecuteScript::new("go()")));
        let message = broadcast.latest().expect("a message");
        assert_eq!(message.events().len(), 2);
        assert_eq!(
            message.encoded(Dialect::V1).unwrap(),
            &b"event: datastar-patch-elements\ndata: selector #main\ndata: elements <p>hi</p>\n\n\
               event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
               data: elements <script data-effect=\"el.remove()\">go()</script>\n\n"[..]
        );
        // A feed cannot be shared: its events go, the stream is dropped.
        let feed = crate::feed(futures_util::stream::iter([PatchElements::new("<p id=\"x\"></p>")]));
        broadcast.send((PatchElements::new("<p id=\"y\"></p>"), feed));
        assert_eq!(broadcast.latest().unwrap().events().len(), 1);
        // An `Err` sends nothing.
        broadcast.send(Err::<PatchElements, _>(http::StatusCode::NOT_FOUND));
        assert_eq!(text(&broadcast.latest().unwrap()), "<p id=\"y\"></p>");
    }

    #[test]
    fn each_dialect_is_encoded_once_and_shared() {
        let message = Message::new([PatchElements::new("<p id=\"a\">1</p>")]);
        for dialect in [Dialect::FRAGMENT_2024, Dialect::V019, Dialect::V021, Dialect::V1] {
            let a = message.encoded(dialect).unwrap();
            let b = message.clone().encoded(dialect).unwrap();
            assert_eq!(a.as_ptr(), b.as_ptr(), "{dialect}");
        }
        assert_ne!(
            message.encoded(Dialect::V019).unwrap(),
            message.encoded(Dialect::V1).unwrap()
        );
        // Another 2024 store selector still gets correct bytes.
        let other = Dialect::Fragment2024 { store: Some("#main") };
        assert_eq!(
            message.encoded(other).unwrap(),
            message.encoded(Dialect::FRAGMENT_2024).unwrap()
        );
        let script = Message::new([ExecuteScript::new("1")]);
        assert!(script.encoded(Dialect::FRAGMENT_2024).is_err());
        assert!(script.encoded(Dialect::V1).is_ok());
    }
}
