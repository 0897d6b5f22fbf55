//! Broadcasts through a real `redis-server`: several instances (each its own `Redis`
//! handle, so its own connections, as separate processes would have) share one ordered
//! stream, a late instance starts from the latest value, and a Redis restart neither
//! closes an open feed nor stops delivery once Redis is back.

use tests::http_support;
use tests::redis_support;

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use datastar_runtime::broadcast::{Message, Subscription};
use datastar_runtime::event::{EventKind, PatchElements};
use datastar_runtime::redis::Redis;
use datastar_runtime::test::{FeedResponse, TestServer};
use datastar_runtime::{Broadcast, Dialect, Event};
use futures_util::StreamExt;
use http_support::{HANG, within};
use redis_support::RedisServer;

/// One instance of an app: its own connections to the Redis server at `url`.
fn instance(url: &str, topic: &str) -> Broadcast {
    Redis::open(url).expect("a valid URL").broadcast(topic)
}

fn patch(n: usize) -> PatchElements {
    PatchElements::new(format!("<p id=\"n\">{n}</p>"))
}

/// The number in a message's `<p id="n">`.
fn number(message: &Message) -> usize {
    patch_number(&message.events()[0])
}

/// The number in an event's `<p id="n">`.
fn patch_number(event: &Event) -> usize {
    match &event.kind {
        EventKind::PatchElements(patch) => patch
            .elements
            .trim_start_matches("<p id=\"n\">")
            .trim_end_matches("</p>")
            .parse()
            .expect("a number"),
        other => panic!("unexpected event {other:?}"),
    }
}

/// Reads `subscription` until it yields message `n`; returns the numbers seen on the way.
async fn read_until(subscription: &mut Subscription, n: usize) -> (Vec<usize>, Message) {
    let mut seen = Vec::new();
    within(&format!("message {n}"), async {
        loop {
            let message = subscription.next().await.expect("the subscription stays open");
            seen.push(number(&message));
            if seen.last() == Some(&n) {
                return (seen, message);
            }
        }
    })
    .await
}

fn increasing(seen: &[usize]) -> bool {
    seen.windows(2).all(|w| w[0] < w[1])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_reach_every_instance_in_one_order_and_are_decoded_once_per_instance() {
    let redis = RedisServer::start("redis_broadcast::one_order").await;
    let a = instance(&redis.url(), "order");
    let b = instance(&redis.url(), "order");
    let (mut on_a, mut on_b1, mut on_b2) = (a.subscribe(), b.subscribe(), b.subscribe());

    for n in 1..=100 {
        a.send(patch(n));
        if n % 10 == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
    let (seen_a, _) = read_until(&mut on_a, 100).await;
    let (seen_b1, _) = read_until(&mut on_b1, 100).await;
    let (seen_b2, _) = read_until(&mut on_b2, 100).await;
    for seen in [&seen_a, &seen_b1, &seen_b2] {
        assert!(increasing(seen), "out of order: {seen:?}");
    }

    // The other way round, from the instance that only listened so far.
    b.send(patch(101));
    let (_, last_a) = read_until(&mut on_a, 101).await;
    let (_, last_b1) = read_until(&mut on_b1, 101).await;
    let (_, last_b2) = read_until(&mut on_b2, 101).await;
    assert_eq!(a.latest().map(|m| number(&m)), Some(101));

    // One message per instance, shared by its subscribers, encoded once per dialect.
    assert_eq!(last_b1.events().as_ptr(), last_b2.events().as_ptr());
    assert_eq!(
        last_b1.encoded(Dialect::V1).unwrap().as_ptr(),
        last_b2.encoded(Dialect::V1).unwrap().as_ptr()
    );
    assert_ne!(last_a.events().as_ptr(), last_b1.events().as_ptr());
    assert_eq!(
        last_a.encoded(Dialect::V019).unwrap(),
        last_b1.encoded(Dialect::V019).unwrap()
    );

    // Dropping an instance's broadcast ends its subscriptions, as in one process.
    drop(b);
    within("the subscription to end", async {
        assert!(on_b1.next().await.is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_instance_starts_from_the_latest_value() {
    let redis = RedisServer::start("redis_broadcast::late_instance").await;
    let a = instance(&redis.url(), "late");
    let mut on_a = a.subscribe();
    for n in 1..=3 {
        a.send(patch(n));
    }
    read_until(&mut on_a, 3).await;

    // Started after the messages were sent: it reads the latest at once, not a blank page.
    let late = instance(&redis.url(), "late");
    let mut on_late = late.subscribe();
    let first = within("the latest value", on_late.next()).await.expect("open");
    assert_eq!(number(&first), 3);

    // Another topic on the same server is another stream.
    let other = instance(&redis.url(), "other");
    other.send(patch(7));
    read_until(&mut other.subscribe(), 7).await;
    let next = within("the next value", async {
        a.send(patch(4));
        on_late.next().await.expect("open")
    })
    .await;
    assert_eq!(number(&next), 4, "a message of another topic leaked into this one");
}

async fn feed(State(broadcast): State<Broadcast>) -> Subscription {
    broadcast.subscribe()
}

/// Reads the page's feed until message `n`, adding the numbers it shows to `seen`.
async fn read_feed_until(page: &mut FeedResponse, seen: &mut Vec<usize>, n: usize) {
    while seen.last() != Some(&n) {
        let event = page
            .next_event(HANG)
            .await
            .unwrap_or_else(|e| panic!("message {n} on the open feed: {e}"))
            .expect("the feed stays open");
        seen.push(patch_number(&event));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_restart_keeps_feeds_open_and_delivery_resumes_without_reconnecting() {
    let mut redis = RedisServer::start("redis_broadcast::restart").await;
    let a = instance(&redis.url(), "restart");
    let b = instance(&redis.url(), "restart");
    let app: Router = Router::new().route("/feed", get(feed)).with_state(b.clone());
    let server = TestServer::start(app).await.expect("a test server");
    // Each wait is bounded, not the feed: it is meant to outlive the outage.
    let mut page = server.client().get("/feed").open().await.expect("the feed opens");
    let mut seen = Vec::new();

    a.send(patch(1));
    read_feed_until(&mut page, &mut seen, 1).await;

    redis.kill();
    // Sending neither blocks nor fails; the sending instance's own pages get the message.
    a.send(patch(2));
    within("local delivery during the outage", async {
        while a.latest().map(|m| number(&m)) != Some(2) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;

    // Back empty (no persistence): a new epoch, a count starting again at 1.
    redis.restart().await;
    // The message that waited is published, and reaches the other instance's open feed.
    read_feed_until(&mut page, &mut seen, 2).await;
    a.send(patch(3));
    read_feed_until(&mut page, &mut seen, 3).await;
    // And the other way round.
    b.send(patch(4));
    within("the other direction after the restart", async {
        while a.latest().map(|m| number(&m)) != Some(4) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    read_feed_until(&mut page, &mut seen, 4).await;

    assert_eq!(seen, [1, 2, 3, 4], "the page saw messages out of order");
    assert_eq!(b.subscribers(), 1, "the feed was reopened instead of kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_may_start_before_its_redis() {
    let mut redis = RedisServer::start("redis_broadcast::redis_later").await;
    redis.kill();
    let a = instance(&redis.url(), "later");
    let b = instance(&redis.url(), "later");
    let mut on_b = b.subscribe();
    a.send(patch(1));
    within("local delivery without Redis", async {
        while a.latest().map(|m| number(&m)) != Some(1) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    assert!(b.latest().is_none());

    redis.restart().await;
    read_until(&mut on_b, 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_that_stops_answering_is_noticed_and_rejoined() {
    let redis = RedisServer::start("redis_broadcast::unanswering").await;
    let a = instance(&redis.url(), "frozen");
    let b = instance(&redis.url(), "frozen");
    let mut on_b = b.subscribe();
    a.send(patch(1));
    read_until(&mut on_b, 1).await;

    // Nothing is closed, nothing answers: only the timeouts and the quiet-time ping see it.
    redis.pause();
    a.send(patch(2));
    within("local delivery while Redis does not answer", async {
        while a.latest().map(|m| number(&m)) != Some(2) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    // Long enough for the quiet subscription's ping to go unanswered.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    redis.resume();

    read_until(&mut on_b, 2).await;
    a.send(patch(3));
    let (seen, _) = read_until(&mut on_b, 3).await;
    assert!(increasing(&seen), "{seen:?}");
}
