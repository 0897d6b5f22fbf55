//! The dialect of a router: a tower layer that makes one dialect current for the requests
//! it routes, so the same handlers serve any client generation.

use std::task::{Context, Poll};

use tokio::task::futures::TaskLocalFuture;
use tower_layer::Layer;
use tower_service::Service;

use crate::encode::{CURRENT, Dialect};

/// Makes `dialect` the current dialect for every request through the wrapped service.
///
/// Nested routers may each have their own: the innermost layer wins, so a site can move
/// page by page from one client generation to the next.
///
/// ```
/// use axum::{Router, routing::get};
/// use datastar_runtime::{Dialect, DialectLayer, Reply, Redirect};
/// let old: Router = Router::new()
///     .route("/go", get(|| async { Reply(Redirect::new("/")) }))
///     .layer(DialectLayer::new(Dialect::V019));
/// let app: Router = Router::new().nest("/old", old);
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DialectLayer {
    dialect: Dialect,
}

impl DialectLayer {
    /// A layer for `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        DialectLayer { dialect }
    }
}

impl<S> Layer<S> for DialectLayer {
    type Service = DialectService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        DialectService {
            inner,
            dialect: self.dialect,
        }
    }
}

/// The service [`DialectLayer`] makes.
#[derive(Clone, Debug)]
pub struct DialectService<S> {
    inner: S,
    dialect: Dialect,
}

impl<S, R> Service<R> for DialectService<S>
where
    S: Service<R>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = TaskLocalFuture<Dialect, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        CURRENT.scope(self.dialect, self.inner.call(request))
    }
}

/// Chooses the dialect of an axum router.
///
/// ```
/// use axum::Router;
/// use datastar_runtime::{Dialect, WithDialect};
/// let app: Router = Router::new().with_dialect(Dialect::V021);
/// # let _ = app;
/// ```
pub trait WithDialect {
    /// Serves this router's Datastar replies in `dialect`.
    fn with_dialect(self, dialect: Dialect) -> Self;
}

impl<S: Clone + Send + Sync + 'static> WithDialect for axum::Router<S> {
    fn with_dialect(self, dialect: Dialect) -> Self {
        self.layer(DialectLayer::new(dialect))
    }
}
