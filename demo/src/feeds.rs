//! The feed both seeds stream: a new random value into `#feed` every period. Each feed
//! counts itself while it lives, so tests can see it end when its page goes away.
//! With `--pubsub`, the Node pages' feed is one stream shared by every instance instead.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use datastar_runtime::broadcast::Subscription;
use datastar_runtime::reply::EventWriter;
use datastar_runtime::{IntoEvents, every};
use futures_util::StreamExt;
use maud::html;

use crate::pubsub::SharedFeed;
use crate::random;

static OPEN: AtomicUsize = AtomicUsize::new(0);

/// How many feeds are streaming right now, across every page of every demo router in
/// this process. A feed ends when its client goes away or the server stops.
pub fn open_feeds() -> usize {
    OPEN.load(Ordering::SeqCst)
}

/// Counts one feed from creation until it is dropped.
struct Open;

impl Open {
    fn new() -> Open {
        OPEN.fetch_add(1, Ordering::SeqCst);
        Open
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        OPEN.fetch_sub(1, Ordering::SeqCst);
    }
}

/// `<span id="feed">` with 16 new hex digits, every `period`, first at once.
pub(crate) fn random_values(period: Duration) -> impl IntoEvents {
    let open = Open::new();
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
    Random(Duration),
    /// One stream for every page of every instance (`--pubsub`).
    Shared(SharedFeed),
}

impl Source {
    /// The feed of one page.
    pub(crate) fn open(&self) -> impl IntoEvents + use<> {
        match self {
            Source::Random(period) => Either::Random(random_values(*period)),
            Source::Shared(feed) => Either::Shared(Counted {
                subscription: feed.subscribe(),
                open: Open::new(),
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
