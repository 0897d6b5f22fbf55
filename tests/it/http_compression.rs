//! Compression of event streams: `compression::layer()` compresses `text/event-stream` (which
//! tower-http's default skips) and still delivers every event at once.

use tests::http_support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::get;
use datastar_runtime::event::PatchElements;
use datastar_runtime::test::{TestServer, parse};
use datastar_runtime::{Dialect, Event, Reply, compression, feed};
use futures_util::stream;
use http_support::{client, within};
use tokio::sync::mpsc;

type Receiver = Arc<Mutex<Option<mpsc::UnboundedReceiver<PatchElements>>>>;

fn app(rx: Receiver) -> Router {
    Router::new()
        .route(
            "/live",
            get(move || {
                let rx = rx.lock().expect("lock").take().expect("one request");
                async move {
                    feed(stream::unfold(
                        rx,
                        |mut rx| async move { rx.recv().await.map(|e| (e, rx)) },
                    ))
                }
            }),
        )
        .route(
            "/once",
            get(|| async {
                Reply(PatchElements::new(format!(
                    "<p id=\"big\">{}</p>",
                    "compressible ".repeat(200)
                )))
            }),
        )
        .layer(compression::layer())
}

/// A decoder fed compressed bytes as they arrive, its output readable at any time.
fn decoder(encoding: &str, out: Arc<Mutex<Vec<u8>>>) -> Box<dyn Write + Send> {
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("lock").extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    match encoding {
        "gzip" => Box::new(flate2::write::GzDecoder::new(Shared(out))),
        "br" => Box::new(brotli_decompressor::DecompressorWriter::new(Shared(out), 4096)),
        other => panic!("no decoder for {other}"),
    }
}

async fn each_event_arrives_compressed_without_waiting_for_the_next(encoding: &str) {
    let (tx, rx) = mpsc::unbounded_channel();
    let server = TestServer::start(app(Arc::new(Mutex::new(Some(rx)))))
        .await
        .expect("a test server");
    let mut response = client()
        .get(server.url("/live"))
        .header("accept-encoding", encoding)
        .send()
        .await
        .expect("response");
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert_eq!(response.headers()["content-encoding"], encoding);
    let decoded = Arc::new(Mutex::new(Vec::new()));
    let mut decode = decoder(encoding, decoded.clone());
    for n in 1..=3 {
        // The next event is sent only once the client has decoded this one in full, so a
        // compressor that waited for more data would hang here.
        tx.send(PatchElements::new(format!("<span id=\"feed\">{n}</span>")))
            .expect("send");
        let wanted = format!("data: elements <span id=\"feed\">{n}</span>\n\n");
        within(&format!("event {n} to decode"), async {
            while !String::from_utf8_lossy(&decoded.lock().expect("lock")).ends_with(&wanted) {
                let chunk = response.chunk().await.expect("chunk").expect("the stream ended early");
                decode.write_all(&chunk).expect("decode");
                decode.flush().expect("flush");
            }
        })
        .await;
    }
    let events = parse(Dialect::V1, &decoded.lock().expect("lock")).expect("the decoded stream");
    let sent: Vec<Event> = (1..=3)
        .map(|n| PatchElements::new(format!("<span id=\"feed\">{n}</span>")).into())
        .collect();
    assert_eq!(events, sent);
}

#[tokio::test]
async fn gzip_streams_deliver_each_event_promptly() {
    each_event_arrives_compressed_without_waiting_for_the_next("gzip").await;
}

#[tokio::test]
async fn brotli_streams_deliver_each_event_promptly() {
    each_event_arrives_compressed_without_waiting_for_the_next("br").await;
}

#[tokio::test]
async fn one_shot_replies_are_compressed_and_plain_clients_get_plain_bytes() {
    let server = TestServer::start(app(Arc::default())).await.expect("a test server");
    let compressed = client()
        .get(server.url("/once"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("response");
    assert_eq!(compressed.headers()["content-encoding"], "gzip");
    let bytes = compressed.bytes().await.expect("body");
    let decoded = Arc::new(Mutex::new(Vec::new()));
    let mut decode = decoder("gzip", decoded.clone());
    decode.write_all(&bytes).expect("decode");
    decode.flush().expect("flush");
    drop(decode);
    let plain = client().get(server.url("/once")).send().await.expect("response");
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.bytes().await.expect("body");
    assert!(bytes.len() < plain.len() / 4, "{} vs {}", bytes.len(), plain.len());
    assert_eq!(&decoded.lock().expect("lock")[..], &plain[..]);
}
