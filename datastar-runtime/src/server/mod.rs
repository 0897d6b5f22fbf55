//! Serving: the accept loop with graceful shutdown, and the timeout for a client that stops
//! reading.

pub(crate) mod serve;
pub(crate) mod shutdown;
pub(crate) mod stall;

pub use serve::{Serve, serve};
pub use shutdown::{Shutdown, ShutdownService};
