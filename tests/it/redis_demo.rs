//! The demo with `--pubsub`: two instances on two ports share the Node pages' backend
//! state and one feed through a real `redis-server`, and the feed survives the loss of
//! the instance that was writing it.

use tests::http_support;
use tests::redis_support;

use datastar_runtime::test::TestServer;
use std::collections::HashSet;

use http_support::within;
use redis_support::RedisServer;

async fn instance(redis: &RedisServer) -> TestServer {
    let flags = ["--pubsub", &redis.url(), "--feed-ms", "50"].map(String::from);
    let demo::Command::Serve { config, .. } = demo::parse_args(flags, |_| None).expect("valid flags") else {
        panic!("expected a configuration");
    };
    TestServer::start(demo::app(config)).await.expect("a test server")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().expect("client")
}

async fn text(request: reqwest::RequestBuilder) -> String {
    let response = within("the response", request.header("datastar-request", "true").send())
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    within("the body", response.text()).await.expect("body")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_put_on_one_instance_is_what_get_shows_on_another() {
    let redis = RedisServer::start("redis_demo::backend_state").await;
    let (a, b) = (instance(&redis).await, instance(&redis).await);
    let client = client();
    let get = |server: &TestServer, path: &str| client.get(server.url(&format!("{path}?datastar=%7B%7D")));

    assert!(text(get(&b, "/node/get")).await.contains("Backend State: {}."));
    let put = text(
        client
            .put(a.url("/node/put"))
            .header("content-type", "application/json")
            .body(r#"{"input":"héllo <b>"}"#),
    )
    .await;
    assert!(put.contains("Your input: héllo &lt;b&gt;, is 9 long."), "{put}");
    assert!(!put.contains("Not stored"), "{put}");

    let shown = text(get(&b, "/node/get")).await;
    assert!(
        shown.contains("Backend State: {&quot;input&quot;:&quot;héllo &lt;b&gt;&quot;}."),
        "{shown}"
    );
    // The 1.0 Node page keeps its own state, as without --pubsub.
    assert!(text(get(&b, "/v1/node/get")).await.contains("Backend State: {}."));
}

/// Reads `count` feed values from `path` on `server`.
async fn feed_values(server: &TestServer, path: &str, count: usize) -> Vec<String> {
    let mut response = within(
        "the feed",
        client()
            .get(server.url(&format!("{path}?datastar=%7B%7D")))
            .header("datastar-request", "true")
            .send(),
    )
    .await
    .expect("response");
    let mut text = String::new();
    let mut values = Vec::new();
    within(&format!("{count} feed values from {path}"), async {
        while values.len() < count {
            let chunk = response.chunk().await.expect("chunk").expect("the feed stays open");
            text.push_str(std::str::from_utf8(&chunk).expect("utf-8"));
            values = text
                .match_indices("<span id=\"feed\">")
                .map(|(at, tag)| text[at + tag.len()..at + tag.len() + 16].to_owned())
                .collect();
        }
    })
    .await;
    values
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
