//! HTTP/2 clients that hold replies, over real TCP: one that grants the largest window and
//! never reads holds a few MiB of the server's memory, whatever it opens, and is closed
//! after the write timeout; a stream the client grants no window is reset after it; a
//! client that reads is never cut off.

use tests::hardening_support;
use tests::http_support;

use std::time::{Duration, Instant};

use axum::routing::get;
use datastar_runtime::event::PatchElements;
use datastar_runtime::test::TestServer;
use datastar_runtime::{every, feed};
use hardening_support::{
    ChildServer, MAX_WINDOW, RST_STREAM, get as h2_get, preface, read_frame, send, serve_if_child,
};
use http_support::{HANG, within};
use tests::process::{open_files, rss_kib};

/// Short, so the tests finish fast; production's default is 30 s.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// The bound SECURITY.md states for one never-reading HTTP/2 connection.
const BOUND_PER_CONNECTION_KIB: u64 = 6 * 1024;

/// A feed as fast as the connection takes it, of small events (the costliest to queue,
/// per byte), so a client that does not read fills whatever the server would queue for
/// it within moments; and a feed every millisecond.
fn app() -> axum::Router {
    axum::Router::new()
        .route(
            "/firehose",
            get(|| async {
                feed(futures_util::stream::repeat_with(|| {
                    PatchElements::new("<span id=\"feed\">0123456789abcdef</span>")
                }))
            }),
        )
        .route(
            "/ticks",
            get(|| async { every(Duration::from_millis(1), || PatchElements::new("<b id=\"t\">tick</b>")) }),
        )
        .route(
            "/kib-ticks",
            get(|| async {
                let kib = format!("<b id=\"t\">{}</b>", "x".repeat(1024));
                every(Duration::from_millis(1), move || PatchElements::new(kib.clone()))
            }),
        )
}

#[tokio::test]
async fn a_client_with_the_largest_window_that_never_reads_200_streams_holds_a_few_mib_and_is_closed() {
    if serve_if_child(app(), |serve| serve.write_timeout(WRITE_TIMEOUT)).await {
        return;
    }
    const CONNECTIONS: usize = 2;
    const STREAMS: u32 = 200;
    let server = ChildServer::start(
        "hardening_h2::a_client_with_the_largest_window_that_never_reads_200_streams_holds_a_few_mib_and_is_closed",
        None,
    );
    let idle = rss_kib(server.pid());
    let files_before = open_files(server.pid());
    let mut request = preface(MAX_WINDOW, MAX_WINDOW);
    for n in 0..STREAMS {
        request.extend(h2_get(1 + 2 * n, "/firehose"));
    }
    let mut clients = Vec::new();
    for _ in 0..CONNECTIONS {
        clients.push(send(server.addr, &request).await);
    }
    let opened = Instant::now();
    // Sample until just before the timeout: everything the server queues is queued by then.
    let mut peak = idle;
    while opened.elapsed() < WRITE_TIMEOUT - Duration::from_millis(200) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        peak = peak.max(rss_kib(server.pid()));
    }
    let per_connection = (peak - idle) / CONNECTIONS as u64;
    println!(
        "never-reading HTTP/2 client, {STREAMS} streams, window 2^31-1: {per_connection} KiB per connection \
         (idle {idle} KiB, peak {peak} KiB)"
    );
    assert!(
        per_connection < BOUND_PER_CONNECTION_KIB,
        "{per_connection} KiB per connection, over the {BOUND_PER_CONNECTION_KIB} KiB bound"
    );
    // Closed without the client reading a byte: the server's descriptors go back to
    // what it had before the clients came.
    let closed = within("the never-reading connections to be closed", async {
        while open_files(server.pid()) > files_before {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        opened.elapsed()
    })
    .await;
    println!("closed {closed:?} after they opened (write timeout {WRITE_TIMEOUT:?})");
    assert!(closed >= WRITE_TIMEOUT, "closed after {closed:?}, before the timeout");
    drop(clients);
}

async fn start(write_timeout: Duration) -> TestServer {
    TestServer::start_with(app(), |serve| serve.write_timeout(write_timeout))
        .await
        .expect("a test server")
}

/// Reads frames until the server resets `stream`; what else came, by kind.
async fn until_reset(client: &mut tokio::net::TcpStream, stream: u32) -> Vec<u8> {
    let mut kinds = Vec::new();
    within("the stream's RST_STREAM", async {
        loop {
            let frame = read_frame(client).await.expect("the connection stays open");
            if frame.kind == RST_STREAM && frame.stream == stream {
                return;
            }
            kinds.push(frame.kind);
        }
    })
    .await;
    kinds
}

#[tokio::test]
async fn a_stream_the_client_grants_no_window_is_reset_after_the_write_timeout() {
    let timeout = Duration::from_millis(500);
    let server = start(timeout).await;
    let addr = server.addr();
    // No window at all: the first event can never leave.
    let mut client = send(addr, &[preface(0, 65_535), h2_get(1, "/ticks")].concat()).await;
    let opened = Instant::now();
    until_reset(&mut client, 1).await;
    assert!(opened.elapsed() >= timeout, "reset after {:?}", opened.elapsed());

    // A window for a few events, never replenished: they come, then the stream stalls.
    let mut client = send(addr, &[preface(200, 65_535), h2_get(1, "/ticks")].concat()).await;
    let kinds = until_reset(&mut client, 1).await;
    assert!(
        kinds.contains(&hardening_support::DATA),
        "no event came first: {kinds:?}"
    );
    // The connection lives on: a new stream is answered.
    tokio::io::AsyncWriteExt::write_all(&mut client, &h2_get(3, "/ticks"))
        .await
        .expect("write");
    let answered = within("the next stream's answer", async {
        loop {
            let frame = read_frame(&mut client).await.expect("open");
            if frame.stream == 3 {
                return frame.kind;
            }
        }
    })
    .await;
    assert_eq!(answered, hardening_support::HEADERS);
    server.shutdown().trigger();
}

#[tokio::test]
async fn a_client_that_reads_a_feed_longer_than_the_write_timeout_keeps_it() {
    let timeout = Duration::from_millis(300);
    let server = start(timeout).await;
    let addr = server.addr();
    let client = reqwest::Client::builder()
        .no_proxy()
        .http2_prior_knowledge()
        .timeout(HANG)
        .build()
        .expect("client");
    let mut response = client
        .get(format!("http://{addr}/kib-ticks"))
        .send()
        .await
        .expect("response");
    assert_eq!(response.version(), http::Version::HTTP_2);
    // A 1 ms feed of 1 KiB events exhausts the default window many times over: only
    // the client's window updates keep it going, and they must be enough.
    let started = Instant::now();
    let mut received = 0usize;
    while started.elapsed() < timeout * 5 {
        let chunk = within("the next event", response.chunk())
            .await
            .expect("the stream goes on")
            .expect("not ended");
        received += chunk.len();
    }
    assert!(received > 65_535, "only {received} bytes");
    server.shutdown().trigger();
}
