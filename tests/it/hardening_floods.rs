//! Floods that a single client's bounds do not stop, over real TCP, HTTP/1.1 and h2: request
//! bodies withheld by the thousand (the body memory), live feeds and idle sockets by the
//! thousand against an open-file limit of 1,024 (the connection cap, its shedding and the
//! live-reply limit), and request heads the server must refuse (`Content-Encoding`,
//! `Expect`).

use tests::hardening_support;
use tests::http_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::routing::{get, put};
use bytes::Bytes;
use datastar_runtime::event::PatchElements;
use datastar_runtime::test::TestServer;
use datastar_runtime::{Signals, every};
use futures_util::StreamExt;
use hardening_support::{ChildServer, PREFACE, preface, serve_if_child};
use http_support::within;
use tests::process::rss_kib;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The size a body declares; each attacker sends one byte less and waits.
const BODY: usize = 1 << 20;

fn app() -> axum::Router {
    axum::Router::new()
        .route("/ping", get(|| async { "pong" }))
        .route(
            "/put",
            put(|Signals(value): Signals<serde_json::Value>| async move { value.to_string() }),
        )
        .route(
            "/feed",
            get(|| async { every(Duration::from_secs(1), || PatchElements::new("<p id=\"tick\">tick</p>")) }),
        )
}

/// What the attackers' requests came to.
#[derive(Default)]
struct Outcomes {
    refused: AtomicUsize,
    other: AtomicUsize,
}

/// A PUT whose body is all but the last byte of `BODY`, then nothing: declared with its
/// length, or chunked.
async fn withhold(client: reqwest::Client, url: String, declared: bool, outcomes: Arc<Outcomes>) {
    let chunk = Bytes::from(vec![b' '; BODY - 1]);
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(chunk) })
        .chain(futures_util::stream::pending());
    let mut request = client.put(url).body(reqwest::Body::wrap_stream(body));
    if declared {
        request = request.header("content-length", BODY.to_string());
    }
    match request.send().await {
        Ok(response) if response.status() == 503 => {
            assert_eq!(response.headers()["retry-after"], "1");
            outcomes.refused.fetch_add(1, Ordering::Relaxed)
        }
        _ => outcomes.other.fetch_add(1, Ordering::Relaxed),
    };
}

/// The largest resident memory of `pid` over `period`, in KiB.
async fn peak_rss(pid: u32, period: Duration) -> u64 {
    let start = Instant::now();
    let mut peak = 0;
    while start.elapsed() < period {
        peak = peak.max(rss_kib(pid));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    peak
}

/// A small PUT and a GET over a fresh connection of `client`, each timed.
async fn good_requests(client: &reqwest::Client, base: &str) -> (Duration, Duration) {
    let started = Instant::now();
    let response = client
        .put(format!("{base}/put"))
        .header("content-type", "application/json")
        .body(r#"{"good":true}"#)
        .send()
        .await
        .expect("the good PUT is answered");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("its body"), r#"{"good":true}"#);
    let put = started.elapsed();
    let started = Instant::now();
    let response = client.get(format!("{base}/ping")).send().await.expect("the good GET");
    assert_eq!(response.text().await.expect("its body"), "pong");
    (put, started.elapsed())
}

fn h2_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .http2_prior_knowledge()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

fn h1_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .http1_only()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

/// Runs the attack, then checks the server's memory and a good request's time.
async fn bodies_withheld(test: &str, connections: usize, streams: usize, http2: bool) {
    let server = ChildServer::start(test, None);
    let base = format!("http://{}", server.addr);
    let before = rss_kib(server.pid());
    let outcomes = Arc::new(Outcomes::default());
    let mut attackers = Vec::new();
    for _ in 0..connections {
        // One HTTP/2 client is one connection carrying its streams; one HTTP/1.1 client
        // opens a connection per request in flight.
        let client = if http2 { h2_client() } else { h1_client() };
        for _ in 0..streams {
            let url = format!("{base}/put");
            attackers.push(tokio::spawn(withhold(
                client.clone(),
                url,
                http2,
                Arc::clone(&outcomes),
            )));
        }
    }
    // The bodies arrive while the peak is taken, well inside the 10 s body timeout.
    let peak = peak_rss(server.pid(), Duration::from_secs(5)).await;
    let good = if http2 { h2_client() } else { h1_client() };
    let (put_took, get_took) = good_requests(&good, &base).await;
    let refused = outcomes.refused.load(Ordering::Relaxed);
    println!(
        "{connections} x {streams} bodies of {} B withheld ({}): RSS {before} KiB before, peak {peak} KiB; \
         {refused} refused with 503 so far; a good PUT took {put_took:?}, a GET {get_took:?}",
        BODY - 1,
        if http2 {
            "h2, declared length"
        } else {
            "HTTP/1.1, chunked"
        }
    );
    assert!(peak <= 128 * 1024, "peak RSS {peak} KiB over 128 MiB");
    assert!(refused > 0, "no body was refused: the attack never reached the bound");
    assert!(put_took < Duration::from_secs(1), "the good PUT took {put_took:?}");
    assert!(get_took < Duration::from_secs(1), "the good GET took {get_took:?}");
    for attacker in attackers {
        attacker.abort();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h2_bodies_withheld_on_20_connections_of_100_streams_stay_under_128_mib_and_good_requests_answer_within_1_s() {
    const TEST: &str = "hardening_floods::h2_bodies_withheld_on_20_connections_of_100_streams_stay_under_128_mib_and_good_requests_answer_within_1_s";
    if serve_if_child(app(), |serve| serve).await {
        return;
    }
    bodies_withheld(TEST, 20, 100, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http1_bodies_withheld_on_1000_connections_stay_under_128_mib_and_good_requests_answer_within_1_s() {
    const TEST: &str = "hardening_floods::http1_bodies_withheld_on_1000_connections_stay_under_128_mib_and_good_requests_answer_within_1_s";
    if serve_if_child(app(), |serve| serve).await {
        return;
    }
    bodies_withheld(TEST, 1, 1_000, false).await;
}

/// A GET of `/ping` over a fresh connection, `None` if it was not answered within `limit`.
async fn ping(addr: std::net::SocketAddr, limit: Duration) -> Option<Duration> {
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(limit)
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let started = Instant::now();
    let response = client.get(format!("http://{addr}/ping")).send().await.ok()?;
    (response.text().await.ok()? == "pong").then(|| started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_an_open_file_limit_of_1024_with_1100_feeds_opened_a_good_request_is_served() {
    const TEST: &str =
        "hardening_floods::at_an_open_file_limit_of_1024_with_1100_feeds_opened_a_good_request_is_served";
    if serve_if_child(app(), |serve| serve).await {
        return;
    }
    let server = ChildServer::start(TEST, Some(1_024));
    let addr = server.addr;
    let mut feeds = Vec::new();
    for _ in 0..1_100 {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"GET /feed HTTP/1.1\r\nHost: test\r\n\r\n")
            .await
            .expect("write");
        feeds.push(stream);
    }
    let took = ping(addr, Duration::from_secs(20)).await;
    // What the feeds got: a stream, or a 503 saying the server holds as many as it may.
    let (mut streaming, mut refused) = (0, 0);
    for stream in &mut feeds {
        let mut head = [0u8; 12];
        if let Ok(Ok(12)) = tokio::time::timeout(Duration::from_millis(20), stream.read_exact(&mut head)).await {
            match &head[9..12] {
                b"200" => streaming += 1,
                b"503" => refused += 1,
                _ => {}
            }
        }
    }
    println!(
        "1,100 feeds at an open-file limit of 1,024: {streaming} streaming, {refused} refused with 503 (the rest waiting); \
         a good request took {took:?}"
    );
    let took = took.expect("the good request is served");
    assert!(took < Duration::from_secs(20));
    assert!(streaming > 0 && refused > 0, "{streaming} streaming, {refused} refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_idle_sockets_reopened_as_fast_as_they_close_for_60_s_at_least_95_percent_of_good_requests_are_served() {
    const TEST: &str = "hardening_floods::with_idle_sockets_reopened_as_fast_as_they_close_for_60_s_at_least_95_percent_of_good_requests_are_served";
    if serve_if_child(app(), |serve| serve).await {
        return;
    }
    const FLOOD: Duration = Duration::from_secs(60);
    let server = ChildServer::start(TEST, Some(1_024));
    let addr = server.addr;
    let until = Instant::now() + FLOOD;
    let reopened = Arc::new(AtomicUsize::new(0));
    let mut attackers = Vec::new();
    for n in 0..1_100 {
        let reopened = Arc::clone(&reopened);
        attackers.push(tokio::spawn(async move {
            // Nothing at all, half a preface, a preface and settings but no stream, a
            // partial HTTP/1 head: each kept open until the server closes it.
            let bytes = match n % 4 {
                0 => Vec::new(),
                1 => PREFACE[..10].to_vec(),
                2 => preface(65_535, 65_535),
                _ => b"GET /ping HTTP/1.1\r\nHost: te".to_vec(),
            };
            while Instant::now() < until {
                let Ok(Ok(mut stream)) = tokio::time::timeout(Duration::from_secs(1), TcpStream::connect(addr)).await
                else {
                    continue;
                };
                if stream.write_all(&bytes).await.is_err() {
                    continue;
                }
                let mut sink = [0u8; 256];
                let left = until.saturating_duration_since(Instant::now());
                let _ = tokio::time::timeout(left, async {
                    while let Ok(n) = stream.read(&mut sink).await {
                        if n == 0 {
                            break;
                        }
                    }
                })
                .await;
                reopened.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    // Let the flood fill the cap first.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (mut asked, mut served) = (0, 0);
    let mut slowest = Duration::ZERO;
    while Instant::now() + Duration::from_secs(2) < until {
        let tick = Instant::now();
        asked += 1;
        if let Some(took) = ping(addr, Duration::from_secs(2)).await {
            served += 1;
            slowest = slowest.max(took);
        }
        tokio::time::sleep(Duration::from_secs(1).saturating_sub(tick.elapsed())).await;
    }
    for attacker in attackers {
        attacker.abort();
    }
    println!(
        "idle flood of 1,100 sockets for {FLOOD:?} ({} closed by the server and reopened): {served}/{asked} good \
         requests served within 2 s, the slowest in {slowest:?}",
        reopened.load(Ordering::Relaxed)
    );
    assert!(served * 100 >= asked * 95, "{served}/{asked} served");
    assert!(reopened.load(Ordering::Relaxed) > 1_100, "the flood never cycled");
}

#[tokio::test]
async fn a_body_labelled_gzip_gets_415_and_an_unmet_expectation_417_over_http1_and_h2() {
    let server = TestServer::start(app()).await.expect("a test server");
    let addr = server.addr();
    let url = format!("http://{addr}/put");
    for (name, client) in [("HTTP/1.1", h1_client()), ("h2", h2_client())] {
        let put = |headers: &[(&'static str, &'static str)]| {
            let mut request = client.put(&url).body(r#"{"a":1}"#);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request.send()
        };
        let plain = put(&[]).await.expect("answered");
        assert_eq!(plain.status(), 200, "{name}");
        let labelled = put(&[("content-encoding", "gzip")]).await.expect("answered");
        assert_eq!(labelled.status(), 415, "{name}");
        let text = labelled.text().await.expect("the reason");
        assert!(text.contains("Content-Encoding: gzip"), "{name}: {text}");
        let identity = put(&[("content-encoding", "identity")]).await.expect("answered");
        assert_eq!(identity.status(), 200, "{name}");
        let expecting = put(&[("expect", "200-ok")]).await.expect("answered");
        assert_eq!(expecting.status(), 417, "{name}");
    }
    // `100-continue` is the expectation hyper meets: the client waits for its `100`.
    let mut raw = http_support::Raw::connect(addr).await;
    raw.send(b"PUT /put HTTP/1.1\r\nHost: t\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n")
        .await;
    assert!(raw.read_until("100 Continue").await, "{}", raw.text());
    raw.send(br#"{"a":1}"#).await;
    assert!(raw.read_until(r#"{"a":1}"#).await, "{}", raw.text());
    within("shutdown", server.stop()).await.expect("serve");
}
