//! Hostile clients on live feeds, over real TCP: a client that never reads is closed after
//! the server's write timeout while others are served; a thousand clients that vanish from
//! the demo's feeds mid-stream are all cleaned up; a half-closed connection ends its stream.

use tests::http_support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use std::sync::{Arc, Mutex as StdMutex};

use axum::routing::get;
use datastar_runtime::event::PatchElements;
use datastar_runtime::feed;
use datastar_runtime::test::TestServer;
use http_support::{DropGuard, HANG, drop_guard, within};
use tests::process::may_open;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const FEED: &str = "/v1/python/feed";

/// The demo, and what counts its open feeds.
fn demo_app(feed_period: Duration) -> (axum::Router, demo::OpenFeeds) {
    let config = demo::Config {
        feed_period,
        ..demo::Config::default()
    };
    let feeds = config.open_feeds.clone();
    (demo::app(config), feeds)
}

/// Waits until the demo has exactly `expected` feeds open; the count seen last otherwise.
async fn feeds_settle_at(feeds: &demo::OpenFeeds, expected: usize, deadline: Duration) -> usize {
    let start = Instant::now();
    loop {
        let open = feeds.count();
        if open == expected || start.elapsed() > deadline {
            return open;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Opens a feed and reads its first event; the stream is left unread after that.
async fn open_feed(stream: &mut TcpStream) {
    let request = format!("GET {FEED} HTTP/1.1\r\nHost: test\r\ndatastar-request: true\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("request");
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&received).contains("</span>") {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "the feed closed before its first event");
        received.extend_from_slice(&chunk[..n]);
    }
    assert!(
        received.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&received)
    );
}

/// A feed as fast as the connection takes it, of 64 KiB events, so that a client that
/// stops reading fills every buffer between it and the server within moments.
fn firehose(guard: Arc<StdMutex<Option<DropGuard>>>) -> axum::Router {
    axum::Router::new()
        .route(
            "/firehose",
            get(move || {
                let guard = guard.lock().expect("lock").take();
                async move {
                    let big = format!("<div id=\"big\">{}</div>", "x".repeat(64 * 1024));
                    feed(futures_util::stream::repeat_with(move || {
                        let _held = &guard;
                        PatchElements::new(big.clone())
                    }))
                }
            }),
        )
        .route("/ping", get(|| async { "pong" }))
}

#[tokio::test]
async fn a_client_that_never_reads_is_closed_after_the_write_timeout_and_others_are_served() {
    let timeout = Duration::from_millis(500);
    let (guard, dropped) = drop_guard();
    let app = firehose(Arc::new(StdMutex::new(Some(guard))));
    let server = TestServer::start_with(app, |serve| serve.write_timeout(timeout))
        .await
        .expect("a test server");
    let addr = server.addr();

    let mut stalled = TcpStream::connect(addr).await.expect("connect");
    stalled
        .write_all(b"GET /firehose HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .expect("request");
    let opened = Instant::now();
    // Never read: the buffers fill, the server's writes wait, and the timeout closes it.
    // Meanwhile everyone else is served as usual.
    let mut dropped = std::pin::pin!(dropped);
    let closed = within("the stalled client to be closed", async {
        loop {
            tokio::select! {
                _ = &mut dropped => return opened.elapsed(),
                () = tokio::time::sleep(Duration::from_millis(100)) => {
                    let pong = http_support::client().get(format!("http://{addr}/ping")).send().await.expect("ping");
                    assert_eq!(pong.text().await.expect("body"), "pong");
                }
            }
        }
    })
    .await;
    assert!(closed >= timeout, "closed after {closed:?}, before the timeout");
    // What the server had written is there to read, then the connection's end.
    let received = within("the stalled connection's end", async {
        let mut received = Vec::new();
        let _ = stalled.read_to_end(&mut received).await;
        received.len()
    })
    .await;
    assert!(received > 64 * 1024, "only {received} bytes arrived");
    println!(
        "never-reading client: stream dropped {closed:?} after it opened (write timeout {timeout:?}); \
         {} KiB were in the buffers",
        received / 1024
    );
    within("the server to stop", server.stop()).await.expect("serve");
}

#[tokio::test]
async fn a_thousand_clients_that_vanish_mid_stream_are_all_cleaned_up() {
    const CLIENTS: usize = 1000;
    if !may_open(2 * CLIENTS + 100) {
        return;
    }
    let (app, feeds) = demo_app(Duration::from_millis(200));
    let server = TestServer::start(app).await.expect("a test server");
    let addr = server.addr();

    let mut clients = Vec::with_capacity(CLIENTS);
    for batch in 0..CLIENTS / 100 {
        let opened = futures_util::future::join_all((0..100).map(|_| async move {
            let mut stream = TcpStream::connect(addr).await.expect("connect");
            open_feed(&mut stream).await;
            stream
        }));
        clients.extend(within(&format!("batch {batch} of feeds to open"), opened).await);
    }
    assert_eq!(feeds_settle_at(&feeds, CLIENTS, HANG).await, CLIENTS);

    // Half reset their connection (no FIN, as a killed process or a dropped route may),
    // half simply disappear with their socket closed under them.
    let vanished = Instant::now();
    for (n, stream) in clients.into_iter().enumerate() {
        if n % 2 == 0 {
            // A zero linger sends a reset at once and never blocks, the one use tokio allows.
            #[allow(deprecated)]
            stream.set_linger(Some(Duration::ZERO)).expect("linger");
        }
        drop(stream);
    }
    let left = feeds_settle_at(&feeds, 0, HANG).await;
    assert_eq!(left, 0, "{left} feeds outlived their clients");
    println!("{CLIENTS} vanished clients cleaned up in {:?}", vanished.elapsed());

    // Clients that vanish mid-request leave nothing either, and the server carries on.
    for _ in 0..100 {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream.write_all(b"GET /v1/python/fe").await.expect("write");
        #[allow(deprecated)]
        stream.set_linger(Some(Duration::ZERO)).expect("linger");
    }
    still_serving(addr).await;
    assert_eq!(feeds_settle_at(&feeds, 0, HANG).await, 0);
}

#[tokio::test]
async fn a_half_closed_connection_ends_its_stream() {
    let (app, feeds) = demo_app(Duration::from_millis(50));
    let server = TestServer::start(app).await.expect("a test server");
    let mut stream = TcpStream::connect(server.addr()).await.expect("connect");
    open_feed(&mut stream).await;
    assert_eq!(feeds.count(), 1);
    // The client says it will send nothing more and then reads nothing: the server takes
    // it as gone rather than streaming to a connection that is half there.
    stream.shutdown().await.expect("half close");
    assert_eq!(feeds_settle_at(&feeds, 0, HANG).await, 0);
    within("the server to close its half", async {
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest).await;
    })
    .await;
    still_serving(server.addr()).await;
}

/// A fresh client still gets a whole answer.
async fn still_serving(addr: SocketAddr) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /v1/python/target HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .expect("request");
    let text = within("an answer", async {
        let mut text = String::new();
        stream.read_to_string(&mut text).await.expect("read");
        text
    })
    .await;
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("datastar-patch-elements"), "{text}");
}
