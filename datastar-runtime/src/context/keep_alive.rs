//! The keep-alive period of live streams as a per-router setting.

use std::time::Duration;

use crate::context::ScopeService;

/// How often a quiet live stream sends a keep-alive comment, for the routes of one router
/// (the innermost layer wins). The default is every 15 seconds.
///
/// The comment keeps proxies and load balancers from timing out a quiet connection, and the
/// write lets the server notice a client that vanished without closing its connection.
/// Only quiet time counts: a stream that sends events sends no comments.
///
/// ```
/// use std::time::Duration;
/// use axum::Router;
/// use datastar_runtime::context::KeepAlive;
/// let app: Router = Router::new().layer(KeepAlive::every(Duration::from_secs(30)));
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeepAlive {
    /// The quiet time after which a comment is sent; `None` when comments are off.
    pub period: Option<Duration>,
}

impl KeepAlive {
    /// The default period: 15 seconds.
    pub const DEFAULT_PERIOD: Duration = Duration::from_secs(15);

    /// A comment after every `period` of quiet (a zero period turns them off).
    pub const fn every(period: Duration) -> Self {
        KeepAlive {
            period: if period.is_zero() { None } else { Some(period) },
        }
    }

    /// No keep-alive comments.
    pub const fn off() -> Self {
        KeepAlive { period: None }
    }
}

impl Default for KeepAlive {
    fn default() -> Self {
        KeepAlive::every(Self::DEFAULT_PERIOD)
    }
}

/// The service a [`KeepAlive`] layer makes.
pub type KeepAliveService<S> = ScopeService<S, KeepAlive>;
