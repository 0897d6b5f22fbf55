//! Feeds: long-lived streams of events, sent as they come.

use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;

use crate::encode::{Dialect, EncodeError};
use crate::reply::fragment::FragmentOptions;
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::{EventWriter, Failure, FeedBytes};

/// A stream of events, sent item by item for as long as it runs and the client listens.
///
/// Build one with [`feed`] from any stream of values that become events, or with [`every`].
/// Each item may be several events (a tuple, a `Vec`, a `#[fragment]` value): they go out
/// together, as one write.
pub struct Feed<S> {
    stream: S,
}

/// Wraps a stream of anything that becomes events as a feed: one event per item, or several.
///
/// ```
/// use datastar_runtime::feed;
/// use datastar_runtime::event::PatchElements;
/// # use futures_util::StreamExt;
/// let ticks = futures_util::stream::iter(1..=3).map(|n| PatchElements::new(format!("<b id=\"n\">{n}</b>")));
/// let reply = feed(ticks);
/// # let _ = reply;
/// ```
///
/// Two events per tick, a progress bar and the page title:
///
/// ```
/// use datastar_runtime::{feed, maud::html};
/// use datastar_runtime::event::PatchElements;
/// # use futures_util::StreamExt;
/// let ticks = futures_util::stream::iter(0..=10).map(|n| {
///     (html! { progress #bar value=(n * 10) max="100" {} }, PatchElements::new(format!("<title>{}%</title>", n * 10)).selector("title"))
/// });
/// let reply = feed(ticks);
/// # let _ = reply;
/// ```
pub fn feed<S, T>(stream: S) -> Feed<S>
where
    S: Stream<Item = T> + Send + 'static,
    T: IntoEvents + 'static,
{
    Feed { stream }
}

/// Calls `render` every `period` (first at once): a stream of what it returns, and a feed
/// that sends it (markup patches by its element id; any other events go as they are).
///
/// It is a `Stream` of the rendered values, so a `#[fragment]` function can return it as
/// `impl Stream<Item = Markup>` and its options apply; on its own it patches each value by
/// its element id. The timer belongs to the connection: when the client goes away the
/// stream is dropped and `render` is never called again.
///
/// ```
/// use std::time::Duration;
/// use datastar_runtime::{every, maud::html};
/// let clock = every(Duration::from_secs(1), || html! { span #clock { "tick" } });
/// # let _ = clock;
/// ```
pub fn every<F, T>(period: Duration, render: F) -> Every<F>
where
    F: FnMut() -> T + Send + 'static,
{
    Every {
        period,
        render,
        timer: None,
    }
}

/// The stream [`every`] makes.
pub struct Every<F> {
    period: Duration,
    render: F,
    // Made on first poll, inside the runtime, so building the stream needs none.
    timer: Option<tokio::time::Interval>,
}

impl<F, T> Stream for Every<F>
where
    F: FnMut() -> T + Unpin,
{
    type Item = T;

    fn poll_next(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<T>> {
        let this = self.get_mut();
        let period = this.period;
        let timer = this.timer.get_or_insert_with(|| {
            let mut timer = tokio::time::interval(period);
            timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            timer
        });
        timer.poll_tick(cx).map(|_| Some((this.render)()))
    }
}

impl<F, T> IntoEvents for Every<F>
where
    F: FnMut() -> T + Send + Unpin + 'static,
    T: IntoEvents + 'static,
{
    fn write_events(self, out: &mut EventWriter) {
        out.feed_bytes(Items::new(self, out.dialect()));
    }
}

impl<F, T> axum::response::IntoResponse for Every<F>
where
    F: FnMut() -> T + Send + Unpin + 'static,
    T: IntoEvents + 'static,
{
    fn into_response(self) -> axum::response::Response {
        crate::reply::response::Reply(self).into_response()
    }
}

impl<S, T> IntoEvents for Feed<S>
where
    S: Stream<Item = T> + Send + 'static,
    T: IntoEvents + 'static,
{
    fn write_events(self, out: &mut EventWriter) {
        out.feed_bytes(Items::new(self.stream, out.dialect()));
    }
}

impl<S, T> axum::response::IntoResponse for Feed<S>
where
    S: Stream<Item = T> + Send + 'static,
    T: IntoEvents + 'static,
{
    fn into_response(self) -> axum::response::Response {
        crate::reply::response::Reply(self).into_response()
    }
}

/// A stream of markup patched with a `#[fragment]`'s options: what a fragment function
/// returning a `Stream` of markup becomes.
pub struct FragmentFeed<S> {
    stream: S,
    options: &'static FragmentOptions,
}

impl<S> FragmentFeed<S> {
    /// Pairs a stream of markup with its options.
    pub fn new(stream: S, options: &'static FragmentOptions) -> Self {
        FragmentFeed { stream, options }
    }
}

impl<S> IntoEvents for FragmentFeed<S>
where
    S: Stream<Item = maud::Markup> + Send + 'static,
{
    fn write_events(self, out: &mut EventWriter) {
        let options = self.options;
        out.feed(self.stream.map(move |markup| options.event(markup.into_string())));
    }
}

impl<S> axum::response::IntoResponse for FragmentFeed<S>
where
    S: Stream<Item = maud::Markup> + Send + 'static,
{
    fn into_response(self) -> axum::response::Response {
        crate::reply::response::Reply(self).into_response()
    }
}

/// One item of a live stream written on its own in the stream's dialect: its events as one
/// write, and a feed of its own if it has one (a feed inside a feed), sent next.
pub(crate) struct Piece {
    pub(crate) ready: Result<Bytes, EncodeError>,
    pub(crate) live: Option<FeedBytes>,
}

impl Piece {
    pub(crate) fn new(value: impl IntoEvents, dialect: Dialect) -> Piece {
        let mut out = EventWriter::new(dialect);
        value.write_events(&mut out);
        let written = out.finish();
        match written.failure {
            None => Piece {
                ready: Ok(written.ready),
                live: written.feed,
            },
            // The whole item is skipped, never sent half-written.
            Some(Failure::Encode(error)) => Piece {
                ready: Err(error),
                live: None,
            },
            Some(Failure::Response(response)) => {
                tracing::error!(
                    status = %response.status(),
                    "an item of a live stream is a response (an `Err`), which cannot replace a reply already streaming; it was skipped"
                );
                Piece {
                    ready: Ok(Bytes::new()),
                    live: None,
                }
            }
        }
    }
}

/// A feed's item that is a live stream itself, sent whole before the next item.
#[derive(Default)]
pub(crate) struct Nested(Option<FeedBytes>);

impl Nested {
    /// The next bytes of the nested stream; `Ready(None)` once there is none (any more).
    pub(crate) fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, EncodeError>>> {
        let Some(live) = &mut self.0 else {
            return Poll::Ready(None);
        };
        let next = ready!(live.as_mut().poll_next(cx));
        if next.is_none() {
            self.0 = None;
        }
        Poll::Ready(next)
    }

    /// Sends `piece`: its ready bytes now, its feed next.
    pub(crate) fn start(&mut self, piece: Piece) -> Result<Bytes, EncodeError> {
        self.0 = piece.live;
        piece.ready
    }
}

pin_project_lite::pin_project! {
    /// A stream of values that become events, encoded item by item.
    struct Items<S> {
        #[pin]
        items: S,
        dialect: Dialect,
        nested: Nested,
    }
}

impl<S> Items<S> {
    fn new(items: S, dialect: Dialect) -> Self {
        Items {
            items,
            dialect,
            nested: Nested::default(),
        }
    }
}

impl<S> Stream for Items<S>
where
    S: Stream<Item: IntoEvents>,
{
    type Item = Result<Bytes, EncodeError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut this = self.project();
        if let Some(bytes) = ready!(this.nested.poll_next(cx)) {
            return Poll::Ready(Some(bytes));
        }
        let Some(item) = ready!(this.items.as_mut().poll_next(cx)) else {
            return Poll::Ready(None);
        };
        Poll::Ready(Some(this.nested.start(Piece::new(item, *this.dialect))))
    }
}

#[cfg(test)]
mod tests {
    use std::task::Waker;

    use super::*;
    use crate::event::{PatchElements, RemoveElements};

    fn items(value: impl IntoEvents) -> Vec<String> {
        let mut out = EventWriter::new(Dialect::V1);
        value.write_events(&mut out);
        let mut live = out.finish().feed.expect("a feed");
        let mut cx = Context::from_waker(Waker::noop());
        let mut seen = Vec::new();
        while let Poll::Ready(Some(item)) = live.as_mut().poll_next(&mut cx) {
            seen.push(String::from_utf8(item.expect("encoded").to_vec()).expect("UTF-8"));
        }
        seen
    }

    #[test]
    fn an_item_of_several_events_is_one_write_and_a_nested_feed_follows_in_place() {
        let ticks = futures_util::stream::iter([
            Some((PatchElements::new("<p id=\"a\">1</p>"), RemoveElements::by_id("b"))),
            None,
        ]);
        assert_eq!(
            items(feed(ticks)),
            [
                "event: datastar-patch-elements\ndata: elements <p id=\"a\">1</p>\n\n\
                 event: datastar-patch-elements\ndata: selector #b\ndata: mode remove\n\n",
                "",
            ]
        );
        let inner = || feed(futures_util::stream::iter([RemoveElements::by_id("in")]));
        let outer = feed(futures_util::stream::iter([
            (RemoveElements::by_id("x"), Some(inner())),
            (RemoveElements::by_id("y"), None),
        ]));
        let selectors: Vec<String> = items(outer)
            .iter()
            .filter_map(|item| {
                item.lines()
                    .find_map(|line| line.strip_prefix("data: selector "))
                    .map(str::to_owned)
            })
            .collect();
        assert_eq!(selectors, ["#x", "#in", "#y"]);
    }
}
