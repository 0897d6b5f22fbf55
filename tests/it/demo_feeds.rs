//! The demo's feeds end when their page goes away: over real TCP, a client reads a few
//! values and hangs up, and the feed it opened is gone soon after.

use std::time::Duration;

use datastar_runtime::server::Shutdown;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Polls `feeds` until it counts `expected`, for up to three seconds.
async fn wait_for_open_feeds(feeds: &demo::OpenFeeds, expected: usize) -> usize {
    for _ in 0..300 {
        if feeds.count() == expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    feeds.count()
}

/// Opens a feed and reads until `events` events have arrived; the connection stays open.
async fn open_feed(addr: std::net::SocketAddr, path: &str, events: usize) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path}?datastar=%7B%7D HTTP/1.1\r\nHost: {addr}\r\ndatastar-request: true\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut seen = Vec::new();
    let mut chunk = [0u8; 1024];
    while seen
        .windows(b"id=\"feed\"".len())
        .filter(|w| w == b"id=\"feed\"")
        .count()
        < events
    {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk))
            .await
            .expect("feed values keep coming")
            .expect("read");
        assert!(n > 0, "the server closed the feed: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&chunk[..n]);
    }
    stream
}

#[tokio::test]
async fn a_feed_ends_when_its_client_hangs_up() {
    let flags = ["--feed-ms", "20"].map(String::from);
    let demo::Command::Serve { config, .. } = demo::parse_args(flags, |_| None).expect("valid flags") else {
        panic!("expected a configuration");
    };
    let feeds = config.open_feeds.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let shutdown = Shutdown::new();
    let server = tokio::spawn(
        datastar_runtime::serve(demo::app(config))
            .listener(listener)
            .shutdown(shutdown.clone())
            .signals(false)
            .grace(Duration::from_secs(60))
            .into_future(),
    );
    assert_eq!(feeds.count(), 0);

    let node = open_feed(addr, "/node/feed", 3).await;
    let python = open_feed(addr, "/v1/python/feed", 3).await;
    assert_eq!(feeds.count(), 2);

    drop(node);
    assert_eq!(
        wait_for_open_feeds(&feeds, 1).await,
        1,
        "the /node/ feed outlived its client"
    );
    drop(python);
    assert_eq!(
        wait_for_open_feeds(&feeds, 0).await,
        0,
        "the /v1/python/ feed outlived its client"
    );

    // A feed still open when the server stops ends with it, so the server stops long before
    // its grace period (which only a connection that does not finish would wait out).
    let _kept = open_feed(addr, "/python/feed", 1).await;
    assert_eq!(feeds.count(), 1);
    shutdown.trigger();
    tokio::time::timeout(Duration::from_secs(20), server)
        .await
        .expect("the server stops before its grace period ends")
        .expect("server task")
        .expect("server");
    assert_eq!(wait_for_open_feeds(&feeds, 0).await, 0, "a feed outlived the server");
}
