//! SIGTERM to the real demo binary while one-shot requests and 1,000 streams are in flight:
//! every one-shot request completes, every stream ends cleanly between two events (the
//! chunked body's last chunk, nothing cut), and the process exits with success within a
//! second.

use std::io::Read;
use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use tests::process::may_open;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::binary;

const STREAMS: usize = 1000;
const ONE_SHOTS: usize = 20;
/// The brief's "within a second", with room for a loaded two-core machine.
const EXIT_WITHIN: Duration = Duration::from_millis(2000);
const HANG: Duration = Duration::from_secs(20);

/// Opens a feed, reads its first event, and returns the connection and what it read.
async fn open_stream(addr: SocketAddr, path: &str) -> (TcpStream, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\ndatastar-request: true\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("request");
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&received).contains("</span>") {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "{path} closed before its first event");
        received.extend_from_slice(&chunk[..n]);
    }
    (stream, received)
}

async fn read_to_end(mut stream: TcpStream, mut received: Vec<u8>) -> Vec<u8> {
    let _ = tokio::time::timeout(HANG, stream.read_to_end(&mut received)).await;
    received
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_one_shot_requests_ends_a_thousand_streams_cleanly_and_exits_within_a_second() {
    if !may_open(STREAMS + ONE_SHOTS + 100) {
        return;
    }
    let (mut child, addr) = binary::start_demo("100");

    // A thousand streams across the four pages' feeds, each past its first event.
    let paths = ["/node/feed", "/python/feed", "/v1/node/feed", "/v1/python/feed"];
    let mut streams = Vec::with_capacity(STREAMS);
    for batch in 0..STREAMS / 100 {
        let opened = futures_util::future::join_all((0..100).map(|n| open_stream(addr, paths[n % paths.len()])));
        let opened = tokio::time::timeout(HANG, opened)
            .await
            .unwrap_or_else(|_| panic!("batch {batch} of streams did not open"));
        streams.extend(opened);
    }
    let readers: Vec<_> = streams
        .into_iter()
        .map(|(stream, received)| tokio::spawn(read_to_end(stream, received)))
        .collect();

    // One-shot requests in flight: the head and half the body sent, the handler waiting.
    let body = br#"{"input":"finished after the signal"}"#;
    let (first, second) = body.split_at(body.len() / 2);
    let mut one_shots = Vec::with_capacity(ONE_SHOTS);
    for _ in 0..ONE_SHOTS {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        let head = format!(
            "PUT /node/put HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.expect("head");
        stream.write_all(first).await.expect("first half");
        one_shots.push(stream);
    }
    // Give the server a moment to have read every head, so each request is truly in flight.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let signalled = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let finishing: Vec<_> = one_shots
        .into_iter()
        .map(|mut stream| {
            tokio::spawn(async move {
                stream.write_all(second).await.expect("second half");
                read_to_end(stream, Vec::new()).await
            })
        })
        .collect();

    let status = tokio::task::spawn_blocking(move || {
        let status = child.wait().expect("wait");
        let mut out = String::new();
        let _ = child.stdout.take().expect("stdout").read_to_string(&mut out);
        (status, out, signalled.elapsed())
    });
    let (status, out, took) = tokio::time::timeout(HANG, status)
        .await
        .expect("the demo exits")
        .expect("wait");
    assert!(status.success(), "the demo exited with {status}: {out}");
    assert!(out.contains("demo: stopped"), "{out}");

    for (n, finishing) in finishing.into_iter().enumerate() {
        let answer = String::from_utf8(finishing.await.expect("task")).expect("UTF-8");
        assert!(answer.starts_with("HTTP/1.1 200"), "one-shot {n}: {answer}");
        assert!(
            answer.ends_with("Your input: finished after the signal, is 25 long.</div>\n\n"),
            "one-shot {n} was cut off: {answer}"
        );
    }
    let mut events = 0;
    for (n, reader) in readers.into_iter().enumerate() {
        let received = String::from_utf8(reader.await.expect("task")).expect("UTF-8");
        // The chunked body's last chunk, right after a whole event: a clean end.
        assert!(
            received.ends_with("\n\n\r\n0\r\n\r\n"),
            "stream {n} did not end cleanly: {:?}",
            &received[received.len().saturating_sub(200)..]
        );
        events += received.matches("</span>").count();
    }
    println!(
        "SIGTERM: exit after {took:?}; {ONE_SHOTS} one-shots completed; {STREAMS} streams ended cleanly ({events} events)"
    );
    assert!(took < EXIT_WITHIN, "the demo took {took:?} to exit");
}
