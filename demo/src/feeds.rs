//! The feed both seeds stream: a new random value into `#feed` every period. Each feed
//! counts itself while it lives, so tests can see it end when its page goes away.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use datastar_runtime::{IntoEvents, every};
use maud::html;

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
        html! { span #feed { (random::hex16()) } }
    })
}
