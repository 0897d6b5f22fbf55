//! Streams out: one-shot replies as one full body, live replies event by event with
//! keep-alive comments while quiet, and a live stream dropped as soon as its client goes.

use tests::http_support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use datastar_runtime::context::KeepAlive;
use datastar_runtime::event::{ExecuteScript, PatchElements};
use datastar_runtime::server::Shutdown;
use datastar_runtime::test::TestServer;
use datastar_runtime::{Dialect, Event, Reply, feed};
use futures_util::{Stream, StreamExt, stream};
use http_support::{DropGuard, HANG, ONE_SECOND_AND_SLACK, Raw, drop_guard, dropped_within, read_events};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// A stream that owns `guard`, so dropping the stream drops the guard.
fn guarded<S: Stream + Send + 'static>(events: S, guard: DropGuard) -> impl Stream<Item = S::Item> + Send + 'static {
    events.map(move |item| {
        let _owned = &guard;
        item
    })
}

/// A place for a test to hand the next request's drop guard to its handler.
type Slot = Arc<Mutex<Option<DropGuard>>>;

fn take(slot: &Slot) -> DropGuard {
    slot.lock().expect("lock").take().expect("a guard for this request")
}

#[tokio::test]
async fn a_one_shot_reply_is_one_full_body_with_the_sse_headers() {
    let app = Router::new().route(
        "/two",
        get(|| async {
            Reply((
                PatchElements::new("<p id=\"a\">1</p>"),
                PatchElements::new("<p id=\"b\">2</p>").selector("#b"),
            ))
        }),
    );
    let server = TestServer::start(app).await.expect("a test server");
    let reply = server.client().get("/two").send().await.expect("reply");
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.header("content-type"), Some("text/event-stream"));
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
    // A known length: no streaming machinery for a reply that is complete at once.
    assert_eq!(
        reply.header("content-length"),
        Some(reply.body().len().to_string().as_str())
    );
    assert_eq!(
        reply.events(),
        [
            Event::from(PatchElements::new("<p id=\"a\">1</p>")),
            Event::from(PatchElements::new("<p id=\"b\">2</p>").selector("#b")),
        ]
    );
}

#[tokio::test]
async fn a_live_reply_sends_ready_events_then_each_event_as_it_comes_and_ends_with_its_stream() {
    let (tx, rx) = mpsc::unbounded_channel::<PatchElements>();
    let rx = Arc::new(Mutex::new(Some(rx)));
    let app = Router::new().route(
        "/live",
        get(move || {
            let rx = rx.lock().expect("lock").take().expect("one request");
            async move {
                let live = stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|e| (e, rx)) });
                Reply((PatchElements::new("<p id=\"first\">ready</p>"), feed(live)))
            }
        }),
    );
    let server = TestServer::start(app).await.expect("a test server");
    let mut live = server.client().get("/live").open().await.expect("reply");
    assert_eq!(live.header("content-type"), Some("text/event-stream"));
    assert!(live.headers().get("content-length").is_none());
    assert_eq!(
        live.next_event(HANG).await.expect("first event"),
        Some(Event::from(PatchElements::new("<p id=\"first\">ready</p>")))
    );
    // The next event exists only once the client has the first: nothing is batched.
    tx.send(PatchElements::new("<p id=\"n\">1</p>")).expect("send");
    assert_eq!(
        live.next_event(HANG).await.expect("second event"),
        Some(Event::from(PatchElements::new("<p id=\"n\">1</p>")))
    );
    drop(tx);
    // The body ends, with nothing after the last event.
    assert_eq!(live.next_event(HANG).await.expect("the end"), None);
}

#[tokio::test]
async fn keep_alive_comments_arrive_while_the_stream_is_quiet() {
    let app = Router::new()
        .route(
            "/quiet",
            get(|| async {
                feed(stream::once(async { PatchElements::new("<p id=\"a\">1</p>") }).chain(stream::pending()))
            }),
        )
        .layer(KeepAlive::every(Duration::from_millis(50)));
    let server = TestServer::start(app).await.expect("a test server");
    let mut raw = Raw::connect(server.addr()).await;
    raw.get("/quiet").await;
    assert!(raw.read_until("data: elements <p id=\"a\">1</p>\n\n").await);
    assert!(raw.read_until_count(": keep-alive\n", 3).await, "{}", raw.text());
    assert_eq!(KeepAlive::default().period, Some(Duration::from_secs(15)));
}

async fn dropped_after_disconnect(addr: SocketAddr, slot: Slot, path: &str) {
    let (guard, dropped) = drop_guard();
    *slot.lock().expect("lock") = Some(guard);
    let mut raw = Raw::connect(addr).await;
    raw.get(path).await;
    assert!(raw.read_until("\n\n").await, "{}", raw.text());
    drop(raw);
    assert!(
        dropped_within(dropped, ONE_SECOND_AND_SLACK).await,
        "the stream outlived its client by more than a second"
    );
}

fn idle_and_busy_routes(slot: &Slot) -> Router {
    let idle = slot.clone();
    let busy = slot.clone();
    Router::new()
        .route(
            "/idle",
            get(move || {
                let guard = take(&idle);
                async move {
                    let events =
                        stream::once(async { PatchElements::new("<p id=\"a\">1</p>") }).chain(stream::pending());
                    feed(guarded(events, guard))
                }
            }),
        )
        .route(
            "/busy",
            get(move || {
                let guard = take(&busy);
                async move {
                    let ticks = stream::unfold((), |()| async {
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        Some((PatchElements::new("<p id=\"t\">tick</p>"), ()))
                    });
                    feed(guarded(ticks, guard))
                }
            }),
        )
}

#[tokio::test]
async fn an_idle_stream_is_dropped_within_a_second_of_the_client_closing_the_connection() {
    let slot = Slot::default();
    let server = TestServer::start(idle_and_busy_routes(&slot))
        .await
        .expect("a test server");
    dropped_after_disconnect(server.addr(), slot, "/idle").await;
}

#[tokio::test]
async fn a_busy_stream_is_dropped_within_a_second_of_the_client_closing_the_connection() {
    let slot = Slot::default();
    let server = TestServer::start(idle_and_busy_routes(&slot))
        .await
        .expect("a test server");
    dropped_after_disconnect(server.addr(), slot, "/busy").await;
}

#[tokio::test]
async fn the_same_holds_under_plain_axum_serve() {
    let slot = Slot::default();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    // Plain axum, with the runtime's shutdown as a layer, as an app on axum's server has it.
    let shutdown = Shutdown::new();
    let app = idle_and_busy_routes(&slot).layer(shutdown.clone());
    let signal = shutdown.triggered();
    tokio::spawn(async move { axum::serve(listener, app).with_graceful_shutdown(signal).await });
    dropped_after_disconnect(addr, slot, "/idle").await;
    shutdown.trigger();
}

#[tokio::test]
async fn an_idle_stream_is_dropped_when_an_http2_client_cancels_the_request() {
    let slot = Slot::default();
    let (guard, dropped) = drop_guard();
    *slot.lock().expect("lock") = Some(guard);
    let server = TestServer::start(idle_and_busy_routes(&slot))
        .await
        .expect("a test server");
    let h2 = reqwest::Client::builder()
        .no_proxy()
        .http2_prior_knowledge()
        .build()
        .expect("client");
    let mut response = h2.get(server.url("/idle")).send().await.expect("response");
    assert_eq!(response.version(), http::Version::HTTP_2);
    read_events(&mut response, Dialect::V1, 1).await;
    drop(response);
    assert!(
        dropped_within(dropped, ONE_SECOND_AND_SLACK).await,
        "the HTTP/2 stream outlived its request"
    );
    drop(h2);
}

#[tokio::test]
async fn an_event_the_dialect_cannot_express_is_skipped_and_the_stream_goes_on() {
    let app = Router::new()
        .route(
            "/mixed",
            get(|| async {
                let events: Vec<datastar_runtime::Event> = vec![
                    ExecuteScript::new("alert(1)").into(),
                    PatchElements::new("<p id=\"a\">after</p>").into(),
                ];
                feed(stream::iter(events))
            }),
        )
        .layer(Dialect::FRAGMENT_2024);
    let server = TestServer::start(app).await.expect("a test server");
    let reply = server
        .client()
        .dialect(Dialect::FRAGMENT_2024)
        .get("/mixed")
        .send()
        .await
        .expect("reply");
    assert_eq!(
        reply.events(),
        [Event::from(PatchElements::new("<p id=\"a\">after</p>"))]
    );
}

#[tokio::test]
async fn a_departure_hyper_cannot_read_is_found_by_the_keep_alive_write() {
    // A client that pipelined a second request leaves bytes unread in the server's buffer,
    // so the server stops reading and cannot see the close; the next keep-alive write can.
    let slot = Slot::default();
    let (guard, dropped) = drop_guard();
    *slot.lock().expect("lock") = Some(guard);
    let app = idle_and_busy_routes(&slot).layer(KeepAlive::every(Duration::from_millis(100)));
    let server = TestServer::start(app).await.expect("a test server");
    let mut raw = Raw::connect(server.addr()).await;
    raw.send(b"GET /idle HTTP/1.1\r\nHost: test\r\n\r\nGET /idle HTTP/1.1\r\nHost: test\r\n\r\n")
        .await;
    assert!(raw.read_until("\n\n").await, "{}", raw.text());
    drop(raw);
    assert!(
        dropped_within(dropped, ONE_SECOND_AND_SLACK).await,
        "the keep-alive write did not find the closed connection"
    );
}

#[tokio::test]
async fn requests_and_streams_are_traced_at_debug_and_nothing_louder() {
    let (logs, _installed) = http_support::Logs::install();
    let slot = Slot::default();
    let (guard, dropped) = drop_guard();
    *slot.lock().expect("lock") = Some(guard);
    let server = TestServer::start(idle_and_busy_routes(&slot))
        .await
        .expect("a test server");
    let mut raw = Raw::connect(server.addr()).await;
    raw.get("/idle").await;
    assert!(raw.read_until("\n\n").await);
    drop(raw);
    assert!(dropped_within(dropped, ONE_SECOND_AND_SLACK).await);
    server.stop().await.expect("serve");

    let events = logs.events();
    let opened = events
        .iter()
        .find(|e| e.message.starts_with("stream opened"))
        .expect("a stream-opened event");
    assert_eq!(opened.level, tracing::Level::DEBUG);
    assert_eq!(opened.spans, ["connection", "request", "datastar.stream"], "{opened:?}");
    let gone = events
        .iter()
        .find(|e| e.message.starts_with("stream dropped"))
        .expect("a stream-dropped event");
    assert_eq!(gone.spans.last(), Some(&"datastar.stream"), "{gone:?}");
    // Only the server's own start and stop speak above debug.
    let loud: Vec<_> = events
        .iter()
        .filter(|e| e.level <= tracing::Level::INFO)
        .map(|e| e.message.split(' ').next().unwrap_or_default())
        .collect();
    assert_eq!(loud, ["listening", "shutting", "stopped"], "{events:#?}");
}
