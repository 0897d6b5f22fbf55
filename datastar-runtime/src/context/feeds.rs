//! How many live replies a server holds at once.
//!
//! A live reply (a feed, a subscription) holds its connection for as long as the page is
//! open, so a flood of them would fill the connection cap with requests that never end and
//! that the cap cannot shed, and good one-shot requests would wait behind them for good.
//! Past this limit a new live reply is refused with `503` and `Retry-After` (every
//! Datastar client retries a stream), and the rest of the cap stays free for one-shot
//! requests.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The live replies of one server: set by `serve` for the requests it serves.
#[derive(Clone, Debug)]
pub(crate) struct FeedLimit(Arc<Slots>);

#[derive(Debug)]
struct Slots {
    open: AtomicUsize,
    max: usize,
}

/// One live reply's place under the limit, given back when dropped.
#[derive(Debug)]
pub(crate) struct FeedSlot(Arc<Slots>);

impl FeedLimit {
    /// At most `max` live replies at once.
    pub(crate) fn new(max: usize) -> Self {
        FeedLimit(Arc::new(Slots {
            open: AtomicUsize::new(0),
            max,
        }))
    }

    /// The limit.
    pub(crate) fn max(&self) -> usize {
        self.0.max
    }

    /// A place for a new live reply, or `None` at the limit.
    pub(crate) fn take(&self) -> Option<FeedSlot> {
        let slots = &self.0;
        slots
            .open
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |open| {
                (open < slots.max).then_some(open + 1)
            })
            .ok()
            .map(|_| FeedSlot(Arc::clone(slots)))
    }
}

impl Drop for FeedSlot {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_given_back_when_its_reply_ends() {
        let limit = FeedLimit::new(2);
        let first = limit.take().expect("room");
        let _second = limit.take().expect("room");
        assert!(limit.take().is_none(), "past the limit");
        drop(first);
        assert!(limit.take().is_some(), "room again");
    }
}
