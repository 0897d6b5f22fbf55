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

// The root's face, and what a glob import adds to it.
pub use crate::face::*;

pub use crate::event::{
    ConsoleLevel, ConsoleMessage, ExecuteScript, Namespace, PatchElements, PatchSignals, Redirect, RemoveElements,
    RemoveSignals,
};
pub use crate::page::{Id, Page};
pub use crate::reply::{Closed, Either, FeedSender};
pub use maud::{Markup, html};
