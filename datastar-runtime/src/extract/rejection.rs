//! Rejections the page can show. A rejected request is a 4xx with a plain-text reason, which
//! every Datastar client drops unseen; [`RejectionEvents`] opts a router into answering with
//! an event that shows the reason instead.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use maud::html;
use tower_layer::Layer;
use tower_service::Service;

use crate::encode::Dialect;
use crate::event::Mode;
use crate::event::{ConsoleLevel, ConsoleMessage, Event, PatchElements};
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::{EventWriter, Failure};

/// A client error with a reason a person can read: the request was understood but refused.
///
/// Its response is `status` with `message` as plain text; under [`RejectionEvents`] it
/// becomes an event instead. Every [`Signals`](struct@crate::Signals) rejection is one, and
/// handlers may return their own.
///
/// ```
/// use axum::http::StatusCode;
/// use datastar_runtime::{Reply, Signals, maud::{Markup, html}};
/// use datastar_runtime::extract::Rejection;
/// async fn rename(Signals(name): Signals<String>) -> Result<Reply<Markup>, Rejection> {
///     if name.trim().is_empty() {
///         return Err(Rejection::new(StatusCode::UNPROCESSABLE_ENTITY, "a name cannot be blank"));
///     }
///     Ok(Reply(html! { span #name { (name) } }))
/// }
/// # let _ = rename;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    status: StatusCode,
    message: String,
}

impl Rejection {
    /// A rejection with this status (a 4xx) and reason.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Rejection {
            status,
            message: message.into(),
        }
    }

    /// The status of the plain response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The reason.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rejection {}

/// What a rejection's response carries for [`RejectionEvents`]: the rejection and the dialect
/// of the router that made it, which an outer layer could not learn any more.
#[derive(Clone, Debug)]
struct Rejected {
    rejection: Rejection,
    dialect: Dialect,
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.message.clone()));
        *response.status_mut() = self.status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response.extensions_mut().insert(Rejected {
            rejection: self,
            dialect: crate::context::current().unwrap_or_default(),
        });
        response
    }
}

type Render = Arc<dyn Fn(&Rejection) -> Event + Send + Sync>;

/// Turns the [`Rejection`]s of a router (every [`Signals`](struct@crate::Signals) rejection among
/// them) into an event the page shows, in the router's dialect.
///
/// Without it a rejection is a 4xx with a plain-text reason, which is right for other
/// clients and for logs, but no Datastar client shows it. With it the page gets the reason
/// as an element patch, a console message, or any event you render.
///
/// ```
/// use axum::{Router, routing::post};
/// use datastar_runtime::{Reply, Signals, maud::{Markup, html}};
/// use datastar_runtime::extract::RejectionEvents;
/// async fn save(Signals(count): Signals<u32>) -> Reply<Markup> {
///     Reply(html! { span #count { (count) } })
/// }
/// // The page has `<div id="errors"></div>`; a bad request fills it with
/// // `<p role="alert">the signals do not match the expected type: …</p>`.
/// let app: Router = Router::new()
///     .route("/save", post(save))
///     .layer(RejectionEvents::patch("#errors"));
/// # let _ = app;
/// ```
///
/// # Status
///
/// The event travels with `200 OK`, the one status every client generation applies:
///
/// - Datastar 1.0 reads the body of a `200` only. Any other status ends the request unread,
///   or, on a page that set `retry: 'error'`, sends it again: a 4xx carrying events would
///   show nothing there, or repeat the request.
/// - 0.19 and the 2024 client ignore the status; 0.21 and 1.0-beta apply a 4xx body but
///   also raise their own error event for it.
///
/// The original status stays in the log (at `debug`), and the response is untouched for
/// requests that were not rejected.
#[derive(Clone)]
pub struct RejectionEvents {
    render: Render,
    fallback: Option<Render>,
}

impl RejectionEvents {
    /// Replaces the children of `selector` with `<p role="alert">REASON</p>` (the reason
    /// HTML-escaped).
    pub fn patch(selector: &'static str) -> Self {
        RejectionEvents {
            render: patch_render(selector),
            fallback: None,
        }
    }

    /// Writes the reason to the browser console with `console.error`. The 2024 dialect has
    /// no way to do that: there the reason is patched into `fallback_selector` instead.
    pub fn console(fallback_selector: &'static str) -> Self {
        RejectionEvents {
            render: Arc::new(|rejection: &Rejection| {
                ConsoleMessage::new(ConsoleLevel::Error, rejection.message.clone()).into()
            }),
            fallback: Some(patch_render(fallback_selector)),
        }
    }

    /// Renders each rejection as an event of your own, for example a signals patch that
    /// sets an `error` signal the page displays.
    ///
    /// ```
    /// use datastar_runtime::event::PatchSignals;
    /// use datastar_runtime::extract::RejectionEvents;
    /// let layer = RejectionEvents::render(|rejection| {
    ///     PatchSignals::value(&serde_json::json!({ "error": rejection.message() })).into()
    /// });
    /// # let _ = layer;
    /// ```
    pub fn render<F>(render: F) -> Self
    where
        F: Fn(&Rejection) -> Event + Send + Sync + 'static,
    {
        RejectionEvents {
            render: Arc::new(render),
            fallback: None,
        }
    }

    fn convert(&self, response: Response) -> Response {
        let Some(Rejected { rejection, dialect }) = response.extensions().get::<Rejected>().cloned() else {
            return response;
        };
        let renders = std::iter::once(&self.render).chain(self.fallback.as_ref());
        for render in renders {
            let mut out = EventWriter::new(dialect);
            render(&rejection).write_events(&mut out);
            let written = out.finish();
            match written.failure {
                None => {
                    tracing::debug!(status = %rejection.status, reason = %rejection, "rejection sent as an event");
                    return crate::reply::response::sse_response(Body::from(written.ready));
                }
                Some(Failure::Encode(error)) => {
                    tracing::warn!(%error, "a rejection cannot be sent as an event in this dialect")
                }
                Some(Failure::Response(_)) => {}
            }
        }
        response
    }
}

fn patch_render(selector: &'static str) -> Render {
    Arc::new(move |rejection: &Rejection| {
        let markup = html! { p role="alert" { (rejection.message) } };
        PatchElements::new(markup.into_string())
            .selector(selector)
            .mode(Mode::Inner)
            .into()
    })
}

impl fmt::Debug for RejectionEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RejectionEvents").finish_non_exhaustive()
    }
}

impl<S> Layer<S> for RejectionEvents {
    type Service = RejectionEventsService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RejectionEventsService {
            inner,
            events: self.clone(),
        }
    }
}

/// The service [`RejectionEvents`] makes.
#[derive(Clone, Debug)]
pub struct RejectionEventsService<S> {
    inner: S,
    events: RejectionEvents,
}

impl<S, R> Service<R> for RejectionEventsService<S>
where
    S: Service<R, Response = Response>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        let events = self.events.clone();
        let future = self.inner.call(request);
        Box::pin(async move { Ok(events.convert(future.await?)) })
    }
}
