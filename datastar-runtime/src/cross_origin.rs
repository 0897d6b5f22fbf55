//! Cross-site request forgery protection without tokens, on by default for the routes
//! `routes!` builds.
//!
//! Every Datastar action is a `fetch` that carries the user's cookies, and another site can
//! make a browser send some of them: a form posted across sites needs no preflight. So a
//! request that changes state (any method but `GET`, `HEAD` and `OPTIONS`) is refused when
//! the browser says it comes from another site, in the order Go 1.25's
//! `CrossOriginProtection` checks:
//!
//! 1. `Sec-Fetch-Site` (sent by every current browser): `same-origin` and `none` (the user
//!    typed it) pass; `same-site` and `cross-site` are refused unless the `Origin` is
//!    trusted.
//! 2. Without it (an older browser), an `Origin` whose host differs from the request's
//!    `Host` is refused unless trusted.
//! 3. A request with neither header is not from a browser page (`curl`, another server, a
//!    test) and passes: forgery needs a browser.
//!
//! A refusal is `403 Forbidden` with a text that says why. What this does not cover: a
//! same-site attacker you trust by name, a GET that changes state (never write one), and a
//! proxy that strips both headers (then requests pass as non-browser ones).
//!
//! ```
//! use axum::Router;
//! use datastar_runtime::cross_origin::CrossOrigin;
//! // Trust the site's other origin; every other cross-origin write is refused.
//! let app: Router = Router::new().layer(CrossOrigin::new().trust("https://admin.example.com"));
//! // Or turn the protection off for a public API served to other sites.
//! let api: Router = Router::new().layer(CrossOrigin::off());
//! # let _ = (app, api);
//! ```

use std::future::{Ready, ready};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::response::{IntoResponse, Response};
use futures_util::future::Either;
use http::{HeaderMap, Method, Request, StatusCode, header};
use tower_layer::Layer;
use tower_service::Service;

use crate::extract::Rejection;

/// The cross-origin policy of the routes of one router: a setting, so a router chooses it
/// with `.layer(CrossOrigin::…)` (the innermost layer wins); on, trusting no other origin,
/// where none is set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CrossOrigin {
    off: bool,
    /// `None` rather than empty: the default, read on every write, costs no allocation.
    trusted: Option<Arc<[String]>>,
}

impl CrossOrigin {
    /// On, trusting no other origin: the default.
    pub fn new() -> Self {
        Self::default()
    }

    /// Off: cross-origin writes pass (a public API meant for other sites).
    pub fn off() -> Self {
        CrossOrigin {
            off: true,
            trusted: None,
        }
    }

    /// Also lets writes through from `origin`, written as browsers send it
    /// (`https://admin.example.com`, with a port when it is not the scheme's own).
    pub fn trust(self, origin: impl Into<String>) -> Self {
        let mut trusted = self.trusted().to_vec();
        trusted.push(origin.into().trim_end_matches('/').to_owned());
        CrossOrigin {
            off: false,
            trusted: Some(trusted.into()),
        }
    }

    /// Whether the protection is on.
    pub fn is_on(&self) -> bool {
        !self.off
    }

    /// The origins trusted besides the request's own.
    pub fn trusted(&self) -> &[String] {
        self.trusted.as_deref().unwrap_or_default()
    }

    /// Why a request with this method and these headers is refused, if it is; `host` is
    /// the request's own (`Host`, or HTTP/2's `:authority`).
    pub fn refuses(&self, method: &Method, headers: &HeaderMap, host: Option<&str>) -> Option<&'static str> {
        if self.off || is_read(method) {
            return None;
        }
        let origin = headers.get(header::ORIGIN).and_then(|value| value.to_str().ok());
        let trusted = || origin.is_some_and(|origin| self.trusted().iter().any(|t| t.eq_ignore_ascii_case(origin)));
        if let Some(site) = headers.get("sec-fetch-site") {
            return match site.as_bytes() {
                b"same-origin" | b"none" => None,
                _ if trusted() => None,
                b"same-site" => Some(
                    "a request from another origin of this site (Sec-Fetch-Site: same-site) may not change state here",
                ),
                _ => Some("a request from another site (Sec-Fetch-Site: cross-site) may not change state here"),
            };
        }
        let origin = origin?;
        let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        if host.is_some_and(|host| host.eq_ignore_ascii_case(origin_host)) || trusted() {
            return None;
        }
        Some("a request whose Origin is another host may not change state here")
    }
}

/// The methods that only read, which no check holds up.
fn is_read(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The layer `routes!` puts around its routes: refuses what the current [`CrossOrigin`]
/// setting refuses. Add it to a router built by hand for the same protection.
#[derive(Clone, Copy, Debug, Default)]
pub struct Guard;

impl<S> Layer<S> for Guard {
    type Service = GuardService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GuardService { inner }
    }
}

/// The service [`Guard`] makes.
#[derive(Clone, Debug)]
pub struct GuardService<S> {
    inner: S,
}

impl<S, B> Service<Request<B>> for GuardService<S>
where
    S: Service<Request<B>, Response = Response>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Either<Ready<Result<Response, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // Reads, nearly every request, pass without the setting being looked at.
        if is_read(request.method()) {
            return Either::Right(self.inner.call(request));
        }
        let policy = crate::context::current::<CrossOrigin>().unwrap_or_default();
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .or_else(|| request.uri().authority().map(|authority| authority.as_str()));
        if let Some(reason) = policy.refuses(request.method(), request.headers(), host) {
            tracing::debug!(reason, "refused: cross-origin");
            return Either::Left(ready(Ok(Rejection::new(StatusCode::FORBIDDEN, reason).into_response())));
        }
        Either::Right(self.inner.call(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("a header value"));
        }
        map
    }

    #[test]
    fn writes_from_other_sites_are_refused_and_the_rest_pass() {
        let on = CrossOrigin::new();
        let put = Method::PUT;
        let host = Some("app.example:3000");
        for (pairs, refused) in [
            (&[("sec-fetch-site", "same-origin")][..], false),
            (&[("sec-fetch-site", "none")][..], false),
            (&[("sec-fetch-site", "cross-site")][..], true),
            (&[("sec-fetch-site", "same-site")][..], true),
            (&[("origin", "http://app.example:3000")][..], false),
            (&[("origin", "http://evil.example")][..], true),
            (&[][..], false),
            // Sec-Fetch-Site is believed over Origin: browsers send both.
            (
                &[("sec-fetch-site", "cross-site"), ("origin", "http://app.example:3000")][..],
                true,
            ),
        ] {
            assert_eq!(on.refuses(&put, &headers(pairs), host).is_some(), refused, "{pairs:?}");
        }
        let cross = headers(&[("sec-fetch-site", "cross-site"), ("origin", "https://admin.example")]);
        assert!(on.refuses(&Method::GET, &cross, host).is_none(), "reads pass");
        assert!(
            on.refuses(&Method::from_bytes(b"QUERY").expect("a method"), &cross, host)
                .is_some()
        );
        assert!(
            CrossOrigin::new()
                .trust("https://admin.example/")
                .refuses(&put, &cross, host)
                .is_none()
        );
        assert!(CrossOrigin::off().refuses(&put, &cross, host).is_none());
    }
}
