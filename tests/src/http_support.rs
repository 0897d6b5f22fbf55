//! What the HTTP tests share beside the test kit (`datastar_runtime::test`, whose
//! `TestServer` they serve with): a general HTTP client for what a Datastar page does not
//! send, raw TCP for the cases a polite client cannot make, drop guards that report when a
//! stream is gone, and a collector of what the runtime logs.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use datastar_runtime::test::parse;
use datastar_runtime::{Dialect, Event};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

/// Long enough that only a hang exceeds it, even on a loaded machine.
pub const HANG: Duration = Duration::from_secs(10);

/// The spec's "within a second", plus slack for a loaded two-core machine.
pub const ONE_SECOND_AND_SLACK: Duration = Duration::from_millis(2000);

/// A client that talks to the test server directly.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(HANG)
        .build()
        .expect("client")
}

/// Awaits `future`, failing the test if it hangs.
pub async fn within<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(HANG, future).await {
        Ok(output) => output,
        Err(_) => panic!("timed out waiting for {what}"),
    }
}

/// Held by a stream; reports when the stream is dropped.
pub struct DropGuard(Option<oneshot::Sender<()>>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        if let Some(tx) = self.0.take() {
            let _ = tx.send(());
        }
    }
}

/// A guard to move into a stream, and the receiver that completes when it is dropped.
pub fn drop_guard() -> (DropGuard, oneshot::Receiver<()>) {
    let (tx, rx) = oneshot::channel();
    (DropGuard(Some(tx)), rx)
}

/// Waits up to `deadline` for the guard's stream to be dropped.
pub async fn dropped_within(rx: oneshot::Receiver<()>, deadline: Duration) -> bool {
    matches!(tokio::time::timeout(deadline, rx).await, Ok(Ok(())))
}

/// HTTP/1.1 spoken by hand over TCP.
pub struct Raw {
    /// The connection.
    pub stream: TcpStream,
    /// Everything read from it so far.
    pub received: Vec<u8>,
}

impl Raw {
    /// Connects to `addr`.
    pub async fn connect(addr: SocketAddr) -> Raw {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        Raw {
            stream,
            received: Vec::new(),
        }
    }

    /// Writes `bytes` as they are.
    pub async fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).await.expect("write");
    }

    /// Sends a GET for `path` with the headers a Datastar client sends.
    pub async fn get(&mut self, path: &str) {
        let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\ndatastar-request: true\r\n\r\n");
        self.send(request.as_bytes()).await;
    }

    /// Reads until what was received contains `needle`; false if the connection closed first.
    pub async fn read_until(&mut self, needle: &str) -> bool {
        let needle = needle.as_bytes();
        within(
            &format!("`{}` to arrive", String::from_utf8_lossy(needle).escape_debug()),
            async {
                // Only the new bytes (and a needle's length before them) can hold a new match.
                let mut searched = 0usize;
                loop {
                    let from = searched.saturating_sub(needle.len());
                    if self.received[from..].windows(needle.len()).any(|w| w == needle) {
                        return true;
                    }
                    searched = self.received.len();
                    let mut chunk = [0u8; 64 * 1024];
                    match self.stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return false,
                        Ok(n) => self.received.extend_from_slice(&chunk[..n]),
                    }
                }
            },
        )
        .await
    }

    /// Reads until `needle` has arrived `count` times; false if the connection closed first.
    pub async fn read_until_count(&mut self, needle: &str, count: usize) -> bool {
        within(&format!("{count} times `{}`", needle.escape_debug()), async {
            loop {
                if self.text().matches(needle).count() >= count {
                    return true;
                }
                let mut chunk = [0u8; 16 * 1024];
                match self.stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => return false,
                    Ok(n) => self.received.extend_from_slice(&chunk[..n]),
                }
            }
        })
        .await
    }

    /// Reads until the server closes the connection.
    pub async fn read_to_end(&mut self) -> String {
        within("the connection to close", async {
            let mut rest = Vec::new();
            let _ = self.stream.read_to_end(&mut rest).await;
            self.received.extend_from_slice(&rest);
        })
        .await;
        self.text()
    }

    /// Everything received so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.received).into_owned()
    }

    /// The status code of the response received so far.
    pub fn status(&self) -> Option<u16> {
        let text = self.text();
        let line = text.lines().next()?;
        line.split(' ').nth(1)?.parse().ok()
    }
}

/// Reads a response body until it holds `count` complete events (blank-line terminated) or
/// ends, and reads them back with the test kit's parser in `dialect`: for replies the kit's
/// client does not fetch (over HTTP/2, with a body it does not send).
pub async fn read_events(response: &mut reqwest::Response, dialect: Dialect, count: usize) -> Vec<Event> {
    let mut body = Vec::new();
    within(&format!("{count} events"), async {
        while body.windows(2).filter(|w| w == b"\n\n").count() < count {
            match response.chunk().await.expect("body chunk") {
                Some(chunk) => body.extend_from_slice(&chunk),
                None => break,
            }
        }
    })
    .await;
    parse(dialect, &body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)))
}

/// One event a [`Logs`] collector saw: its level, the names of the spans it was in
/// (outermost first), and its message with its fields.
#[derive(Clone, Debug)]
pub struct Logged {
    /// Its level.
    pub level: tracing::Level,
    /// The spans it was in, outermost first.
    pub spans: Vec<&'static str>,
    /// Its message and fields.
    pub message: String,
}

#[derive(Default)]
struct LogState {
    next: u64,
    names: std::collections::HashMap<u64, &'static str>,
    stack: Vec<u64>,
    events: Vec<Logged>,
}

/// A minimal tracing subscriber that keeps every event, for tests of what the runtime logs.
/// Installed for the current thread, which is the whole runtime of a `#[tokio::test]`.
#[derive(Clone, Default)]
pub struct Logs(std::sync::Arc<std::sync::Mutex<LogState>>);

impl Logs {
    /// Collects this thread's events until the guard is dropped.
    pub fn install() -> (Logs, tracing::subscriber::DefaultGuard) {
        // With one registered dispatcher, tracing asks only the current thread's whether a
        // log call is wanted, and caches the answer: a call first reached by another
        // test's thread, which collects nothing, would stay off here too. A second one,
        // kept for the process, makes it ask every registered dispatcher.
        static SECOND: std::sync::OnceLock<tracing::Dispatch> = std::sync::OnceLock::new();
        SECOND.get_or_init(|| tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default()));
        let logs = Logs::default();
        let guard = tracing::subscriber::set_default(logs.clone());
        (logs, guard)
    }

    /// The events seen so far.
    pub fn events(&self) -> Vec<Logged> {
        self.0.lock().expect("lock").events.clone()
    }
}

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0.insert_str(0, &format!("{value:?}"));
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
}

impl tracing::Subscriber for Logs {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut state = self.0.lock().expect("lock");
        state.next += 1;
        let id = state.next;
        state.names.insert(id, span.metadata().name());
        tracing::span::Id::from_u64(id)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        let mut state = self.0.lock().expect("lock");
        let spans = state.stack.iter().map(|id| state.names[id]).collect();
        state.events.push(Logged {
            level: *event.metadata().level(),
            spans,
            message: fields.0,
        });
    }

    fn enter(&self, span: &tracing::span::Id) {
        self.0.lock().expect("lock").stack.push(span.into_u64());
    }

    fn exit(&self, span: &tracing::span::Id) {
        let mut state = self.0.lock().expect("lock");
        if let Some(at) = state.stack.iter().rposition(|id| *id == span.into_u64()) {
            state.stack.remove(at);
        }
    }
}
