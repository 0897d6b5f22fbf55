//! # datastar-runtime
//!
//! Write Datastar backends on axum with plain functions that return `maud` markup. This
//! crate holds what the `#[fragment]`, `#[signals]` and route macros expand into: one
//! protocol-neutral [`Event`] model, an encoder per Datastar wire [`Dialect`], and the axum
//! glue that turns handler values into server-sent events.
//!
//! ```
//! use datastar_runtime::{Dialect, EventWriter, IntoEvents, Mode, PatchElements};
//! let mut out = EventWriter::new(Dialect::V019);
//! PatchElements::new("<div id=\"output3\">Check this out!</div>")
//!     .selector("#main")
//!     .mode(Mode::Prepend)
//!     .write_events(&mut out);
//! assert_eq!(
//!     &out.finish().ready[..],
//!     &b"event: datastar-fragment\ndata: selector #main\ndata: merge prepend\ndata: vt false\n\
//!        data: fragment <div id=\"output3\">Check this out!</div>\n\n"[..]
//! );
//! ```

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod body;
mod broadcast;
#[cfg(feature = "compression")]
pub mod compression;
pub mod dialect;
mod event;
mod feed;
mod fragment;
mod into_events;
mod layer;
mod mode;
mod one_line;
#[cfg(feature = "redis")]
pub mod redis;
mod rejection;
mod response;
mod router;
pub mod script;
mod serve;
mod shutdown;
mod signals;
mod signals_reply;
mod sse;
mod stall;
mod writer;

pub use body::{KeepAlive, KeepAliveService};
pub use broadcast::{Backend, Broadcast, Hub, Local, Message, Subscription};
pub use dialect::{Dialect, EncodeError, current_dialect, with_dialect};
pub use event::{
    ConsoleLevel, ConsoleMessage, Event, EventKind, ExecuteScript, Namespace, PatchElements, PatchSignals, Redirect,
    RemoveElements, RemoveSignals, Text,
};
pub use feed::{Every, Feed, FragmentFeed, every, feed};
pub use fragment::{Fragment, FragmentOptions};
pub use into_events::IntoEvents;
pub use layer::{DialectLayer, DialectService, WithDialect};
pub use mode::{Mode, ModeParseError, Vocabulary};
pub use rejection::{Rejection, RejectionEvents, RejectionEventsService};
pub use response::Reply;
pub use serve::{Serve, serve};
pub use shutdown::{Shutdown, ShutdownService};
pub use signals::{Signals, SignalsConfig, SignalsRejection};
pub use signals_reply::SignalsReply;
pub use writer::{EventWriter, Failure, LiveBytes, Written};

pub use maud;

pub use datastar_macros::{delete, fragment, get, patch, post, put, routes, signals};
