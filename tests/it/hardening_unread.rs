//! Clients that stop reading a slow feed, over real TCP: a thousand HTTP/2 clients that
//! never read a one-second feed are closed once they leave the server's PING unanswered,
//! while a client that reads the same feed, sending nothing but its answers, keeps it.
//!
//! Nothing here is about HTTP/1.1: it has no question for the server to ask, and the TCP
//! state does not tell a client that stopped reading a slow feed from one that reads
//! (`datastar-runtime/src/server/unread.rs` has the measurements).

use tests::hardening_support;
use tests::http_support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::routing::get;
use datastar_runtime::event::PatchElements;
use datastar_runtime::server::Shutdown;
use datastar_runtime::{every, serve};
use hardening_support::{ACK, DATA, MAX_WINDOW, PING, SETTINGS, frame, get as h2_get, preface, read_frame, send};
use http_support::within;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// The demo's pace: one small event a second, about 95 bytes with its framing.
const PERIOD: Duration = Duration::from_secs(1);

/// Short, so the test finishes fast.
const BOUND: Duration = Duration::from_secs(4);

/// What closing a thousand connections may add to the bound on this two-core machine.
const SLACK: Duration = Duration::from_secs(2);

const CLIENTS: usize = 1000;

/// Counts a feed from its request until its reply is dropped.
struct Live(Arc<AtomicUsize>);

impl Live {
    fn new(count: &Arc<AtomicUsize>) -> Live {
        count.fetch_add(1, Ordering::SeqCst);
        Live(Arc::clone(count))
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn app(live: Arc<AtomicUsize>) -> axum::Router {
    axum::Router::new().route(
        "/feed",
        get(move || {
            let held = Live::new(&live);
            async move {
                every(PERIOD, move || {
                    let _held = &held;
                    PatchElements::new("<span id=\"feed\">tick</span>")
                })
            }
        }),
    )
}

/// Opens a feed over HTTP/2 with the largest window, so that flow control never stops it,
/// and reads up to its first event; nothing is read or sent after that.
async fn open_unread(addr: SocketAddr) -> TcpStream {
    let mut stream = send(addr, &[preface(MAX_WINDOW, MAX_WINDOW), h2_get(1, "/feed")].concat()).await;
    loop {
        let frame = read_frame(&mut stream).await.expect("the feed opens");
        if frame.kind == DATA && frame.stream == 1 {
            return stream;
        }
    }
}

/// What the reading client saw.
#[derive(Debug)]
struct Read {
    events: usize,
    pings: usize,
}

/// A client that reads the feed until `stop` and sends nothing but the answers the
/// protocol requires (to SETTINGS and PING): it is asked, and must be kept because it
/// answers, not because it said something on its own.
async fn read_until(addr: SocketAddr, stop: oneshot::Receiver<()>) -> Read {
    let mut stream = send(addr, &[preface(MAX_WINDOW, MAX_WINDOW), h2_get(1, "/feed")].concat()).await;
    let mut read = Read { events: 0, pings: 0 };
    let mut stop = std::pin::pin!(stop);
    loop {
        let next = tokio::select! {
            _ = &mut stop => return read,
            next = read_frame(&mut stream) => next,
        };
        let frame = next.unwrap_or_else(|| panic!("the reading client was closed after {read:?}"));
        match (frame.kind, frame.flags & ACK) {
            (DATA, _) if frame.stream == 1 => read.events += 1,
            (SETTINGS, 0) => stream.write_all(&frame_ack(SETTINGS, &[])).await.expect("write"),
            (PING, 0) => {
                read.pings += 1;
                stream.write_all(&frame_ack(PING, &frame.payload)).await.expect("write");
            }
            _ => {}
        }
    }
}

fn frame_ack(kind: u8, payload: &[u8]) -> Vec<u8> {
    frame(kind, ACK, 0, payload)
}

/// Waits until `live` falls to `target`; when the first feed ended, when the last did.
async fn feeds_fall_to(live: &AtomicUsize, from: usize, target: usize, deadline: Duration) -> (Instant, Instant) {
    let give_up = Instant::now() + deadline;
    let mut first = None;
    loop {
        let now = live.load(Ordering::SeqCst);
        if now < from && first.is_none() {
            first = Some(Instant::now());
        }
        if now <= target {
            let last = Instant::now();
            return (first.unwrap_or(last), last);
        }
        assert!(
            Instant::now() < give_up,
            "{} of {} never-reading feeds still open after {deadline:?}",
            now - target,
            from - target
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Fails the test unless the process may open `needed` descriptors.
fn enough_files(needed: usize) {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    let limit = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .and_then(|line| line.split_whitespace().nth(3)?.parse::<usize>().ok());
    if let Some(limit) = limit {
        assert!(
            limit >= needed,
            "this test needs {needed} open files and the soft limit is {limit}: raise it with `ulimit -n {needed}`"
        );
    }
}

/// A thousand never-reading HTTP/2 feeds and one reading feed against a server whose
/// unread timeout is `bound`; the reader reads for `reading`.
async fn never_reading_feeds_are_closed(bound: Duration, reading: Duration) {
    enough_files(2 * CLIENTS + 100);
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let shutdown = Shutdown::new();
    let live = Arc::new(AtomicUsize::new(0));
    let server = serve(app(Arc::clone(&live)))
        .listener(listener)
        .shutdown(shutdown.clone())
        .shutdown_on_signals(false)
        .unread_timeout(bound);
    let server = tokio::spawn(server.into_future());

    let (stop_reading, stop) = oneshot::channel();
    let started = Instant::now();
    let reader = tokio::spawn(read_until(addr, stop));
    let mut unread = Vec::with_capacity(CLIENTS);
    for batch in 0..CLIENTS / 100 {
        let opened = futures_util::future::join_all((0..100).map(|_| open_unread(addr)));
        unread.extend(within(&format!("batch {batch} of feeds to open"), opened).await);
    }
    let opened = started.elapsed();
    assert_eq!(live.load(Ordering::SeqCst), CLIENTS + 1, "every feed is open");

    let (first, last) = feeds_fall_to(&live, CLIENTS + 1, 1, opened + bound + SLACK).await;
    let first = first - started;
    let last = last - started;
    println!(
        "{CLIENTS} never-reading HTTP/2 feeds (one {PERIOD:?} feed each), unread timeout {bound:?}: \
         opened within {opened:?}; the first closed {first:?} and the last {last:?} after the first opened"
    );
    assert!(first >= bound, "a feed was closed after {first:?}, before the bound");
    assert!(
        last <= opened + bound + SLACK,
        "the last feed was closed {last:?} after the first opened"
    );

    // Closed without reading a byte; what was buffered is there to read, then the end.
    within(
        "the never-reading connections' ends",
        futures_util::future::join_all(unread.into_iter().map(|mut stream| async move {
            let mut rest = Vec::new();
            let _ = stream.read_to_end(&mut rest).await;
        })),
    )
    .await;

    // The reading client, asked the same question all along, is still there.
    if let Some(left) = reading.checked_sub(started.elapsed()) {
        tokio::time::sleep(left).await;
    }
    let read_for = started.elapsed();
    assert_eq!(live.load(Ordering::SeqCst), 1, "the reading feed is open");
    let _ = stop_reading.send(());
    let read = within("the reading client", reader).await.expect("reader");
    println!("the reading client kept its feed for {read_for:?}: {read:?}");
    assert!(
        read.pings >= 2,
        "the server asked the reading client too rarely: {read:?}"
    );
    let expected = (read_for.as_secs_f64() / PERIOD.as_secs_f64()) as usize;
    assert!(read.events + 2 >= expected, "{read:?} in {read_for:?}");

    shutdown.trigger();
    within("the server to stop", server)
        .await
        .expect("task")
        .expect("serve");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_http2_clients_that_never_read_a_slow_feed_are_closed_and_a_reading_one_is_not() {
    never_reading_feeds_are_closed(BOUND, 3 * BOUND).await;
}
