//! # datastar-runtime
//!
//! Write Datastar backends on axum with plain functions that return `maud` markup. This
//! crate holds what the `#[fragment]`, `#[signals]` and route macros expand into: one
//! protocol-neutral event model, an encoder per Datastar wire [`Dialect`], and the axum
//! glue that turns handler values into server-sent events.
//!
//! ```
//! use datastar_runtime::prelude::*;
//!
//! #[fragment(selector = "#main", merge = "prepend_element")]
//! fn output3() -> Markup {
//!     html! { div #output3 { "Check this out!" } }
//! }
//!
//! #[get("/get")]
//! async fn get_state() -> impl IntoEvents {
//!     (PatchSignals::serialize(&serde_json::json!({ "count": 1 })).unwrap(), output3())
//! }
//!
//! let app: axum::Router = routes![dialect = Dialect::V019; get_state];
//! # let _ = app;
//! ```
//!
//! The root holds what a handler author names every day, like axum's; everything else is
//! reached by its module, which is also the order data flows in: a request's [`extract`]ed
//! signals go to a handler, whose value becomes [`event`]s, [`encode`]d in the router's
//! [`Dialect`] into a [`reply`]; [`context`] carries the per-router settings, [`server`]
//! serves, [`broadcast`] fans one producer out to many pages, [`routing`] is what
//! `routes!` builds on.
//!
//! # Glossary
//!
//! - **event**: what a handler wants the page to do (patch elements, patch signals, run a
//!   script …), before any wire format is chosen: [`Event`] and the builders in [`event`].
//! - **dialect**: the wire protocol of one client generation (2024, 0.19, 0.21, 1.0):
//!   [`Dialect`]. A *generation* is the client; a *dialect* is what the server writes for it.
//! - **reply**: the response a handler's value becomes. A *one-shot* reply is one full body;
//!   a reply with a *feed* stays open and sends events as they come (a [`feed`], an
//!   [`every`] timer, a [`feed_fn`] loop, a broadcast
//!   [`Subscription`](broadcast::Subscription)). `Stream`
//!   means only the Rust trait.
//! - **fragment**: markup with the options it is patched with: [`Fragment`],
//!   `#[fragment]`.
//! - **signals**: the page's client-side state (the 0.x clients call it the *store*):
//!   read with [`Signals`](struct@Signals), sent with [`PatchSignals`](event::PatchSignals).
//! - **setting**: a per-router value the code of a request reads (dialect, keep-alive,
//!   signals limits, shutdown): [`context`].
//! - **route**: an annotated handler (`#[get("/path")]`); [`routes!`] lists them.
//! - **page**: HTML written once in 1.0 attribute syntax and rendered for the generation
//!   that serves it: [`page!`](macro@page), the [`page`](mod@page) module.
//!
//! Values are plain data: a field is read by its name and set by the builder method of the
//! same name (`PatchElements::new(html).selector("#main")`, then `patch.selector`).

#![warn(missing_docs)]

#[doc(hidden)]
pub mod __private;
pub mod broadcast;
#[cfg(feature = "compression")]
pub mod compression;
pub mod context;
pub mod cross_origin;
pub mod encode;
pub mod event;
pub mod extract;
mod mount;
pub mod page;
pub mod prelude;
pub mod reply;
pub mod routing;
pub mod server;
#[cfg(feature = "test")]
pub mod test;

mod face;

#[cfg(feature = "redis")]
#[doc(no_inline)]
pub use broadcast::redis;
pub use face::*;

pub use maud;

/// The examples of `docs/events.md`, compiled as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../docs/events.md")]
struct EventsDoc;
