//! Forged messages on a topic's channel, as anyone allowed to `PUBLISH` can send them,
//! through a real `redis-server`: two instances share a topic (each its own `Redis`
//! handle, so its own connections, as separate processes would have), an attacker
//! publishes beside them with raw commands, and every genuine message after the forgery
//! must still reach both instances within [`BOUND`]; a flood of forgeries must cost Redis
//! a bounded number of reads and the log a bounded number of lines.

use tests::http_support;
use tests::redis_support;

use std::time::{Duration, Instant};

use datastar_runtime::Broadcast;
use datastar_runtime::broadcast::{Message, Subscription};
use datastar_runtime::event::{Event, EventKind, PatchElements, codec};
use datastar_runtime::redis::{Redis, driver};
use futures_util::StreamExt;
use http_support::within;
use redis_support::RedisServer;

/// How long a genuine message may take to reach an instance after a forgery: the check
/// it may need waits at most 250 ms for the rate limit, plus one Redis round trip; the
/// rest is slack for a loaded test machine.
const BOUND: Duration = Duration::from_secs(2);

/// The number a forged message shows; never one a genuine message sends.
const FORGED: usize = 666;

/// One instance of an app: its own connections to the Redis server at `url`.
fn instance(url: &str, topic: &str) -> Broadcast {
    Redis::open(url).expect("a valid URL").broadcast(topic)
}

fn patch(n: usize) -> PatchElements {
    PatchElements::new(format!("<p id=\"n\">{n}</p>"))
}

/// A valid message body, as the publish script would carry it.
fn body(n: usize) -> Vec<u8> {
    codec::encode(&[Event::from(patch(n))])
}

/// The number in a message's `<p id="n">`.
fn number(message: &Message) -> usize {
    match &message.events()[0].kind {
        EventKind::PatchElements(patch) => patch
            .elements
            .trim_start_matches("<p id=\"n\">")
            .trim_end_matches("</p>")
            .parse()
            .expect("a number"),
        other => panic!("unexpected event {other:?}"),
    }
}

/// Reads `subscription` until it yields message `n`, within [`BOUND`] of `since`; returns
/// the numbers seen on the way and how long it took.
async fn arrives(subscription: &mut Subscription, n: usize, since: Instant) -> (Vec<usize>, Duration) {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::from_std(since + BOUND);
    let read = async {
        loop {
            let message = subscription.next().await.expect("the subscription stays open");
            seen.push(number(&message));
            if seen.last() == Some(&n) {
                return;
            }
        }
    };
    if tokio::time::timeout_at(deadline, read).await.is_err() {
        panic!("message {n} did not arrive within {BOUND:?} (saw {seen:?})");
    }
    (seen, since.elapsed())
}

/// Someone else with access to the same Redis: raw commands on a connection of its own.
struct Attacker {
    redis: Redis,
    /// The topic's hash, and its channel: the same name.
    key: String,
}

impl Attacker {
    fn new(url: &str, topic: &str) -> Attacker {
        Attacker {
            redis: Redis::open(url).expect("a valid URL"),
            key: format!("datastar:{topic}"),
        }
    }

    async fn field<T: driver::FromRedisValue>(&self, field: &str) -> T {
        self.redis
            .query(driver::cmd("HGET").arg(&self.key).arg(field))
            .await
            .expect("HGET")
    }

    async fn publish(&self, message: &[u8]) {
        let _: u64 = self
            .redis
            .query(driver::cmd("PUBLISH").arg(&self.key).arg(message))
            .await
            .expect("PUBLISH");
    }

    /// `epoch seq body`, published as the script would.
    async fn forge(&self, epoch: &str, seq: u64, body: &[u8]) {
        let mut message = format!("{epoch} {seq} ").into_bytes();
        message.extend_from_slice(body);
        self.publish(&message).await;
    }

    /// Waits until `count` connections listen on the channel.
    async fn wait_for_listeners(&self, count: usize) {
        within("the instances to subscribe", async {
            loop {
                let (_, listening): (String, usize) = self
                    .redis
                    .query(driver::cmd("PUBSUB").arg("NUMSUB").arg(&self.key))
                    .await
                    .expect("PUBSUB NUMSUB");
                if listening >= count {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await;
    }
}

/// Waits a little longer than a check takes, and says whether `broadcast` shows `n`.
async fn still_shows(broadcast: &Broadcast, n: usize) -> bool {
    tokio::time::sleep(Duration::from_millis(400)).await;
    broadcast.latest().map(|m| number(&m)) == Some(n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_huge_number_or_a_garbage_body_does_not_stop_genuine_messages() {
    let redis = RedisServer::start("redis_forged::huge_number").await;
    let (a, b) = (instance(&redis.url(), "forged"), instance(&redis.url(), "forged"));
    let (mut on_a, mut on_b) = (a.subscribe(), b.subscribe());
    let attacker = Attacker::new(&redis.url(), "forged");

    a.send(patch(1));
    arrives(&mut on_a, 1, Instant::now()).await;
    arrives(&mut on_b, 1, Instant::now()).await;

    // The live epoch, and the largest number there is: before, every genuine number after
    // it looked old to both instances until they restarted.
    let epoch: String = attacker.field("epoch").await;
    let seq: u64 = attacker.field("seq").await;
    attacker.forge(&epoch, u64::MAX, &body(FORGED)).await;
    // The same with a body that cannot be read, which used to move the number too...
    attacker.forge(&epoch, u64::MAX, b"not json").await;
    // ...and garbage under the very number the next genuine message gets.
    attacker
        .forge(&epoch, seq + 1, b"{\"v\":1,\"events\":[{\"type\":\"teleport\"}]}")
        .await;

    let sent = Instant::now();
    a.send(patch(2));
    let (seen_a, took_a) = arrives(&mut on_a, 2, sent).await;
    let (seen_b, took_b) = arrives(&mut on_b, 2, sent).await;
    eprintln!("after the forgeries, the genuine message reached A in {took_a:?} and B in {took_b:?}");
    assert_eq!(seen_a, [2], "A showed a forgery");
    assert_eq!(seen_b, [2], "B showed a forgery");

    // The other way round, after a flood: a thousand of each forgery.
    for _ in 0..1000 {
        attacker.forge(&epoch, u64::MAX, &body(FORGED)).await;
        attacker.forge(&epoch, u64::MAX, b"\xff\xfe").await;
    }
    let sent = Instant::now();
    b.send(patch(3));
    let (seen_a, took_a) = arrives(&mut on_a, 3, sent).await;
    let (seen_b, took_b) = arrives(&mut on_b, 3, sent).await;
    eprintln!("after 2,000 forgeries, the genuine message reached A in {took_a:?} and B in {took_b:?}");
    assert_eq!((seen_a, seen_b), (vec![3], vec![3]));
    assert!(still_shows(&a, 3).await && still_shows(&b, 3).await);
    let seq_now: u64 = attacker.field("seq").await;
    assert_eq!(seq_now, seq + 2, "two genuine messages since, two numbers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgery_before_any_genuine_message_cannot_pin_the_topic() {
    let redis = RedisServer::start("redis_forged::before_any").await;
    let (a, b) = (instance(&redis.url(), "early"), instance(&redis.url(), "early"));
    let (mut on_a, mut on_b) = (a.subscribe(), b.subscribe());
    let attacker = Attacker::new(&redis.url(), "early");
    attacker.wait_for_listeners(2).await;

    // No epoch exists yet: any guess, with the largest number, and an unreadable one.
    attacker.forge("0123456789abcdef", u64::MAX, &body(FORGED)).await;
    attacker.forge("0123456789abcdef", 1, b"{}").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(a.latest().is_none() && b.latest().is_none(), "a forgery was shown");

    let sent = Instant::now();
    a.send(patch(1));
    let (seen_a, took_a) = arrives(&mut on_a, 1, sent).await;
    let (seen_b, took_b) = arrives(&mut on_b, 1, sent).await;
    eprintln!("after a forgery first, the first genuine message reached A in {took_a:?} and B in {took_b:?}");
    assert_eq!((seen_a, seen_b), (vec![1], vec![1]));

    let sent = Instant::now();
    b.send(patch(2));
    arrives(&mut on_a, 2, sent).await;
    arrives(&mut on_b, 2, sent).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgery_within_the_window_lasts_only_until_the_next_genuine_message() {
    let redis = RedisServer::start("redis_forged::within_window").await;
    let (a, b) = (instance(&redis.url(), "window"), instance(&redis.url(), "window"));
    let (mut on_a, mut on_b) = (a.subscribe(), b.subscribe());
    let attacker = Attacker::new(&redis.url(), "window");

    a.send(patch(1));
    arrives(&mut on_a, 1, Instant::now()).await;
    arrives(&mut on_b, 1, Instant::now()).await;

    // A well-formed message a little ahead cannot be told from a genuine one: it is
    // shown (the documented limit without Redis access control)...
    let epoch: String = attacker.field("epoch").await;
    let seq: u64 = attacker.field("seq").await;
    attacker.forge(&epoch, seq + 1000, &body(FORGED)).await;
    arrives(&mut on_a, FORGED, Instant::now()).await;
    arrives(&mut on_b, FORGED, Instant::now()).await;

    // ...but the next genuine message, whose number now looks old, is checked and shown.
    let sent = Instant::now();
    b.send(patch(2));
    let (_, took_a) = arrives(&mut on_a, 2, sent).await;
    let (_, took_b) = arrives(&mut on_b, 2, sent).await;
    eprintln!("after a forgery within the window, the genuine message reached A in {took_a:?} and B in {took_b:?}");
    // And the ones after it follow as usual.
    let sent = Instant::now();
    a.send(patch(3));
    arrives(&mut on_a, 3, sent).await;
    arrives(&mut on_b, 3, sent).await;
    assert!(still_shows(&a, 3).await && still_shows(&b, 3).await);
}

/// How many `HGET`s the server has run.
async fn hgets(attacker: &Attacker) -> u64 {
    let stats: String = attacker
        .redis
        .query(driver::cmd("INFO").arg("commandstats"))
        .await
        .expect("INFO");
    stats
        .lines()
        .find_map(|line| line.strip_prefix("cmdstat_hget:calls="))
        .and_then(|rest| rest.split(',').next())
        .map_or(0, |calls| calls.parse().expect("a count"))
}

// One thread, so the test's log collector sees the listeners' events too.
#[tokio::test(flavor = "current_thread")]
async fn a_flood_of_forgeries_costs_a_bounded_number_of_reads_and_log_lines() {
    let (logs, _installed) = http_support::Logs::install();
    let redis = RedisServer::start("redis_forged::flood").await;
    let (a, b) = (instance(&redis.url(), "flood"), instance(&redis.url(), "flood"));
    let (mut on_a, mut on_b) = (a.subscribe(), b.subscribe());
    let attacker = Attacker::new(&redis.url(), "flood");
    a.send(patch(1));
    arrives(&mut on_a, 1, Instant::now()).await;
    arrives(&mut on_b, 1, Instant::now()).await;
    let epoch: String = attacker.field("epoch").await;
    let seq: u64 = attacker.field("seq").await;

    let (reads_before, logged_before) = (hgets(&attacker).await, logs.events().len());
    let started = Instant::now();
    // Each forgery needs a check: a number past the window, alternately under the live
    // epoch and another one, and every tenth one unreadable.
    for n in 0..3000u64 {
        let forged_epoch = if n % 2 == 0 { epoch.as_str() } else { "0123456789abcdef" };
        let body = if n % 10 == 0 { b"{".to_vec() } else { body(FORGED) };
        attacker.forge(forged_epoch, seq + 2000 + n, &body).await;
    }
    let sent = Instant::now();
    a.send(patch(2));
    let (seen_a, took_a) = arrives(&mut on_a, 2, sent).await;
    let (seen_b, took_b) = arrives(&mut on_b, 2, sent).await;
    let flood = started.elapsed();
    let reads = hgets(&attacker).await - reads_before;
    let logged: Vec<_> = logs.events().split_off(logged_before);
    eprintln!(
        "3,000 forgeries over {flood:?}: {reads} reads of the hash by the two instances, {} log lines; \
         the genuine message after them reached A in {took_a:?} and B in {took_b:?}",
        logged.len()
    );
    for event in &logged {
        eprintln!("{}: {}", event.level, event.message);
    }
    assert_eq!((seen_a, seen_b), (vec![2], vec![2]));
    // At most one check per instance every 250 ms, and one owed at the end.
    let bound = 2 * (u64::try_from(flood.as_millis() / 250).expect("short") + 2);
    assert!(reads <= bound, "{reads} reads in {flood:?} (bound {bound})");
    // The first refusal is told at once by each instance; the rest wait for the interval.
    assert!(
        logged.iter().all(|event| event.level == tracing::Level::WARN),
        "{logged:#?}"
    );
    assert!(
        (1..=2).contains(&logged.len()),
        "one warning per instance, not one per message: {logged:#?}"
    );
    assert!(
        logged.iter().all(|event| event.message.contains("refused=1 ")),
        "{logged:#?}"
    );
}
