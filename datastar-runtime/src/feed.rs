//! Feeds: long-lived streams of events, sent as they come.

use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;

use crate::event::Event;
use crate::fragment::FragmentOptions;
use crate::into_events::IntoEvents;
use crate::writer::EventWriter;

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

/// A feed that calls `render` every `period` (first at once) and patches what it returns.
///
/// The timer belongs to the connection: when the client goes away the feed is dropped.
///
/// ```
/// use std::time::Duration;
/// use datastar_runtime::{every, maud::html};
/// let clock = every(Duration::from_secs(1), || html! { span #clock { "tick" } });
/// # let _ = clock;
/// ```
pub fn every<F, T>(period: Duration, mut render: F) -> Feed<impl Stream<Item = Event> + Send + 'static>
where
    F: FnMut() -> T + Send + 'static,
    T: Into<crate::event::PatchElements>,
{
    // The timer is made on first poll, inside the runtime, so building a feed needs none.
    let ticks = futures_util::stream::unfold(None, move |timer: Option<tokio::time::Interval>| async move {
        let mut timer = timer.unwrap_or_else(|| {
            let mut timer = tokio::time::interval(period);
            timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            timer
        });
        timer.tick().await;
        Some(((), Some(timer)))
    });
    Feed {
        stream: ticks.map(move |_| Event::from(render().into())),
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
        crate::response::Reply(self).into_response()
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
        crate::response::Reply(self).into_response()
    }
}
