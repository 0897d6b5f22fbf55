//! The dialect as a per-router setting, and the ways of choosing it that are deprecated.
//!
//! One way is documented: `routes![dialect = …; …]` for a router the macros build, and the
//! [`Dialect`] itself as a layer (`router.layer(Dialect::V019)`) for any other, as every
//! setting is. The rest stay for one release.

#![allow(deprecated)]

use crate::context::{self, ScopeLayer, ScopeService};
use crate::encode::Dialect;

/// Makes a dialect current for every request through the wrapped service.
#[deprecated(note = "use the `Dialect` itself as the layer: `router.layer(Dialect::V019)`")]
pub type DialectLayer = ScopeLayer<Dialect>;

/// The service a dialect layer makes.
pub type DialectService<S> = ScopeService<S, Dialect>;

/// The dialect of the router handling the current request (1.0 outside any router that
/// chose one).
#[deprecated(note = "read it as every setting is read: `context::current::<Dialect>().unwrap_or_default()`")]
pub fn current_dialect() -> Dialect {
    context::current().unwrap_or_default()
}

/// Runs `future` with `dialect` as the current dialect.
#[deprecated(note = "scope it as every setting is scoped: `context::scope(dialect, future)`")]
pub async fn with_dialect<F: std::future::Future>(dialect: Dialect, future: F) -> F::Output {
    context::scope(dialect, future).await
}

/// Chooses the dialect of an axum router.
#[deprecated(note = "use the `Dialect` itself as the layer: `router.layer(Dialect::V021)`")]
pub trait WithDialect {
    /// Serves this router's Datastar replies in `dialect`.
    fn with_dialect(self, dialect: Dialect) -> Self;
}

impl<S: Clone + Send + Sync + 'static> WithDialect for axum::Router<S> {
    fn with_dialect(self, dialect: Dialect) -> Self {
        self.layer(dialect)
    }
}
