//! A live reply read event by event, each wait bounded by a timeout.

use std::fmt;
use std::time::Duration;

use axum::body::Body;
use http::{HeaderMap, StatusCode};
use http_body_util::BodyExt;
use tokio::time::Instant;

use crate::encode::Dialect;
use crate::event::Event;
use crate::test::client::{ClientError, is_event_stream};
use crate::test::frame::FrameReader;
use crate::test::parse::read_frame;

/// A reply whose body is read as it comes, from [`Request::open`](crate::test::Request::open).
///
/// ```
/// use std::time::Duration;
/// use axum::{Router, routing::get};
/// use datastar_runtime::test::Client;
/// use datastar_runtime::{Event, feed};
/// use datastar_runtime::event::PatchElements;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let app = Router::new().route(
///     "/ticks",
///     get(|| async { feed(futures_util::stream::iter(1..=2).map(|n| PatchElements::new(format!("<b id=\"n\">{n}</b>")))) }),
/// );
/// # use futures_util::StreamExt;
/// let mut live = Client::new(app).get("/ticks").open().await.unwrap();
/// let second = Duration::from_secs(1);
/// assert_eq!(live.next_event(second).await.unwrap(), Some(Event::from(PatchElements::new("<b id=\"n\">1</b>"))));
/// assert_eq!(live.next_event(second).await.unwrap(), Some(Event::from(PatchElements::new("<b id=\"n\">2</b>"))));
/// assert_eq!(live.next_event(second).await.unwrap(), None);
/// # });
/// ```
pub struct FeedResponse {
    dialect: Dialect,
    status: StatusCode,
    headers: HeaderMap,
    body: Body,
    frames: FrameReader,
    ended: bool,
}

impl fmt::Debug for FeedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FeedResponse")
            .field("dialect", &self.dialect)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl FeedResponse {
    pub(crate) fn new(dialect: Dialect, response: http::Response<Body>) -> FeedResponse {
        let (parts, body) = response.into_parts();
        FeedResponse {
            dialect,
            status: parts.status,
            headers: parts.headers,
            body,
            frames: FrameReader::default(),
            ended: false,
        }
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header's value, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Whether the reply is an event stream (`text/event-stream`).
    pub fn is_event_stream(&self) -> bool {
        is_event_stream(&self.headers)
    }

    /// The next event, waiting at most `timeout` for it; `None` once the body has ended.
    /// Comments (keep-alives) are skipped. A body that ends inside an event is an error.
    pub async fn next_event(&mut self, timeout: Duration) -> Result<Option<Event>, ClientError> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(frame) = self.frames.next_frame() {
                return Ok(Some(read_frame(self.dialect, frame)?));
            }
            if self.ended {
                return Ok(None);
            }
            let frame = tokio::time::timeout_at(deadline, self.body.frame())
                .await
                .map_err(|_| ClientError::Timeout {
                    waiting_for: if self.frames.in_event() {
                        "the rest of an event"
                    } else {
                        "the next event"
                    },
                    after: timeout,
                })?;
            match frame {
                None => {
                    self.ended = true;
                    self.frames.finish()?;
                }
                Some(Err(e)) => {
                    self.ended = true;
                    return Err(ClientError::Body(e.to_string()));
                }
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        self.frames.push(&data)?;
                    }
                }
            }
        }
    }

    /// The next `count` events, all within `timeout`. Fewer only if the body ends first.
    pub async fn next_events(&mut self, count: usize, timeout: Duration) -> Result<Vec<Event>, ClientError> {
        let deadline = Instant::now() + timeout;
        let mut events = Vec::with_capacity(count.min(64));
        while events.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next_event(left).await {
                Ok(Some(event)) => events.push(event),
                Ok(None) => break,
                Err(ClientError::Timeout { waiting_for, .. }) => {
                    return Err(ClientError::Timeout {
                        waiting_for,
                        after: timeout,
                    });
                }
                Err(other) => return Err(other),
            }
        }
        Ok(events)
    }

    /// Every event left, until the body ends within `timeout`.
    pub async fn rest(&mut self, timeout: Duration) -> Result<Vec<Event>, ClientError> {
        self.next_events(usize::MAX, timeout).await
    }
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::routing::get;
    use futures_util::StreamExt;

    use super::*;
    use crate::context::KeepAlive;
    use crate::event::PatchElements;
    use crate::reply::feed;
    use crate::test::{Client, TestServer};

    fn app() -> Router {
        Router::new()
            .route(
                "/quiet",
                get(|| async {
                    let first = futures_util::stream::once(async { PatchElements::new("<p id=\"a\">1</p>") });
                    feed(first.chain(futures_util::stream::pending()))
                }),
            )
            .layer(KeepAlive::every(Duration::from_millis(10)))
    }

    #[tokio::test(start_paused = true)]
    async fn a_quiet_stream_times_out_past_its_keep_alives_and_can_be_read_again() {
        let mut live = Client::new(app()).get("/quiet").open().await.unwrap();
        assert_eq!(live.status(), 200);
        assert!(live.is_event_stream());
        let wait = Duration::from_millis(100);
        assert_eq!(
            live.next_event(wait).await.unwrap(),
            Some(Event::from(PatchElements::new("<p id=\"a\">1</p>")))
        );
        assert_eq!(
            live.next_event(wait).await,
            Err(ClientError::Timeout {
                waiting_for: "the next event",
                after: wait
            })
        );
        assert!(matches!(
            live.next_events(2, wait).await,
            Err(ClientError::Timeout { .. })
        ));
    }

    #[tokio::test]
    async fn over_tcp_a_live_reply_ends_with_its_stream() {
        let app = Router::new().route(
            "/two",
            get(|| async {
                feed(futures_util::stream::iter(1..=2).map(|n| PatchElements::new(format!("<i id=\"n\">{n}</i>"))))
            }),
        );
        let server = TestServer::start(app).await.unwrap();
        let mut live = server.client().get("/two").open().await.unwrap();
        let events = live.rest(Client::DEFAULT_TIMEOUT).await.unwrap();
        assert_eq!(
            events,
            [1, 2].map(|n| Event::from(PatchElements::new(format!("<i id=\"n\">{n}</i>"))))
        );
        assert_eq!(live.next_event(Client::DEFAULT_TIMEOUT).await, Ok(None));
    }
}
