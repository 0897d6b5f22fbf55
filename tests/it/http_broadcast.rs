//! Fan-out: one producer, many pages. A slow page skips to the newest message instead of
//! queueing or holding up the others; a late page gets the newest message at once.

use tests::http_support;

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use datastar_runtime::broadcast::Subscription;
use datastar_runtime::event::{EventKind, PatchElements};
use datastar_runtime::test::TestServer;
use datastar_runtime::{Broadcast, Dialect, Event};
use http_support::{HANG, ONE_SECOND_AND_SLACK, Raw, within};

async fn feed(State(broadcast): State<Broadcast>) -> Subscription {
    broadcast.subscribe()
}

fn app(broadcast: &Broadcast) -> Router {
    let page = Router::new().route("/feed", get(feed)).with_state(broadcast.clone());
    Router::new()
        .nest("/019", page.clone().layer(Dialect::V019))
        .merge(page)
}

async fn wait_for_subscribers(broadcast: &Broadcast, count: usize) {
    within(&format!("{count} subscribers"), async {
        while broadcast.subscribers() != count {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
}

/// The sequence number of a `<p id="n">` patch.
fn number(event: &Event) -> usize {
    match &event.kind {
        EventKind::PatchElements(patch) => match numbers(&patch.elements)[..] {
            [n] => n,
            ref more => panic!("{} numbers in one patch", more.len()),
        },
        other => panic!("not a patch: {other:?}"),
    }
}

/// The sequence numbers of the `<p id="n">` patches in `text`, in order.
fn numbers(text: &str) -> Vec<usize> {
    text.split("<p id=\"n\">")
        .skip(1)
        .map(|rest| rest.split(' ').next().and_then(|n| n.parse().ok()).expect("a number"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_subscriber_skips_to_the_newest_while_a_fast_one_is_not_held_up() {
    const MESSAGES: usize = 600;
    let broadcast = Broadcast::new();
    let server = TestServer::start(app(&broadcast)).await.expect("a test server");

    let mut slow = Raw::connect(server.addr()).await;
    slow.get("/feed").await;
    let mut fast = server.client().get("/feed").open().await.expect("reply");
    wait_for_subscribers(&broadcast, 2).await;

    // 64 KiB per message: the slow page's socket buffers fill after a few megabytes.
    let padding = "x".repeat(64 << 10);
    let producer = {
        let broadcast = broadcast.clone();
        tokio::spawn(async move {
            for n in 0..MESSAGES {
                broadcast.send(PatchElements::new(format!("<p id=\"n\">{n} {padding}</p>")));
                tokio::task::yield_now().await;
            }
        })
    };
    // The fast page reaches the last message while the slow one has not read a byte.
    let mut seen = Vec::new();
    within("the fast page to see the last message", async {
        while seen.last() != Some(&(MESSAGES - 1)) {
            let event = fast.next_event(HANG).await.expect("an event").expect("stream open");
            seen.push(number(&event));
        }
    })
    .await;
    producer.await.expect("producer");
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "the fast page saw messages out of order"
    );

    // Now the slow page reads: what it gets is in order, ends at the newest message, and
    // skips most of the ones it was too slow for.
    assert!(slow.read_until(&format!("<p id=\"n\">{} ", MESSAGES - 1)).await);
    let got = numbers(&slow.text());
    assert!(
        got.windows(2).all(|w| w[0] < w[1]),
        "the slow page saw messages out of order"
    );
    assert_eq!(got.last(), Some(&(MESSAGES - 1)));
    assert!(
        got.len() < MESSAGES / 2,
        "the slow page got {} of {MESSAGES} messages: it was queued, not skipped",
        got.len()
    );
}

fn patch(html: &str) -> Event {
    PatchElements::new(html.to_owned()).into()
}

#[tokio::test]
async fn a_late_subscriber_gets_the_newest_message_at_once() {
    let broadcast = Broadcast::new();
    let server = TestServer::start(app(&broadcast)).await.expect("a test server");
    for n in 1..=3 {
        broadcast.send(PatchElements::new(format!("<p id=\"n\">{n} </p>")));
    }
    let mut page = server.client().get("/feed").open().await.expect("reply");
    assert_eq!(
        page.next_event(HANG).await.expect("first"),
        Some(patch("<p id=\"n\">3 </p>"))
    );
    broadcast.send(PatchElements::new("<p id=\"n\">4 </p>"));
    assert_eq!(
        page.next_event(HANG).await.expect("next"),
        Some(patch("<p id=\"n\">4 </p>"))
    );
}

#[tokio::test]
async fn each_dialect_gets_its_own_encoding_of_the_same_message() {
    let broadcast = Broadcast::new();
    let server = TestServer::start(app(&broadcast)).await.expect("a test server");
    broadcast.send_all([
        PatchElements::new("<p id=\"n\">1 </p>"),
        PatchElements::new("<p id=\"m\">together</p>"),
    ]);
    // Each page reads its reply in its own generation's words: in the other's words
    // (`datastar-fragment` for 1.0, `datastar-patch-elements` for 0.19) it would not parse.
    let mut old = server
        .client()
        .dialect(Dialect::V019)
        .get("/019/feed")
        .open()
        .await
        .expect("reply");
    let mut new = server.client().get("/feed").open().await.expect("reply");
    let both = [patch("<p id=\"n\">1 </p>"), patch("<p id=\"m\">together</p>")];
    assert_eq!(old.next_events(2, HANG).await.expect("0.19 events"), both);
    assert_eq!(new.next_events(2, HANG).await.expect("1.0 events"), both);
}

#[tokio::test]
async fn a_page_that_leaves_is_unsubscribed_within_a_second() {
    let broadcast = Broadcast::new();
    let server = TestServer::start(app(&broadcast)).await.expect("a test server");
    broadcast.send(PatchElements::new("<p id=\"n\">1 </p>"));
    let mut page = server.client().get("/feed").open().await.expect("reply");
    assert_eq!(
        page.next_event(HANG).await.expect("an event"),
        Some(patch("<p id=\"n\">1 </p>"))
    );
    assert_eq!(broadcast.subscribers(), 1);
    drop(page);
    let gone = tokio::time::timeout(ONE_SECOND_AND_SLACK, async {
        while broadcast.subscribers() != 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    assert!(gone.is_ok(), "the subscription outlived its page");
}
