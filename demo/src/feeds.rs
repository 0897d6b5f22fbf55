//! The feed both seeds stream: a new random value into `#feed` every period. Each feed
//! counts itself while it lives, so tests can see it end when its page goes away.
//! With `--pubsub`, the Node pages' feed is one stream shared by every instance instead.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use datastar_runtime::broadcast::Subscription;
use datastar_runtime::reply::EventWriter;
use datastar_runtime::{IntoEvents, every};
use futures_util::StreamExt;
use maud::html;

use crate::pubsub::SharedFeed;
use crate::random;

/// How many feeds an app is streaming right now, across all its pages ([`Config::open_feeds`]).
/// A feed ends when its client goes away or the server stops. Clones count together.
///
/// [`Config::open_feeds`]: crate::Config::open_feeds
#[derive(Clone, Debug, Default)]
pub struct OpenFeeds(Arc<AtomicUsize>);

impl OpenFeeds {
    /// The feeds open now.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// Counts one feed from creation until it is dropped.
struct Open(OpenFeeds);

impl Open {
    fn new(feeds: &OpenFeeds) -> Open {
        feeds.0.fetch_add(1, Ordering::SeqCst);
        Open(feeds.clone())
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        (self.0).0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// `<span id="feed">` with 16 new hex digits, every `period`, first at once.
fn random_values(period: Duration, feeds: &OpenFeeds) -> impl IntoEvents + use<> {
    let open = Open::new(feeds);
    every(period, move || {
        // The feed owns the counter: it goes when the connection drops the stream.
        let _open = &open;
        html! { span id=(crate::pages::FEED) { (random::hex16()) } }
    })
}

/// Where a page's feed values come from.
#[derive(Clone)]
pub(crate) enum Source {
    /// Each page its own random values, every period (the seeds).
    Random(Duration, OpenFeeds),
    /// One stream for every page of every instance (`--pubsub`).
    Shared(SharedFeed, OpenFeeds),
}

impl Source {
    /// The feed of one page.
    pub(crate) fn open(&self) -> impl IntoEvents + use<> {
        match self {
            Source::Random(period, feeds) => Either::Random(random_values(*period, feeds)),
            Source::Shared(feed, feeds) => Either::Shared(Counted {
                subscription: feed.subscribe(),
                open: Open::new(feeds),
            }),
        }
    }
}

enum Either<R> {
    Random(R),
    Shared(Counted),
}

impl<R: IntoEvents> IntoEvents for Either<R> {
    fn write_events(self, out: &mut EventWriter) {
        match self {
            Either::Random(values) => values.write_events(out),
            Either::Shared(values) => values.write_events(out),
        }
    }
}

/// A page's subscription to the shared feed, counted like the random feeds.
struct Counted {
    subscription: Subscription,
    open: Open,
}

impl IntoEvents for Counted {
    fn write_events(self, out: &mut EventWriter) {
        let Counted { subscription, open } = self;
        let dialect = out.dialect();
        // The bytes each message was encoded into once for this dialect, shared by every page.
        out.feed_bytes(subscription.map(move |message| {
            let _open = &open;
            message.encoded(dialect)
        }));
    }
}
