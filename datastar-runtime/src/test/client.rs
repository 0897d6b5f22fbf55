//! Requests sent the way a Datastar client generation sends them, to an axum `Router`
//! in-process or to a server over TCP, and their replies read back as events.
//!
//! (About 500 lines of code, a quarter of the file being its tests: the request side of
//! each generation and the two transports share one builder, so they stay together.)

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use serde::Serialize;

use crate::encode::Dialect;
use crate::event::Event;
use crate::test::feed::FeedResponse;
use crate::test::parse::{ParseError, parse};

/// A Datastar client for tests: it sends the page's signals as the client generation of
/// its dialect does, and reads the reply back into [`Event`]s in that dialect.
///
/// Every generation sends the `datastar-request: true` header and the signals as JSON,
/// without the local signals (keys starting with `_`, at any depth): in the `datastar`
/// query parameter for GET (and DELETE in 1.0), as an `application/json` body otherwise.
/// The 2024 and 0.19 clients call the signals their "store"; the JSON is the same.
///
/// ```
/// use axum::{Router, routing::get};
/// use datastar_runtime::test::Client;
/// use datastar_runtime::{Event, Reply, Signals};
/// use datastar_runtime::event::PatchElements;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let app = Router::new().route(
///     "/greet",
///     get(|Signals(s): Signals| async move {
///         Reply(PatchElements::new(format!("<p id=\"hi\">Hi {}</p>", s["name"].as_str().unwrap_or("?"))))
///     }),
/// );
/// let reply = Client::new(app).get("/greet").signals(&serde_json::json!({"name": "Ada"})).send().await.unwrap();
/// assert_eq!(reply.status(), 200);
/// assert_eq!(reply.events(), [Event::from(PatchElements::new("<p id=\"hi\">Hi Ada</p>"))]);
/// # });
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Transport,
    dialect: Dialect,
    timeout: Duration,
}

#[derive(Clone)]
enum Transport {
    Router(Router),
    Tcp(SocketAddr),
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let transport = match &self.transport {
            Transport::Router(_) => "in-process".to_owned(),
            Transport::Tcp(addr) => addr.to_string(),
        };
        f.debug_struct("Client")
            .field("transport", &transport)
            .field("dialect", &self.dialect)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Client {
    /// How long a request waits for its reply by default: 10 seconds, long enough that only
    /// a hang exceeds it.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

    /// A client that calls `app` in-process (no socket), as a Datastar 1.0 page.
    ///
    /// ```
    /// let client = datastar_runtime::test::Client::new(axum::Router::new());
    /// # let _ = client;
    /// ```
    pub fn new(app: Router) -> Client {
        Client {
            transport: Transport::Router(app),
            dialect: Dialect::V1,
            timeout: Self::DEFAULT_TIMEOUT,
        }
    }

    /// A client that connects to a server at `addr` over TCP (HTTP/1.1, one connection per
    /// request), as a Datastar 1.0 page. [`TestServer`](crate::test::TestServer) starts one.
    ///
    /// ```
    /// let client = datastar_runtime::test::Client::tcp(([127, 0, 0, 1], 3000).into());
    /// # let _ = client;
    /// ```
    pub fn tcp(addr: SocketAddr) -> Client {
        Client {
            transport: Transport::Tcp(addr),
            dialect: Dialect::V1,
            timeout: Self::DEFAULT_TIMEOUT,
        }
    }

    /// Speaks as the client generation of `dialect`, and reads replies in its words. Use the
    /// dialect of the router under test (for 2024 with its store element).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, test::Client};
    /// let old_page = Client::new(axum::Router::new()).dialect(Dialect::V019);
    /// # let _ = old_page;
    /// ```
    pub fn dialect(mut self, dialect: Dialect) -> Client {
        self.dialect = dialect;
        self
    }

    /// Fails a request whose reply (its headers, and for [`Request::send`] its whole body)
    /// has not arrived within `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Client {
        self.timeout = timeout;
        self
    }

    /// A GET request (`$$get` / `@get`).
    pub fn get(&self, path: &str) -> Request {
        self.request(Method::GET, path)
    }

    /// A POST request.
    pub fn post(&self, path: &str) -> Request {
        self.request(Method::POST, path)
    }

    /// A PUT request.
    pub fn put(&self, path: &str) -> Request {
        self.request(Method::PUT, path)
    }

    /// A PATCH request.
    pub fn patch(&self, path: &str) -> Request {
        self.request(Method::PATCH, path)
    }

    /// A DELETE request (signals in the query in 1.0, in the body before).
    pub fn delete(&self, path: &str) -> Request {
        self.request(Method::DELETE, path)
    }

    /// A request with any method, to `path` (which may have a query of its own).
    ///
    /// ```
    /// use datastar_runtime::test::Client;
    /// let request = Client::new(axum::Router::new()).request(http::Method::OPTIONS, "/x");
    /// # let _ = request;
    /// ```
    pub fn request(&self, method: Method, path: &str) -> Request {
        Request {
            client: self.clone(),
            method,
            path: path.to_owned(),
            signals: Ok("{}".to_owned()),
            headers: Vec::new(),
        }
    }
}

/// A request being built; [`send`](Request::send) it for the whole reply, or
/// [`open`](Request::open) it to read a live reply event by event.
#[must_use = "a request does nothing until it is sent"]
pub struct Request {
    client: Client,
    method: Method,
    path: String,
    /// The JSON text sent, or why the signals did not serialise.
    signals: Result<String, String>,
    headers: Vec<(String, String)>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("signals", &self.signals)
            .finish_non_exhaustive()
    }
}

impl Request {
    /// The page's signals (by default `{}`, as a page without any sends). Local signals
    /// (keys starting with `_`) are left out, as every client does.
    ///
    /// ```
    /// use datastar_runtime::test::Client;
    /// #[derive(serde::Serialize)]
    /// struct Page { input: String, _draft: bool }
    /// let request = Client::new(axum::Router::new())
    ///     .put("/put")
    ///     .signals(&Page { input: "hello".into(), _draft: true });
    /// # let _ = request;
    /// ```
    pub fn signals<T: Serialize + ?Sized>(mut self, signals: &T) -> Request {
        self.signals = serde_json::to_value(signals)
            .map(|value| remote_signals(value).to_string())
            .map_err(|e| e.to_string());
        self
    }

    /// Sends this text where the signals go, exactly as written: what a broken or hostile
    /// client sends, for testing rejections.
    ///
    /// ```
    /// use datastar_runtime::test::Client;
    /// let request = Client::new(axum::Router::new()).post("/save").signals_json("{\"count\":");
    /// # let _ = request;
    /// ```
    pub fn signals_json(mut self, text: impl Into<String>) -> Request {
        self.signals = Ok(text.into());
        self
    }

    /// Adds a header (a cookie, `Last-Event-ID`, …).
    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends the request and reads the whole reply. An SSE reply (`text/event-stream`) is
    /// read into events; any other reply keeps only its status, headers and body.
    pub async fn send(self) -> Result<TestResponse, ClientError> {
        let dialect = self.client.dialect;
        let timeout = self.client.timeout;
        let read = async move {
            let (parts, body) = self.call().await?.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| ClientError::Body(e.to_string()))?
                .to_bytes();
            let events = if is_event_stream(&parts.headers) {
                parse(dialect, &body)?
            } else {
                Vec::new()
            };
            Ok(TestResponse {
                status: parts.status,
                headers: parts.headers,
                body,
                events,
            })
        };
        tokio::time::timeout(timeout, read)
            .await
            .map_err(|_| ClientError::Timeout {
                waiting_for: "the whole reply",
                after: timeout,
            })?
    }

    /// Sends the request and returns once the reply's headers have arrived; its events are
    /// then read one by one with [`FeedResponse::next_event`]. Dropping it closes the
    /// connection, as a page that goes away.
    pub async fn open(self) -> Result<FeedResponse, ClientError> {
        let dialect = self.client.dialect;
        let timeout = self.client.timeout;
        let response = tokio::time::timeout(timeout, self.call())
            .await
            .map_err(|_| ClientError::Timeout {
                waiting_for: "the reply's headers",
                after: timeout,
            })??;
        Ok(FeedResponse::new(dialect, response))
    }

    /// The HTTP request a page of this generation sends.
    fn build(&self) -> Result<http::Request<Body>, ClientError> {
        let json = self.signals.clone().map_err(ClientError::Request)?;
        let in_query = match self.method {
            // No client sends HEAD; it has no body, so its signals go where GET's do.
            Method::GET | Method::HEAD => true,
            Method::DELETE => self.client.dialect == Dialect::V1,
            _ => false,
        };
        let mut uri = self.path.clone();
        let body = if in_query {
            uri.push(if uri.contains('?') { '&' } else { '?' });
            uri.push_str("datastar=");
            form_urlencode(&json, &mut uri);
            Body::empty()
        } else {
            Body::from(json)
        };
        let mut request = http::Request::builder()
            .method(self.method.clone())
            .uri(&uri)
            .header("datastar-request", "true")
            .header(header::CONTENT_TYPE, "application/json");
        if self.client.dialect == Dialect::V1 {
            request = request.header(header::ACCEPT, "text/event-stream, text/html, application/json");
        }
        if let Transport::Tcp(addr) = &self.client.transport {
            request = request.header(header::HOST, addr.to_string());
        }
        for (name, value) in &self.headers {
            let name = HeaderName::try_from(name.as_str()).map_err(|e| ClientError::Request(format!("{name}: {e}")))?;
            let value =
                HeaderValue::try_from(value.as_str()).map_err(|e| ClientError::Request(format!("{name}: {e}")))?;
            request = request.header(name, value);
        }
        request
            .body(body)
            .map_err(|e| ClientError::Request(format!("{uri}: {e}")))
    }

    async fn call(self) -> Result<http::Response<Body>, ClientError> {
        let request = self.build()?;
        match self.client.transport {
            Transport::Router(mut router) => {
                use tower_service::Service;
                // A router is always ready and never fails: errors are responses.
                std::future::poll_fn(|cx| Service::<http::Request<Body>>::poll_ready(&mut router, cx))
                    .await
                    .map_err(never)?;
                router.call(request).await.map_err(never)
            }
            Transport::Tcp(addr) => {
                let transport = |e: &dyn fmt::Display| ClientError::Transport(format!("{addr}: {e}"));
                let stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| transport(&e))?;
                let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
                    .await
                    .map_err(|e| transport(&e))?;
                tokio::spawn(async move {
                    // Ends when the reply's body is read to its end or dropped.
                    let _ = connection.await;
                });
                let response = sender.send_request(request).await.map_err(|e| transport(&e))?;
                Ok(response.map(Body::new))
            }
        }
    }
}

fn never(e: std::convert::Infallible) -> ClientError {
    match e {}
}

/// Whether a reply is an event stream, as the clients check (`; charset=…` may follow).
pub(crate) fn is_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("text/event-stream"))
}

/// The signals without the local ones (keys starting with `_`, at any depth).
fn remote_signals(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => map
            .into_iter()
            .filter(|(key, _)| !key.starts_with('_'))
            .map(|(key, value)| (key, remote_signals(value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => other,
    }
}

/// Appends `text` as `URLSearchParams` writes a value: letters, digits and `*-._` as
/// they are, space as `+`, every other byte as `%XX`.
fn form_urlencode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
}

/// A whole reply: status, headers, body, and the events of an SSE body.
///
/// ```
/// use axum::{Router, routing::post};
/// use datastar_runtime::test::Client;
/// use datastar_runtime::{Dialect, Event, Reply};
/// use datastar_runtime::event::PatchSignals;
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let app = Router::new()
///     .route("/save", post(|| async { Reply(PatchSignals::raw("{\"saved\":true}")) }))
///     .layer(Dialect::V021);
/// let reply = Client::new(app).dialect(Dialect::V021).post("/save").send().await.unwrap();
/// assert_eq!(reply.header("content-type"), Some("text/event-stream"));
/// assert_eq!(reply.text(), "event: datastar-merge-signals\ndata: signals {\"saved\":true}\n\n");
/// assert_eq!(reply.events(), [Event::from(PatchSignals::raw("{\"saved\":true}"))]);
/// # });
/// ```
#[derive(Clone, Debug)]
pub struct TestResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    events: Vec<Event>,
}

impl TestResponse {
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

    /// The body's bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body as text (invalid UTF-8 replaced), such as a rejection's reason.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The events of an SSE reply, in order; none for any other reply.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Whether the reply is an event stream (`text/event-stream`).
    pub fn is_event_stream(&self) -> bool {
        is_event_stream(&self.headers)
    }
}

/// Why a test request failed.
///
/// ```
/// use datastar_runtime::test::{Client, ClientError};
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let err = Client::new(axum::Router::new()).get("/").header("bad name", "x").send().await.unwrap_err();
/// assert!(matches!(err, ClientError::Request(_)));
/// # });
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientError {
    /// The request could not be built (a header, the path, signals that do not serialise).
    Request(String),
    /// The connection failed or broke.
    Transport(String),
    /// The body could not be read to its end.
    Body(String),
    /// Nothing arrived in time.
    Timeout {
        /// What was awaited.
        waiting_for: &'static str,
        /// How long.
        after: Duration,
    },
    /// The SSE body is not what the dialect's encoder writes.
    Parse(ParseError),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Request(message) => write!(f, "the request cannot be built: {message}"),
            ClientError::Transport(message) => write!(f, "the connection failed: {message}"),
            ClientError::Body(message) => write!(f, "the body could not be read: {message}"),
            ClientError::Timeout { waiting_for, after } => {
                write!(f, "timed out after {after:?} waiting for {waiting_for}")
            }
            ClientError::Parse(error) => write!(f, "the event stream cannot be read: {error}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Parse(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ParseError> for ClientError {
    fn from(error: ParseError) -> Self {
        ClientError::Parse(error)
    }
}

#[cfg(test)]
mod tests {
    use axum::extract::Request as AxumRequest;
    use axum::routing::any;

    use super::*;
    use crate::event::PatchElements;
    use crate::extract::Signals;
    use crate::reply::Reply;
    use crate::test::TestServer;

    /// Echoes how the signals arrived: `METHOD query=… body=… header=… type=…`.
    fn echo() -> Router {
        Router::new().route(
            "/echo",
            any(|request: AxumRequest| async move {
                let (parts, body) = request.into_parts();
                let body = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
                let header = |name: &str| {
                    parts
                        .headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-")
                        .to_owned()
                };
                format!(
                    "{} query={} body={} header={} type={}",
                    parts.method,
                    parts.uri.query().unwrap_or("-"),
                    String::from_utf8_lossy(&body),
                    header("datastar-request"),
                    header("content-type"),
                )
            }),
        )
    }

    #[tokio::test]
    async fn each_generation_sends_signals_where_its_client_does() {
        let signals = serde_json::json!({"a": "b c", "_local": 1});
        let cases = [
            (
                Dialect::V1,
                Method::GET,
                "GET query=datastar=%7B%22a%22%3A%22b+c%22%7D body= ",
            ),
            (
                Dialect::V1,
                Method::DELETE,
                "DELETE query=datastar=%7B%22a%22%3A%22b+c%22%7D body= ",
            ),
            (Dialect::V1, Method::POST, "POST query=- body={\"a\":\"b c\"} "),
            (Dialect::V021, Method::DELETE, "DELETE query=- body={\"a\":\"b c\"} "),
            (
                Dialect::V019,
                Method::GET,
                "GET query=datastar=%7B%22a%22%3A%22b+c%22%7D body= ",
            ),
            (Dialect::FRAGMENT_2024, Method::PUT, "PUT query=- body={\"a\":\"b c\"} "),
        ];
        for (dialect, method, expected) in cases {
            let reply = Client::new(echo())
                .dialect(dialect)
                .request(method.clone(), "/echo")
                .signals(&signals)
                .send()
                .await
                .unwrap();
            assert_eq!(
                reply.text(),
                format!("{expected}header=true type=application/json"),
                "{dialect} {method}"
            );
            assert!(reply.events().is_empty());
        }
    }

    #[tokio::test]
    async fn a_path_with_a_query_keeps_it_and_head_sends_signals_in_the_query() {
        let request = Client::new(Router::new())
            .request(Method::HEAD, "/x?a=1")
            .signals(&serde_json::json!({"k": 1}))
            .build()
            .unwrap();
        assert_eq!(request.uri(), "/x?a=1&datastar=%7B%22k%22%3A1%7D");
        let body = request.into_body().collect().await.unwrap().to_bytes();
        assert!(body.is_empty());
    }

    #[tokio::test]
    async fn the_signals_extractor_reads_what_the_client_sends_in_process_and_over_tcp() {
        let app = Router::new().route(
            "/hi",
            any(|Signals(s): Signals| async move { Reply(PatchElements::new(format!("<p id=\"hi\">{}</p>", s))) }),
        );
        let server = TestServer::start(app.clone()).await.unwrap();
        for client in [Client::new(app), server.client()] {
            for method in [Method::GET, Method::POST, Method::DELETE] {
                let reply = client
                    .request(method.clone(), "/hi?x=1")
                    .signals(&serde_json::json!({"n": [1, 2], "_skip": true}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(reply.status(), 200, "{client:?} {method}");
                assert_eq!(
                    reply.events(),
                    [Event::from(PatchElements::new("<p id=\"hi\">{\"n\":[1,2]}</p>"))]
                );
            }
        }
        server.stop().await.unwrap();
    }

    #[tokio::test]
    async fn a_rejection_keeps_its_status_and_reason_and_has_no_events() {
        let app = Router::new().route(
            "/typed",
            any(|Signals(n): Signals<u8>| async move { Reply(PatchElements::new(format!("<b id=\"n\">{n}</b>"))) }),
        );
        let reply = Client::new(app).post("/typed").signals("x").send().await.unwrap();
        assert_eq!(reply.status(), 400);
        assert!(!reply.is_event_stream());
        assert!(reply.text().contains("invalid type: string \"x\""), "{}", reply.text());
        assert_eq!(reply.events(), []);
    }

    #[tokio::test]
    async fn an_event_stream_the_dialect_cannot_read_is_a_typed_error() {
        let app = Router::new().route(
            "/odd",
            any(|| async {
                (
                    [(header::CONTENT_TYPE, "text/event-stream")],
                    "event: datastar-surprise\ndata: x y\n\n",
                )
            }),
        );
        let err = Client::new(app).get("/odd").send().await.unwrap_err();
        assert_eq!(
            err,
            ClientError::Parse(ParseError::UnknownEvent {
                dialect: Dialect::V1,
                name: "datastar-surprise".into()
            })
        );
    }

    #[tokio::test]
    async fn a_server_that_is_not_there_is_a_transport_error() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let err = Client::tcp(addr).get("/").send().await.unwrap_err();
        assert!(matches!(err, ClientError::Transport(_)), "{err}");
    }

    #[test]
    fn values_are_encoded_as_url_search_params_does() {
        let mut out = String::new();
        form_urlencode("{\"a b\":\"é&=+*-._~\"}", &mut out);
        assert_eq!(out, "%7B%22a+b%22%3A%22%C3%A9%26%3D%2B*-._%7E%22%7D");
    }

    #[test]
    fn local_signals_are_left_out_at_any_depth() {
        let signals = serde_json::json!({"a": 1, "_b": 2, "c": {"_d": 3, "e": [{"_f": 4}]}});
        assert_eq!(
            remote_signals(signals),
            serde_json::json!({"a": 1, "c": {"e": [{"_f": 4}]}})
        );
    }
}
