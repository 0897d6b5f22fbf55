//! Serving: the accept loop with graceful shutdown, and the bounds on what a client may
//! hold: the write timeout per connection and per HTTP/2 stream, HTTP/2's unread
//! timeout, the head and idle timeouts, the connection cap, the body memory and the
//! live-reply limit, and what a request head must hold; and which protocol a connection
//! speaks.

pub(crate) mod cap;
pub(crate) mod head;
pub(crate) mod idle;
pub(crate) mod limits;
pub(crate) mod serve;
pub(crate) mod sniff;
pub(crate) mod stall;
pub(crate) mod stream_stall;
pub(crate) mod unread;

pub use crate::context::{Shutdown, ShutdownService};
pub use serve::{Serve, serve};
