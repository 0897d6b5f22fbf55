//! Per-router settings that reach the code a request runs: the dialect, the keep-alive
//! period, the signals limits, and, from [`serve`](crate::serve), the server's shutdown
//! signal and its limit on live replies. Every one is declared in the table at the end of
//! this file and read the same way, with [`current`].
//!
//! Each setting is a value that is also a tower layer: `router.layer(setting)` makes it
//! current for the requests that router serves, the innermost layer winning, so nested
//! routers can each choose their own. The value lives in a task-local for as long as the
//! request's future runs; code that needs it (the reply that picks its dialect, the live
//! body that remembers the keep-alive period) reads it with [`current`].
//!
//! ```
//! use std::time::Duration;
//! use axum::Router;
//! use datastar_runtime::Dialect;
//! use datastar_runtime::context::KeepAlive;
//! let app: Router = Router::new()
//!     .layer(KeepAlive::every(Duration::from_secs(30)))
//!     .layer(Dialect::V019);
//! # let _ = app;
//! ```
//!
//! Why a task-local rather than request extensions: handlers and replies read the setting
//! without being handed the request, and a scope costs no allocation per request where an
//! extension map does.

mod dialect;
pub(crate) mod feeds;
mod keep_alive;
pub(crate) mod shutdown;

use std::future::Future;
use std::task::{Context, Poll};

use tokio::task::LocalKey;
use tokio::task::futures::TaskLocalFuture;
use tower_layer::Layer;
use tower_service::Service;

pub use dialect::DialectService;
#[allow(deprecated)]
pub use dialect::{DialectLayer, WithDialect, current_dialect, with_dialect};
pub use keep_alive::{KeepAlive, KeepAliveService};
pub use shutdown::{Shutdown, ShutdownService};

/// A per-router setting: [`Dialect`](crate::Dialect), [`KeepAlive`],
/// [`SignalsConfig`](crate::extract::SignalsConfig) and [`Shutdown`].
pub trait Setting: sealed::Sealed + Clone + Send + Sync + 'static {
    /// Where the current value lives while a request runs.
    #[doc(hidden)]
    fn key() -> &'static LocalKey<Self>;
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// The setting current for the running request, if a router or the server set one.
///
/// ```
/// use datastar_runtime::{Dialect, context};
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert_eq!(context::current::<Dialect>(), None);
/// let inside = context::scope(Dialect::V019, async { context::current::<Dialect>() }).await;
/// assert_eq!(inside, Some(Dialect::V019));
/// # });
/// ```
pub fn current<T: Setting>() -> Option<T> {
    T::key().try_with(T::clone).ok()
}

/// Runs `future` with `setting` current.
pub fn scope<T: Setting, F: Future>(setting: T, future: F) -> TaskLocalFuture<T, F> {
    T::key().scope(setting, future)
}

/// A tower layer that makes a setting current for the wrapped service. Each setting is a
/// layer itself; this names the layer for code that is generic over settings.
#[derive(Clone, Copy, Debug)]
pub struct ScopeLayer<T> {
    setting: T,
}

impl<T: Setting> ScopeLayer<T> {
    /// A layer for `setting`.
    pub fn new(setting: T) -> Self {
        ScopeLayer { setting }
    }
}

impl<S, T: Setting> Layer<S> for ScopeLayer<T> {
    type Service = ScopeService<S, T>;

    fn layer(&self, inner: S) -> Self::Service {
        ScopeService {
            inner,
            setting: self.setting.clone(),
        }
    }
}

/// The service a setting's layer makes: calls the inner service with the setting current.
#[derive(Clone, Debug)]
pub struct ScopeService<S, T> {
    inner: S,
    setting: T,
}

impl<S, T, R> Service<R> for ScopeService<S, T>
where
    S: Service<R>,
    T: Setting,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = TaskLocalFuture<T, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        scope(self.setting.clone(), self.inner.call(request))
    }
}

/// Declares a type a setting: its task-local, and the layer the value itself is.
macro_rules! setting {
    ($type:ty, $key:ident) => {
        tokio::task_local! {
            static $key: $type;
        }

        impl $crate::context::sealed::Sealed for $type {}

        impl $crate::context::Setting for $type {
            fn key() -> &'static tokio::task::LocalKey<Self> {
                &$key
            }
        }

        impl<S> tower_layer::Layer<S> for $type {
            type Service = $crate::context::ScopeService<S, $type>;

            fn layer(&self, inner: S) -> Self::Service {
                $crate::context::ScopeLayer::new(self.clone()).layer(inner)
            }
        }
    };
}

// Every setting, and the task-local it lives in while a request runs.
setting!(crate::encode::Dialect, DIALECT);
setting!(KeepAlive, KEEP_ALIVE);
setting!(crate::extract::SignalsConfig, SIGNALS_CONFIG);
setting!(Shutdown, SHUTDOWN);
setting!(feeds::FeedLimit, FEED_LIMIT);
setting!(crate::cross_origin::CrossOrigin, CROSS_ORIGIN);
