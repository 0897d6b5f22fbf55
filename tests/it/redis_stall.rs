//! The demo with `--pubsub` while its Redis is frozen (SIGSTOP: connections open, nothing
//! answers): ten PUTs at once each get a clear error within the stated bound instead of
//! queueing behind each other, and Redis's return serves them again.

use tests::http_support;
use tests::redis_support;

use std::time::{Duration, Instant};

use datastar_runtime::Dialect;
use datastar_runtime::event::EventKind;
use datastar_runtime::test::TestServer;
use http_support::within;
use redis_support::RedisServer;

/// The bound SECURITY.md states for a command to a Redis that does not answer: one
/// second, plus slack for a loaded two-core machine.
const BOUND: Duration = Duration::from_millis(2_000);

/// A Node page's PUT of `input`: the HTML of the one patch it gets back, and how long it took.
async fn put(server: &TestServer, input: String) -> (String, Duration) {
    let started = Instant::now();
    let reply = server
        .client()
        .dialect(Dialect::V019)
        .put("/node/put")
        .signals_json(format!(r#"{{"input":"{input}"}}"#))
        .send()
        .await
        .expect("a reply");
    assert_eq!(reply.status(), 200);
    let html = match reply.events() {
        [event] => match &event.kind {
            EventKind::PatchElements(patch) => patch.elements.to_string(),
            other => panic!("not a patch: {other:?}"),
        },
        other => panic!("not one event: {other:?}"),
    };
    (html, started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_puts_during_a_redis_stall_each_fail_fast_with_a_clear_error() {
    let redis = RedisServer::start("redis_stall::ten_puts").await;
    let flags = ["--pubsub", &redis.url()].map(String::from);
    let demo::Command::Serve { config, .. } = demo::parse_args(flags, |_| None).expect("valid flags") else {
        panic!("expected a configuration");
    };
    let server = TestServer::start(demo::app(config)).await.expect("a test server");
    let (stored, _) = put(&server, "before".to_owned()).await;
    assert!(!stored.contains("Not stored"), "{stored}");

    redis.pause();
    let puts = (0..10).map(|n| put(&server, format!("during {n}")));
    let answers = futures_util::future::join_all(puts).await;
    let slowest = answers.iter().map(|(_, took)| *took).max().expect("ten");
    println!("ten PUTs during a Redis stall: the slowest answered after {slowest:?}");
    for (text, took) in &answers {
        assert!(
            text.contains("Not stored: Redis did not answer in time"),
            "not a clear error: {text}"
        );
        assert!(*took < BOUND, "answered after {took:?}, over {BOUND:?}");
    }

    redis.resume();
    let stored = within("a PUT stored again", async {
        loop {
            let (text, _) = put(&server, "after".to_owned()).await;
            if !text.contains("Not stored") {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    assert!(stored.contains("Your input: after"), "{stored}");
}
