//! The root's face: what a handler author names every day, re-exported at the crate root
//! and, with a few more names, by the [`prelude`](crate::prelude). One list for both, so
//! they cannot disagree.

pub use crate::broadcast::Broadcast;
#[allow(deprecated)]
pub use crate::context::WithDialect;
pub use crate::encode::Dialect;
pub use crate::event::{Event, Mode};
pub use crate::extract::Signals;
pub use crate::reply::{Fragment, IntoEvents, Reply, every, feed, feed_fn};
pub use crate::server::serve;

pub use datastar_macros::{Signals, delete, fragment, get, page, patch, post, put, routes, signals};
