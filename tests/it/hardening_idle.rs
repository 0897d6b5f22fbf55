//! Connections that hold a socket without a request, over real TCP: zero bytes, part of
//! an HTTP/2 preface, HTTP/2 settings and no stream, and keep-alive connections after
//! their last request are closed after the stated timeouts, so a server at an open-file
//! limit of 1,024 serves good requests again; the connection cap makes newcomers wait;
//! an HTTP/1.1 request without exactly one `Host` gets 400.

use tests::hardening_support;
use tests::http_support;

use std::time::{Duration, Instant};

use axum::routing::get;
use datastar_runtime::server::Serve;
use datastar_runtime::test::TestServer;
use hardening_support::{ChildServer, GOAWAY, PREFACE, get as h2_get, preface, read_frame, send, serve_if_child};
use http_support::{Raw, within};
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Short, so the tests finish fast; production's defaults are 10 s and 60 s.
const HEAD_TIMEOUT: Duration = Duration::from_secs(1);
const IDLE_TIMEOUT: Duration = Duration::from_secs(1);

fn app() -> axum::Router {
    axum::Router::new().route("/ping", get(|| async { "pong" }))
}

/// Waits for the server to close `stream`, reading and dropping what it sends.
async fn closed_by_server(stream: &mut TcpStream) {
    let mut chunk = [0u8; 4096];
    while let Ok(n) = stream.read(&mut chunk).await {
        if n == 0 {
            break;
        }
    }
}

/// A good request, over a fresh connection.
async fn ping(addr: std::net::SocketAddr) -> String {
    let client = http_support::client();
    let response = client
        .get(format!("http://{addr}/ping"))
        .send()
        .await
        .expect("a response");
    assert_eq!(response.status(), 200);
    response.text().await.expect("the body")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_idle_sockets_at_an_open_file_limit_of_1024_are_closed_and_good_requests_get_through() {
    if serve_if_child(app(), |serve| {
        serve.head_timeout(HEAD_TIMEOUT).idle_timeout(IDLE_TIMEOUT)
    })
    .await
    {
        return;
    }
    const SOCKETS: usize = 1_014;
    let server = ChildServer::start(
        "hardening_idle::a_thousand_idle_sockets_at_an_open_file_limit_of_1024_are_closed_and_good_requests_get_through",
        Some(1_024),
    );
    let addr = server.addr;
    // A third each: nothing at all, half a preface, a preface and settings but no stream.
    let mut sockets = Vec::new();
    for n in 0..SOCKETS {
        let bytes = match n % 3 {
            0 => Vec::new(),
            1 => PREFACE[..10].to_vec(),
            _ => preface(65_535, 65_535),
        };
        sockets.push(send(addr, &bytes).await);
    }
    let opened = Instant::now();
    let closed = within("every idle socket to be closed", async {
        for socket in &mut sockets {
            closed_by_server(socket).await;
        }
        opened.elapsed()
    })
    .await;
    println!("{SOCKETS} idle sockets closed {closed:?} after they were opened (head timeout {HEAD_TIMEOUT:?})");
    // Still held by the clients, the sockets no longer count against the server's limit.
    assert_eq!(ping(addr).await, "pong");
    drop(sockets);
}

async fn start(configure: impl FnOnce(Serve<axum::Router>) -> Serve<axum::Router>) -> TestServer {
    TestServer::start_with(app(), configure).await.expect("a test server")
}

#[tokio::test]
async fn a_socket_without_a_request_is_closed_after_the_head_timeout() {
    let server = start(|serve| serve.head_timeout(HEAD_TIMEOUT)).await;
    let addr = server.addr();
    for bytes in [
        &b""[..],
        &PREFACE[..10],
        &preface(65_535, 65_535),
        b"GET /ping HTTP/1.1\r\nHo",
    ] {
        let mut socket = send(addr, bytes).await;
        let opened = Instant::now();
        within("the socket to be closed", closed_by_server(&mut socket)).await;
        let after = opened.elapsed();
        assert!(
            after >= HEAD_TIMEOUT - Duration::from_millis(50),
            "{bytes:?}: closed after {after:?}"
        );
    }
    server.shutdown().trigger();
}

#[tokio::test]
async fn keep_alive_connections_are_closed_after_the_idle_timeout_and_not_while_a_reply_runs() {
    let server = start(|serve| serve.idle_timeout(IDLE_TIMEOUT)).await;
    let addr = server.addr();
    // HTTP/1.1: one request, answered, then nothing.
    let mut raw = Raw::connect(addr).await;
    raw.send(b"GET /ping HTTP/1.1\r\nHost: test\r\n\r\n").await;
    assert!(raw.read_until("pong").await);
    let answered = Instant::now();
    raw.read_to_end().await;
    assert!(answered.elapsed() >= IDLE_TIMEOUT - Duration::from_millis(50));

    // HTTP/2: one stream, answered, then nothing: a GOAWAY, then the end.
    let mut client = send(addr, &[preface(65_535, 65_535), h2_get(1, "/ping")].concat()).await;
    let goaway = within("the GOAWAY", async {
        loop {
            match read_frame(&mut client).await {
                Some(frame) if frame.kind == GOAWAY => return true,
                Some(_) => {}
                None => return false,
            }
        }
    })
    .await;
    assert!(goaway, "closed without a GOAWAY");
    within("the end", closed_by_server(&mut client)).await;

    // A live stream is a request in flight: its connection stays past the idle timeout.
    let slow = axum::Router::new().route(
        "/feed",
        get(|| async {
            datastar_runtime::every(Duration::from_millis(100), || {
                datastar_runtime::event::PatchElements::new("<b id=\"t\">tick</b>")
            })
        }),
    );
    let feeds = TestServer::start_with(slow, |serve| {
        serve.idle_timeout(IDLE_TIMEOUT).head_timeout(HEAD_TIMEOUT)
    })
    .await
    .expect("a test server");
    let mut raw = Raw::connect(feeds.addr()).await;
    raw.get("/feed").await;
    assert!(
        raw.read_until_count("tick", (IDLE_TIMEOUT.as_millis() / 100 * 3) as usize)
            .await
    );
    server.shutdown().trigger();
}

#[tokio::test]
async fn at_the_connection_cap_newcomers_wait_and_are_served_when_a_connection_closes() {
    let server = start(|serve| serve.max_connections(2).head_timeout(Duration::ZERO)).await;
    let addr = server.addr();
    let first = send(addr, b"").await;
    let _second = send(addr, b"").await;
    let waiting = tokio::spawn(ping(addr));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!waiting.is_finished(), "served past the cap");
    drop(first);
    let answer = within("the waiting request", waiting).await.expect("task");
    assert_eq!(answer, "pong");
    server.shutdown().trigger();
}

#[tokio::test]
async fn an_http_1_1_request_without_exactly_one_host_gets_400() {
    let server = start(|serve| serve).await;
    let addr = server.addr();
    for (request, status) in [
        ("GET /ping HTTP/1.1\r\n\r\n", 400),
        ("GET /ping HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("GET /ping HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", 400),
        ("GET /ping HTTP/1.1\r\nHost: a\r\n\r\n", 200),
        ("GET /ping HTTP/1.0\r\n\r\n", 200),
    ] {
        let mut raw = Raw::connect(addr).await;
        raw.send(request.as_bytes()).await;
        let expected = if status == 400 { "Host header" } else { "pong" };
        assert!(raw.read_until(expected).await, "{request:?}: {}", raw.text());
        assert_eq!(raw.status(), Some(status), "{request:?}: {}", raw.text());
    }
    server.shutdown().trigger();
}
