//! The dialect as a per-router setting.

use crate::context::{self, ScopeLayer, ScopeService};
use crate::encode::Dialect;

context::setting!(Dialect, DIALECT);

/// Makes a dialect current for every request through the wrapped service; the same as
/// using the [`Dialect`] itself as the layer.
///
/// Nested routers may each have their own: the innermost layer wins, so a site can move
/// page by page from one client generation to the next.
///
/// ```
/// use axum::{Router, routing::get};
/// use datastar_runtime::{Dialect, Reply};
/// use datastar_runtime::context::DialectLayer;
/// use datastar_runtime::event::Redirect;
/// let old: Router = Router::new()
///     .route("/go", get(|| async { Reply(Redirect::new("/")) }))
///     .layer(DialectLayer::new(Dialect::V019));
/// let app: Router = Router::new().nest("/old", old);
/// # let _ = app;
/// ```
pub type DialectLayer = ScopeLayer<Dialect>;

/// The service a dialect layer makes.
pub type DialectService<S> = ScopeService<S, Dialect>;

/// The dialect of the router handling the current request (1.0 outside any router that
/// chose one).
///
/// ```
/// use datastar_runtime::Dialect;
/// use datastar_runtime::context::{current_dialect, with_dialect};
/// assert_eq!(current_dialect(), Dialect::V1);
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert_eq!(with_dialect(Dialect::V019, async { current_dialect() }).await, Dialect::V019);
/// # });
/// ```
pub fn current_dialect() -> Dialect {
    context::current().unwrap_or_default()
}

/// Runs `future` with `dialect` as the current dialect.
///
/// ```
/// use datastar_runtime::{Dialect, IntoEvents};
/// use datastar_runtime::context::{current_dialect, with_dialect};
/// use datastar_runtime::reply::EventWriter;
/// use datastar_runtime::event::Redirect;
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let bytes = with_dialect(Dialect::V019, async {
///     let mut out = EventWriter::new(current_dialect());
///     Redirect::new("/next").write_events(&mut out);
///     out.finish().ready
/// })
/// .await;
/// assert_eq!(&bytes[..], b"event: datastar-redirect\ndata: url /next\n\n");
/// # });
/// ```
pub async fn with_dialect<F: std::future::Future>(dialect: Dialect, future: F) -> F::Output {
    context::scope(dialect, future).await
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
        self.layer(dialect)
    }
}
