//! The crate's integration tests (HTTP, hardening, Redis, browser, the macros' compile and
//! expansion tests, typed pages) as modules of one binary, so they link once
//! instead of once per file. What several modules share is in this crate's library
//! (`tests::…`), or here (`apps_support`).
//!
//! Tests that measure or limit a whole process run the server in a child process of this
//! binary (`tests::hardening_support::ChildServer`), named by its path here (`module::test`).

mod apps_support;

mod apps_browser;
mod apps_http;
mod browser;
mod demo_2024;
mod demo_feeds;
mod dsl_sketch;
mod expand;
mod hardening_bad_input;
mod hardening_floods;
mod hardening_h2;
mod hardening_hostile;
mod hardening_idle;
mod hardening_unread;
mod hardening_xss;
mod http_broadcast;
mod http_compression;
mod http_dialects;
mod http_forms;
mod http_rejections;
mod http_shutdown;
mod http_signals;
mod http_streams;
mod macros;
mod pages_render;
mod redis_broadcast;
mod redis_demo;
mod redis_forged;
mod redis_stall;
mod ui;
mod vocabulary_bundles;
