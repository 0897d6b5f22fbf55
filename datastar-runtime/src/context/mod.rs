//! Per-router settings that reach the code a request runs: the dialect, the keep-alive
//! period and the server's shutdown signal.

pub(crate) mod dialect;

pub use dialect::{DialectLayer, DialectService, WithDialect};
