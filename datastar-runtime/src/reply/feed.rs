//! Feeds: long-lived streams of events, sent as they come.

use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;

use crate::event::Event;
use crate::reply::fragment::FragmentOptions;
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::EventWriter;

/// A stream of events, sent one by one for as long as it runs and the client listens.
///
/// Build one with [`feed`] from any stream of values that become events, or with [`every`].
pub struct Feed<S> {
    stream: S,
}

/// Wraps a stream of events (or of anything that converts into [`Event`]) as a feed.
///
/// ```
/// use datastar_runtime::{feed, PatchElements};
/// let ticks = futures_util::stream::iter(1..=3).map(|n| PatchElements::new(format!("<b id=\"n\">{n}</b>")));
/// # use futures_util::StreamExt;
/// let reply = feed(ticks);
/// # let _ = reply;
/// ```
pub fn feed<S, T>(stream: S) -> Feed<S>
where
    S: Stream<Item = T> + Send + 'static,
    T: Into<Event> + 'static,
{
    Feed { stream }
}

/// Calls `render` every `period` (first at once): a stream of what it returns, and a feed
/// that patches it.
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
    T: Into<crate::event::PatchElements> + 'static,
{
    fn write_events(self, out: &mut EventWriter) {
        out.live(self.map(|value| Event::from(value.into())));
    }
}

impl<F, T> axum::response::IntoResponse for Every<F>
where
    F: FnMut() -> T + Send + Unpin + 'static,
    T: Into<crate::event::PatchElements> + 'static,
{
    fn into_response(self) -> axum::response::Response {
        crate::reply::response::Reply(self).into_response()
    }
}

impl<S, T> IntoEvents for Feed<S>
where
    S: Stream<Item = T> + Send + 'static,
    T: Into<Event> + 'static,
{
    fn write_events(self, out: &mut EventWriter) {
        out.live(self.stream.map(Into::into));
    }
}

impl<S, T> axum::response::IntoResponse for Feed<S>
where
    S: Stream<Item = T> + Send + 'static,
    T: Into<Event> + 'static,
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
        out.live(self.stream.map(move |markup| options.event(markup.into_string())));
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
