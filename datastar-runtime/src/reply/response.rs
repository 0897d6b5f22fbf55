//! Replies: events become an SSE response in the dialect of the router that routed the
//! request. One-shot replies are a single full body; replies with a feed stream.

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

use crate::context::feeds::FeedLimit;
use crate::reply::feed_body::FeedBody;
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::{EventWriter, Failure};

/// The room a reply's buffer starts with: the few small events of a typical reply fit
/// without the buffer growing (each event reserves its own size hint on top otherwise, a
/// second allocation and a copy for a reply of two), and an allocation costs the same
/// whatever its size.
const REPLY_CAPACITY: usize = 512;

/// Sends anything that becomes events as an SSE response.
///
/// ```
/// use axum::{Router, routing::get};
/// use datastar_runtime::Reply;
/// use datastar_runtime::event::PatchElements;
/// async fn hello() -> Reply<PatchElements> {
///     Reply(PatchElements::new("<p id=\"hello\">Hello</p>"))
/// }
/// let app: Router = Router::new().route("/hello", get(hello));
/// # let _ = app;
/// ```
#[derive(Clone, Debug)]
pub struct Reply<T>(pub T);

impl<T: IntoEvents> IntoResponse for Reply<T> {
    fn into_response(self) -> Response {
        let dialect = crate::context::current().unwrap_or_default();
        let mut out = EventWriter::with_capacity(dialect, REPLY_CAPACITY);
        self.0.write_events(&mut out);
        let written = out.finish();
        if let Some(failure) = written.failure {
            return match failure {
                Failure::Response(response) => response,
                Failure::Encode(error) => {
                    tracing::error!(%error, "a handler's events cannot be encoded");
                    (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
                }
            };
        }
        let body = match written.feed {
            None => Body::from(written.ready),
            Some(feed) => {
                let slot = match crate::context::current::<FeedLimit>() {
                    None => None,
                    Some(limit) => match limit.take() {
                        Some(slot) => Some(slot),
                        None => return feeds_full(limit.max()),
                    },
                };
                Body::new(FeedBody::new(written.ready, feed, dialect, slot))
            }
        };
        sse_response(body)
    }
}

/// The `503` for a live reply past the server's limit: every Datastar client generation
/// opens a stream again after an error, and `Retry-After` says when.
fn feeds_full(max: usize) -> Response {
    tracing::debug!(max, "live reply refused: the server holds as many as it may");
    let mut response = crate::extract::Rejection::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("the server holds as many live streams as it may ({max}); try again in a few seconds"),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

/// The headers every Datastar client generation accepts.
pub(crate) fn sse_response(body: Body) -> Response {
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    // Room for exactly these two: a map's first insert makes room for many more, and
    // hyper keeps the map for the connection's life (to parse the next request into), so
    // a parked feed would hold the spare room.
    *headers = http::HeaderMap::with_capacity(2);
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sse_response_holds_room_for_its_two_headers_and_no_more() {
        let response = sse_response(Body::empty());
        let headers = response.headers();
        assert_eq!(headers[header::CONTENT_TYPE], "text/event-stream");
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
        let mut grown = http::HeaderMap::new();
        grown.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
        grown.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        assert!(
            headers.capacity() < grown.capacity(),
            "{} vs {}",
            headers.capacity(),
            grown.capacity()
        );
    }
}
