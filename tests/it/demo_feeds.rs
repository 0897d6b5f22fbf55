//! The demo's feeds end when their page goes away: over real TCP, a client reads a few
//! values and hangs up, and the feed it opened is gone soon after.

use std::time::Duration;

use datastar_runtime::Dialect;
use datastar_runtime::event::EventKind;
use datastar_runtime::test::{FeedResponse, TestServer};

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

/// Opens a feed as a page of `dialect` does and reads `events` values into `#feed`; the
/// connection stays open.
async fn open_feed(server: &TestServer, dialect: Dialect, path: &str, events: usize) -> FeedResponse {
    let mut page = server.client().dialect(dialect).get(path).open().await.expect("reply");
    let values = page
        .next_events(events, Duration::from_secs(5) * events as u32)
        .await
        .expect("feed values keep coming");
    assert_eq!(values.len(), events, "the server closed the feed: {values:?}");
    for value in &values {
        assert!(
            matches!(&value.kind, EventKind::PatchElements(patch) if patch.elements.contains("id=\"feed\"")),
            "{value:?}"
        );
    }
    page
}

#[tokio::test]
async fn a_feed_ends_when_its_client_hangs_up() {
    let flags = ["--feed-ms", "20"].map(String::from);
    let demo::Command::Serve { config, .. } = demo::parse_args(flags, |_| None).expect("valid flags") else {
        panic!("expected a configuration");
    };
    let feeds = config.open_feeds.clone();
    let server = TestServer::start_with(demo::app(config), |serve| serve.grace(Duration::from_secs(60)))
        .await
        .expect("a test server");
    assert_eq!(feeds.count(), 0);

    let node = open_feed(&server, Dialect::V019, "/node/feed", 3).await;
    let python = open_feed(&server, Dialect::V1, "/v1/python/feed", 3).await;
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
    let _kept = open_feed(&server, Dialect::V019, "/python/feed", 1).await;
    assert_eq!(feeds.count(), 1);
    tokio::time::timeout(Duration::from_secs(20), server.stop())
        .await
        .expect("the server stops before its grace period ends")
        .expect("server");
    assert_eq!(wait_for_open_feeds(&feeds, 0).await, 0, "a feed outlived the server");
}
