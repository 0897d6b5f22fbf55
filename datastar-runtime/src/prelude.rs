//! Everything a handler author usually names, for a glob import:
//! `use datastar_runtime::prelude::*;`.
//!
//! ```
//! use datastar_runtime::prelude::*;
//!
//! #[get("/hello")]
//! #[fragment]
//! fn hello() -> Markup {
//!     html! { p #hello { "Hello" } }
//! }
//!
//! let app: axum::Router = routes![hello];
//! # let _ = app;
//! ```

pub use crate::broadcast::Broadcast;
pub use crate::context::WithDialect;
pub use crate::encode::Dialect;
pub use crate::event::{
    ConsoleLevel, ConsoleMessage, Event, ExecuteScript, Mode, Namespace, PatchElements, PatchSignals, Redirect,
    RemoveElements, RemoveSignals,
};
pub use crate::page::{Id, Page};
pub use crate::reply::{Closed, Either, FeedSender, Fragment, IntoEvents, Reply, every, feed, feed_fn};
pub use crate::server::serve;
pub use crate::{Signals, delete, fragment, get, page, patch, post, put, routes, signals};
pub use maud::{Markup, html};
