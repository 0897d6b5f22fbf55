//! `routes![...]` support: what a route attribute records about its handler, and the builder
//! that adds handlers to an axum router in one dialect, checking each against it.

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter, on};
use tokio::task::futures::TaskLocalFuture;

use crate::encode::{Dialect, EncodeError};
use crate::event::{Event, PatchSignals};
use crate::mount::mounted;
use crate::reply::fragment::FragmentOptions;

/// The HTTP method of a route attribute: `datastar_syntax`'s table, which the macros read
/// too, so the attributes, the router and the wire names are one list.
///
/// ```
/// use datastar_runtime::routing::Method;
/// assert_eq!(Method::Delete.as_str(), "DELETE");
/// ```
pub use datastar_syntax::Method;

/// The router's filter for `method`, through its wire name.
fn filter(method: Method) -> MethodFilter {
    let method =
        http::Method::from_bytes(method.as_str().as_bytes()).expect("the route methods are standard HTTP methods");
    MethodFilter::try_from(method).expect("axum filters every standard HTTP method")
}

/// What a handler is known to send, from the attributes on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sends {
    /// Anything: the handler's value decides.
    Unknown,
    /// A `#[fragment]` with these options.
    Fragment(FragmentOptions),
    /// A `#[signals]` patch.
    Signals,
}

/// A route, as its attribute wrote it down: method, path, handler name and what it sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    /// The method.
    pub method: Method,
    /// The axum path, checked at compile time.
    pub path: &'static str,
    /// The handler's full path, for messages.
    pub handler: &'static str,
    /// What it sends.
    pub sends: Sends,
}

impl RouteInfo {
    /// A route whose handler may send anything.
    pub const fn new(method: Method, path: &'static str, handler: &'static str) -> Self {
        RouteInfo {
            method,
            path,
            handler,
            sends: Sends::Unknown,
        }
    }

    /// The handler is a `#[fragment]` with these options.
    pub const fn fragment(mut self, options: FragmentOptions) -> Self {
        self.sends = Sends::Fragment(options);
        self
    }

    /// The handler is a `#[signals]` function.
    pub const fn signals(mut self) -> Self {
        self.sends = Sends::Signals;
        self
    }

    /// Whether `dialect` can express what this route sends (an unknown reply passes).
    pub fn check(&self, dialect: Dialect) -> Result<(), EncodeError> {
        match self.sends {
            Sends::Unknown => Ok(()),
            Sends::Fragment(options) => options.check(dialect),
            Sends::Signals => dialect.encode(&Event::from(PatchSignals::raw("{}")), &mut bytes::BytesMut::new()),
        }
    }
}

/// An item `routes![...]` accepts: what a route attribute generates, under the function's name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a route",
    label = "this is not a function with a route attribute",
    note = "`routes![...]` lists functions annotated with `#[get(\"/path\")]`, `#[post(..)]`, `#[put(..)]`, `#[patch(..)]` or `#[delete(..)]`; add other axum handlers with `.route(..)` on the router it returns"
)]
pub trait Route {
    /// The route's description.
    const ROUTE: RouteInfo;
}

/// Builds the router of a `routes![...]` list: one dialect, every route checked against it.
pub struct Routes<S> {
    router: Router<S>,
    dialect: Dialect,
    prefix: String,
}

impl<S: Clone + Send + Sync + 'static> Routes<S> {
    /// An empty list served in `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        Routes {
            router: Router::new(),
            dialect,
            prefix: String::new(),
        }
    }

    /// Mounts the routes under `prefix` (`routes![prefix = "/v1"; …]`): `/get` becomes
    /// `/v1/get`, and `/` becomes `/v1`, as with axum's `nest`, but the full paths go into
    /// the router, so no request pays for stripping the prefix.
    ///
    /// # Panics
    ///
    /// If `prefix` does not start with `/` or ends with one.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        let prefix = prefix.into();
        assert!(
            prefix.starts_with('/') && !prefix.ends_with('/'),
            "routes!: the prefix `{prefix}` must start with `/` and not end with one, like `/v1`"
        );
        self.prefix = prefix;
        self
    }

    /// Adds route `R`, served by `handler`.
    ///
    /// # Panics
    ///
    /// When the dialect cannot express what the route sends, so the mistake shows when the
    /// server starts rather than as a client that silently retries.
    pub fn route<R: Route, H: Handler<T, S>, T: 'static>(self, handler: H) -> Self {
        self.with_route(R::ROUTE, handler)
    }

    /// Adds the route `route` describes, served by `handler` (what `routes!` writes: it
    /// names each item only as a type, so a wrong name is one clear error).
    ///
    /// # Panics
    ///
    /// As [`route`](Self::route).
    pub fn with_route<H: Handler<T, S>, T: 'static>(self, route: RouteInfo, handler: H) -> Self {
        // Only this line depends on the handler's type; the rest is compiled once per
        // state type, not once per route.
        let method_router = on(
            filter(route.method),
            InDialect {
                handler,
                dialect: self.dialect,
            },
        );
        self.add(&route, method_router)
    }

    fn add(self, route: &RouteInfo, method_router: MethodRouter<S>) -> Self {
        if let Err(error) = route.check(self.dialect) {
            panic!(
                "routes!: `{}` ({} {}) cannot be served in the {}: {error}",
                route.handler, route.method, route.path, self.dialect
            );
        }
        let router = match mounted(&self.prefix, route.path) {
            [path, ""] | ["", path] => self.router.route(path, method_router),
            [prefix, path] => self.router.route(&format!("{prefix}{path}"), method_router),
        };
        Routes { router, ..self }
    }

    /// The axum router, its writes refused when they come from another site (see
    /// [`cross_origin`](crate::cross_origin); a router chooses its policy with
    /// `.layer(CrossOrigin::…)`).
    pub fn finish(self) -> Router<S> {
        self.router.layer(crate::cross_origin::Guard)
    }
}

/// A handler run with its router's dialect current. Wrapping the handler rather than
/// layering the router saves each request a boxed service clone.
#[derive(Clone)]
struct InDialect<H> {
    handler: H,
    dialect: Dialect,
}

impl<H, T, S> Handler<T, S> for InDialect<H>
where
    H: Handler<T, S>,
    S: Send + 'static,
{
    type Future = TaskLocalFuture<Dialect, H::Future>;

    fn call(self, request: Request, state: S) -> Self::Future {
        crate::context::scope(self.dialect, self.handler.call(request, state))
    }
}

#[cfg(test)]
mod tests {
    use axum::routing::MethodFilter;

    use super::{Method, filter};

    #[test]
    fn every_method_has_its_filter() {
        let filters: Vec<MethodFilter> = Method::ALL.into_iter().map(filter).collect();
        assert_eq!(
            filters,
            [
                MethodFilter::GET,
                MethodFilter::POST,
                MethodFilter::PUT,
                MethodFilter::PATCH,
                MethodFilter::DELETE
            ]
        );
    }
}
