//! A hundred clients that open the demo's fastest feed and never read it: the real demo
//! binary's memory rises while the socket buffers fill, then stays flat, because nothing
//! more is produced for a connection that cannot take it.

use std::net::SocketAddr;
use std::time::Duration;

use tests::process::rss_kib;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::binary::{self, Running};

const CLIENTS: usize = 100;

/// Opens the feed and reads its response head, then never reads again.
async fn never_reading(addr: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    // A small receive window, as a stalled phone's might be, so the stall comes sooner.
    socket.set_recv_buffer_size(4096).expect("receive buffer");
    let mut stream = socket.connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /v1/python/feed HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .expect("request");
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).await.expect("the response head");
    assert_eq!(&head, b"HTTP/1.1 200");
    stream
}

#[tokio::test]
async fn a_hundred_clients_that_never_read_a_fast_feed_hold_bounded_memory() {
    let (child, addr) = binary::start_demo("1");
    let pid = child.id();
    let _child = Running(child);
    let idle = rss_kib(pid);

    let clients = futures_util::future::join_all((0..CLIENTS).map(|_| never_reading(addr))).await;
    // Sample while the buffers fill and after: the growth must stop.
    let mut samples = Vec::new();
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        samples.push(rss_kib(pid));
    }
    // The server still answers others promptly while holding the stalled clients.
    let mut other = TcpStream::connect(addr).await.expect("connect");
    other
        .write_all(b"GET /v1/python/target HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .expect("request");
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(10), other.read_to_string(&mut answer))
        .await
        .expect("an answer in time")
        .expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // The clients' buffers are full of events they never read: the feed did run.
    let mut waiting = vec![0u8; 1 << 20];
    let unread = clients[0].try_read(&mut waiting).unwrap_or(0);
    assert!(unread > 1024, "only {unread} bytes were sent to a stalled client");

    let peak = *samples.iter().max().expect("samples");
    let late_growth = samples[7].saturating_sub(samples[3]);
    let per_client = peak.saturating_sub(idle) / CLIENTS as u64;
    println!(
        "RSS of the demo with {CLIENTS} never-reading clients on a 1 ms feed, KiB: idle {idle}, \
         every 0.5 s {samples:?}; {per_client} KiB per client at the peak, {late_growth} KiB growth in the last 2 s; {unread} bytes waiting unread in one client's socket"
    );
    // Bounded: hyper's write buffer (at most ~400 KiB) is the most a connection can hold.
    assert!(per_client < 512, "{per_client} KiB per stalled client");
    // Flat: in the last two seconds, less than 10 KiB per client, where a feed that queued
    // for a stalled client would add about 140 KiB each.
    assert!(late_growth < 1024, "still growing: {samples:?}");
    drop(clients);
}
