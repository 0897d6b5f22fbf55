//! Serving and graceful shutdown: on the signal the server stops accepting, lets one-shot
//! replies finish, ends live streams after a whole event, and returns within a second.

use tests::http_support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use axum::routing::get;
use datastar_runtime::event::PatchElements;
use datastar_runtime::test::TestServer;
use datastar_runtime::{Dialect, Event, Reply, compression, feed, serve};
use futures_util::{StreamExt, stream};
use http_support::{HANG, ONE_SECOND_AND_SLACK, Raw, client, read_events, within};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

fn app(started: mpsc::UnboundedSender<()>) -> Router {
    Router::new()
        .route(
            "/feed",
            get(|| async {
                feed(stream::once(async { PatchElements::new("<span id=\"feed\">1</span>") }).chain(stream::pending()))
            }),
        )
        .route(
            "/slow",
            get(move || {
                let started = started.clone();
                async move {
                    let _ = started.send(());
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    Reply(PatchElements::new("<p id=\"slow\">done</p>"))
                }
            }),
        )
        .route(
            "/peer",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.ip().to_string() }),
        )
}

/// The feed's one event.
fn feed_value() -> Event {
    PatchElements::new("<span id=\"feed\">1</span>").into()
}

#[tokio::test]
async fn shutdown_ends_streams_cleanly_lets_one_shot_replies_finish_and_returns_within_a_second() {
    let (started_tx, mut started) = mpsc::unbounded_channel();
    let server = TestServer::start(app(started_tx)).await.expect("a test server");
    let addr = server.addr();

    let mut live = server.client().get("/feed").open().await.expect("feed");
    let first = live.next_event(HANG).await.expect("the first event");
    assert_eq!(first, Some(feed_value()));
    let slow = tokio::spawn(server.client().get("/slow").send());
    within("the slow handler to start", started.recv()).await;

    let signalled = Instant::now();
    server.stop().await.expect("serve");
    let took = signalled.elapsed();
    assert!(took < ONE_SECOND_AND_SLACK, "the server took {took:?} to stop");

    // The one-shot reply in flight was finished, not cut off.
    let slow = slow.await.expect("task").expect("the slow reply");
    assert_eq!(slow.status(), 200);
    assert_eq!(
        slow.events(),
        [Event::from(PatchElements::new("<p id=\"slow\">done</p>"))]
    );
    // The stream ended as a stream ends: no error, nothing after its last whole event.
    let rest = live.rest(HANG).await.expect("a clean end of the stream");
    assert_eq!(rest, []);
    // And nobody is listening any more.
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn shutdown_ends_http2_streams_cleanly_too() {
    let (started_tx, _started) = mpsc::unbounded_channel();
    let server = TestServer::start(app(started_tx)).await.expect("a test server");
    let h2 = reqwest::Client::builder()
        .no_proxy()
        .http2_prior_knowledge()
        .build()
        .expect("client");
    let mut live = h2.get(server.url("/feed")).send().await.expect("feed");
    assert_eq!(live.version(), reqwest::Version::HTTP_2);
    let first = read_events(&mut live, Dialect::V1, 1).await;
    assert_eq!(first, [feed_value()]);

    let signalled = Instant::now();
    server.stop().await.expect("serve");
    // Ended by the signal between two events, not cut off when the grace period ran out.
    assert!(
        signalled.elapsed() < Duration::from_millis(900),
        "took {:?}",
        signalled.elapsed()
    );
    let rest = within("the stream to end", live.text())
        .await
        .expect("a clean end of the HTTP/2 stream");
    assert_eq!(rest, "");
}

#[tokio::test]
async fn a_client_that_stops_reading_cannot_hold_the_server_past_its_grace_period() {
    let app = Router::new().route("/big", get(|| async { "x".repeat(64 << 20) }));
    let server = TestServer::start_with(app, |serve| serve.grace(Duration::from_millis(200)))
        .await
        .expect("a test server");
    let mut stuck = Raw::connect(server.addr()).await;
    stuck.get("/big").await;
    assert!(stuck.read_until("HTTP/1.1 200").await);
    let signalled = Instant::now();
    within("the server to give up on the stuck client", server.stop())
        .await
        .expect("serve");
    let took = signalled.elapsed();
    assert!(
        took >= Duration::from_millis(200),
        "the grace period was cut short: {took:?}"
    );
    assert!(took < ONE_SECOND_AND_SLACK, "the server took {took:?} to stop");
}

#[tokio::test]
async fn serve_works_with_tower_layers_and_gives_handlers_the_peer_address() {
    let (started, _) = mpsc::unbounded_channel();
    let tagged = app(started)
        .layer(compression::layer())
        .layer(axum::middleware::map_response(
            |mut response: axum::response::Response| async move {
                response
                    .headers_mut()
                    .insert("x-layer", http::HeaderValue::from_static("yes"));
                response
            },
        ));
    let server = TestServer::start(tagged).await.expect("a test server");
    let mut response = client()
        .get(server.url("/feed"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("response");
    assert_eq!(response.headers()["x-layer"], "yes");
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert!(response.chunk().await.expect("chunk").is_some());
    let peer = client().get(server.url("/peer")).send().await.expect("response");
    assert_eq!(peer.text().await.expect("body"), "127.0.0.1");
}

#[tokio::test]
async fn sigterm_shuts_the_server_down() {
    // The only server in this test binary that listens for signals, so the signal reaches
    // no other test's server; once it listens, SIGTERM no longer ends the process.
    let (started, _) = mpsc::unbounded_channel();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(serve(app(started)).listener(listener).into_future());
    let response = client()
        .get(format!("http://{addr}/peer"))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &std::process::id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    within("the server to stop on SIGTERM", server)
        .await
        .expect("task")
        .expect("serve");
}
