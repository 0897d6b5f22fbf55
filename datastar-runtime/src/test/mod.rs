//! A test kit for applications: send requests as a Datastar page does and assert on the
//! events that come back, not on bytes. Behind the `test` feature:
//!
//! ```toml
//! [dev-dependencies]
//! datastar-runtime = { version = "0.1", features = ["test"] }
//! ```
//!
//! ```
//! use axum::{Router, routing::put};
//! use datastar_runtime::test::Client;
//! use datastar_runtime::{Event, Reply, Signals, maud::{Markup, html}};
//! use datastar_runtime::event::PatchElements;
//!
//! #[derive(serde::Deserialize)]
//! struct Input {
//!     input: String,
//! }
//!
//! async fn put_input(Signals(s): Signals<Input>) -> Reply<Markup> {
//!     Reply(html! { div #output { "Your input: " (s.input) } })
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let app = Router::new().route("/put", put(put_input));
//! let reply = Client::new(app)
//!     .put("/put")
//!     .signals(&serde_json::json!({"input": "hello"}))
//!     .send()
//!     .await
//!     .unwrap();
//! assert_eq!(reply.status(), 200);
//! assert_eq!(reply.events(), [Event::from(PatchElements::new("<div id=\"output\">Your input: hello</div>"))]);
//! # });
//! ```
//!
//! - [`Client`] calls a `Router` in-process, or a server over TCP ([`Client::tcp`],
//!   [`TestServer`]), sending signals as the client generation of its
//!   [`Dialect`](crate::Dialect) does.
//! - [`Request::send`] reads the whole reply ([`TestResponse`]: status, headers, body,
//!   events); [`Request::open`] reads a live one event by event with a timeout per wait
//!   ([`FeedResponse::next_event`]).
//! - [`parse`](fn@parse) reads any SSE body back into events, in every dialect: the inverse of the
//!   encoders, up to the normalisations its module lists ([`parse()`](parse::parse)).
//!
//! See `docs/testing.md` for a walk through each piece.

mod client;
mod feed;
mod frame;
pub mod parse;
mod server;

pub use client::{Client, ClientError, Request, TestResponse};
pub use feed::FeedResponse;
pub use parse::{ParseError, parse};
pub use server::TestServer;
