//! Replies: what a handler returns becomes events ([`IntoEvents`]), written by an
//! [`EventWriter`] in the router's dialect, and sent as one full body or, with a feed, as a stream that stays open.

pub(crate) mod either;
pub(crate) mod feed;
pub(crate) mod feed_body;
pub(crate) mod feed_fn;
pub(crate) mod fragment;
pub(crate) mod into_events;
pub(crate) mod response;
pub(crate) mod signals;
pub(crate) mod writer;

pub use either::Either;
pub use feed::{Every, Feed, FragmentFeed, every, feed};
pub use feed_fn::{Closed, FeedFn, FeedSender, feed_fn};
pub use fragment::{Fragment, FragmentBody, FragmentOptions, Fragments, OptionText, RunTimeOptions};
pub use into_events::IntoEvents;
pub use response::Reply;
pub use signals::SignalsReply;
pub use writer::{EventWriter, Failure, FeedBytes, Written};
