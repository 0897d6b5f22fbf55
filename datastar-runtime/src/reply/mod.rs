//! Replies: what a handler returns becomes events ([`IntoEvents`]), written by an
//! [`EventWriter`] in the router's dialect, and sent as one full body or as a live stream.

pub(crate) mod feed;
pub(crate) mod fragment;
pub(crate) mod into_events;
pub(crate) mod live_body;
pub(crate) mod response;
pub(crate) mod signals;
pub(crate) mod writer;

pub use feed::{Every, Feed, FragmentFeed, every, feed};
pub use fragment::{Fragment, FragmentBody, FragmentOptions, Fragments, OptionText, RunTimeOptions};
pub use into_events::IntoEvents;
pub use live_body::{KeepAlive, KeepAliveService};
pub use response::Reply;
pub use signals::SignalsReply;
pub use writer::{EventWriter, Failure, LiveBytes, Written};
