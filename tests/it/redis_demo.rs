//! The demo with `--pubsub`: two instances on two ports share the Node pages' backend
//! state and one feed through a real `redis-server`, and the feed survives the loss of
//! the instance that was writing it.

use tests::http_support;
use tests::redis_support;

use std::collections::HashSet;

use datastar_runtime::event::{EventKind, PatchElements};
use datastar_runtime::test::{Client, Request, TestServer};
use datastar_runtime::{Dialect, Event};
use http_support::{HANG, within};
use redis_support::RedisServer;

async fn instance(redis: &RedisServer) -> TestServer {
    let flags = ["--pubsub", &redis.url(), "--feed-ms", "50"].map(String::from);
    let demo::Command::Serve { config, .. } = demo::parse_args(flags, |_| None).expect("valid flags") else {
        panic!("expected a configuration");
    };
    TestServer::start(demo::app(config)).await.expect("a test server")
}

/// A page of the Node example, at `/node/` (0.19) or `/v1/node/` (1.0).
fn page(server: &TestServer, path: &str) -> Client {
    let dialect = if path.starts_with("/v1/") {
        Dialect::V1
    } else {
        Dialect::V019
    };
    server.client().dialect(dialect)
}

/// The events of a successful reply from `request`.
async fn events(request: Request) -> Vec<Event> {
    let reply = request.send().await.expect("reply");
    assert_eq!(reply.status(), 200, "{}", reply.text());
    reply.events().to_vec()
}

/// The patch of the backend state `GET /get` sends first.
fn backend_state(state: &str) -> Event {
    PatchElements::new(format!("<div id=\"output2\">Backend State: {state}.</div>")).into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_put_on_one_instance_is_what_get_shows_on_another() {
    let redis = RedisServer::start("redis_demo::backend_state").await;
    let (a, b) = (instance(&redis).await, instance(&redis).await);
    let get = |server: &TestServer, path: &str| page(server, path).get(&format!("{path}/get"));

    assert_eq!(events(get(&b, "/node")).await[0], backend_state("{}"));
    let put = events(
        page(&a, "/node")
            .put("/node/put")
            .signals_json(r#"{"input":"héllo <b>"}"#),
    )
    .await;
    // Stored: no "Not stored" after the input.
    assert_eq!(
        put,
        [Event::from(PatchElements::new(
            "<div id=\"output\">Your input: héllo &lt;b&gt;, is 9 long.</div>"
        ))]
    );

    let shown = events(get(&b, "/node")).await;
    assert_eq!(
        shown[0],
        backend_state("{&quot;input&quot;:&quot;héllo &lt;b&gt;&quot;}")
    );
    // The 1.0 Node page keeps its own state, as without --pubsub.
    assert_eq!(events(get(&b, "/v1/node")).await[0], backend_state("{}"));
}

/// Reads `count` feed values from `path` on `server`.
async fn feed_values(server: &TestServer, path: &str, count: usize) -> Vec<String> {
    let mut live = page(server, path).get(path).open().await.expect("the feed");
    let values = live.next_events(count, HANG).await.expect("the feed's values");
    assert_eq!(values.len(), count, "the feed ended: {values:?}");
    values
        .iter()
        .map(|value| match &value.kind {
            EventKind::PatchElements(patch) => patch
                .elements
                .strip_prefix("<span id=\"feed\">")
                .and_then(|rest| rest.get(..16))
                .unwrap_or_else(|| panic!("not a feed value: {value:?}"))
                .to_owned(),
            other => panic!("not a feed value: {other:?}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_every_instance_shows_one_feed() {
    let redis = RedisServer::start("redis_demo::one_feed").await;
    let (a, b) = (instance(&redis).await, instance(&redis).await);
    let (on_a, on_b, on_b_v1) = tokio::join!(
        feed_values(&a, "/node/feed", 12),
        feed_values(&b, "/node/feed", 12),
        feed_values(&b, "/v1/node/feed", 12),
    );
    let a_set: HashSet<&String> = on_a.iter().collect();
    for (name, seen) in [("/node/ on B", &on_b), ("/v1/node/ on B", &on_b_v1)] {
        let common: Vec<&String> = seen.iter().filter(|v| a_set.contains(v)).collect();
        // Independent feeds would share nothing; one stream read at once shares nearly all
        // (less only by how much later one reader started than the other).
        assert!(
            common.len() >= 6,
            "{name} shares {} of 12 values with A: {seen:?} vs {on_a:?}",
            common.len()
        );
        let order_on_a: Vec<usize> = common
            .iter()
            .map(|v| on_a.iter().position(|a| a == *v).unwrap())
            .collect();
        assert!(order_on_a.windows(2).all(|w| w[0] < w[1]), "{name} saw another order");
    }
    let distinct: HashSet<&String> = on_a.iter().collect();
    assert_eq!(
        distinct.len(),
        on_a.len(),
        "one value per period, not one per instance: {on_a:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_goes_on_when_the_instance_writing_it_stops() {
    let redis = RedisServer::start("redis_demo::failover").await;
    let redis_client = datastar_runtime::redis::Redis::open(&redis.url()).expect("url");
    let holder = async || -> Option<String> {
        let lease = datastar_runtime::redis::driver::cmd("GET")
            .arg("demo:node-feed:leader")
            .clone();
        redis_client.query(&lease).await.expect("Redis answers")
    };
    // Alone, the first instance takes the lease and writes the feed.
    let a = instance(&redis).await;
    feed_values(&a, "/node/feed", 2).await;
    let first = holder().await.expect("a lease holder");
    let b = instance(&redis).await;
    feed_values(&b, "/node/feed", 2).await;
    assert_eq!(
        holder().await.as_ref(),
        Some(&first),
        "the lease changed hands while its holder lived"
    );

    within("the first instance to stop", a.stop()).await.expect("stopped");
    // The latest value at once, then three new ones: only a new writer can send them,
    // once the old lease has run out (one second at this period).
    feed_values(&b, "/node/feed", 4).await;
    let second = holder().await.expect("a lease holder");
    assert_ne!(second, first, "the stopped instance still holds the lease");
}
