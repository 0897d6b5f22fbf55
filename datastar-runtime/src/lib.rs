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
pub mod __private;
pub mod broadcast;
#[cfg(feature = "compression")]
pub mod compression;
pub mod context;
pub mod encode;
pub mod event;
pub mod extract;
pub mod page;
pub mod reply;
pub mod routing;
pub mod server;
#[cfg(feature = "test")]
pub mod test;

#[cfg(feature = "redis")]
pub use broadcast::redis;
pub use broadcast::{Backend, Broadcast, Hub, Local, Message, Subscription};
pub use context::{
    DialectLayer, DialectService, KeepAlive, KeepAliveService, WithDialect, current_dialect, with_dialect,
};
pub use encode::{Dialect, EncodeError};
pub use event::{
    ConsoleLevel, ConsoleMessage, Event, EventKind, ExecuteScript, Mode, ModeParseError, Namespace, PatchElements,
    PatchSignals, Redirect, RemoveElements, RemoveSignals, Text, Vocabulary,
};
pub use extract::{Rejection, RejectionEvents, RejectionEventsService, Signals, SignalsConfig, SignalsRejection};
pub use reply::{
    Closed, Either, EventWriter, Every, Failure, Feed, FeedFn, FeedSender, Fragment, FragmentFeed, FragmentOptions,
    IntoEvents, LiveBytes, Reply, SignalsReply, Written, every, feed, feed_fn,
};
pub use server::{Serve, Shutdown, ShutdownService, serve};

pub use maud;

pub use datastar_macros::{Signals, delete, fragment, get, page, patch, post, put, routes, signals};

/// The examples of `docs/events.md`, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../docs/events.md")]
struct EventsDoc;
