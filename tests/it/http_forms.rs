//! Forms over real TCP: `Signals<T>` reads urlencoded and multipart bodies into the same
//! type as JSON, files both ways, under the same limits; and the cross-origin protection
//! the routes `routes!` builds carry by default, checked on the demo.

use tests::hardening_support;

use std::time::{Duration, Instant};

use axum::routing::post;
use bytes::Bytes;
use datastar_runtime::Signals;
use datastar_runtime::extract::{File, SignalsConfig};
use datastar_runtime::test::TestServer;
use futures_util::StreamExt;
use hardening_support::{ChildServer, serve_if_child};
use serde::Deserialize;
use tests::process::rss_kib;

#[derive(Debug, Deserialize)]
struct Person {
    name: String,
    age: u8,
    tags: Vec<String>,
}

async fn person(Signals(person): Signals<Person>) -> String {
    format!("{}|{}|{}", person.name, person.age, person.tags.join(","))
}

#[derive(Debug, Deserialize)]
struct Upload {
    title: String,
    files: Vec<File>,
}

async fn upload(Signals(upload): Signals<Upload>) -> String {
    let files: Vec<String> = upload
        .files
        .iter()
        .map(|file| {
            format!(
                "{} {} {}",
                file.name,
                file.content_type,
                String::from_utf8_lossy(&file.bytes)
            )
        })
        .collect();
    format!("{}: {}", upload.title, files.join("; "))
}

fn app() -> axum::Router {
    axum::Router::new()
        .route("/person", post(person))
        .route("/upload", post(upload))
}

const BOUNDARY: &str = "datastar-test-boundary";

/// A multipart body of text fields and `(field, file name, type, contents)` files.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (name, file_name, content_type, contents) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(contents);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

async fn post_body(server: &TestServer, path: &str, content_type: &str, body: Vec<u8>) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(server.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("answered");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}

#[tokio::test]
async fn a_person_sent_urlencoded_or_as_multipart_reaches_the_handler_unchanged() {
    let server = TestServer::start(app()).await.expect("server");
    let form = "application/x-www-form-urlencoded";
    let urlencoded = post_body(&server, "/person", form, b"name=Ada+L&age=36&tags=a&tags=b".to_vec()).await;
    assert_eq!(urlencoded, (200, "Ada L|36|a,b".to_owned()));
    let fields = [("name", "Ada L"), ("age", "36"), ("tags", "a"), ("tags", "b")];
    let parts = post_body(&server, "/person", &multipart_type(), multipart(&fields, &[])).await;
    assert_eq!(parts, (200, "Ada L|36|a,b".to_owned()));
    let json = post_body(
        &server,
        "/person",
        "application/json",
        br#"{"name":"Ada L","age":36,"tags":["a","b"]}"#.to_vec(),
    )
    .await;
    assert_eq!(json, parts, "the same type from JSON");

    let (status, text) = post_body(&server, "/person", form, b"name=Ada&age=999&tags=a".to_vec()).await;
    assert_eq!(status, 400);
    assert!(text.contains("`age`"), "{text}");
    let fields = [("name", "Ada"), ("age", "999"), ("tags", "a")];
    let (status, text) = post_body(&server, "/person", &multipart_type(), multipart(&fields, &[])).await;
    assert_eq!(status, 400);
    assert!(text.contains("`age`"), "{text}");
    let (status, text) = post_body(&server, "/person", "text/plain", b"name=Ada".to_vec()).await;
    assert_eq!(status, 415, "{text}");
    let (status, text) = post_body(&server, "/person", "multipart/form-data", b"x".to_vec()).await;
    assert_eq!(status, 400, "{text}");
    server.stop().await.expect("stopped");
}

#[tokio::test]
async fn a_file_arrives_intact_sent_as_multipart_or_as_json_file_signals() {
    let server = TestServer::start(app()).await.expect("server");
    let files = [
        ("files", "a.txt", "text/plain", &b"hello"[..]),
        ("files", "b.bin", "application/octet-stream", &b"\x00\x01"[..]),
    ];
    let (status, text) = post_body(
        &server,
        "/upload",
        &multipart_type(),
        multipart(&[("title", "t")], &files),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(
        text,
        "t: a.txt text/plain hello; b.bin application/octet-stream \u{0}\u{1}"
    );
    // 1.0's file signals: name, base64 contents, MIME type.
    let json = br#"{"title":"t","files":[{"name":"a.txt","contents":"aGVsbG8=","mime":"text/plain"}]}"#;
    let (status, text) = post_body(&server, "/upload", "application/json", json.to_vec()).await;
    assert_eq!((status, text.as_str()), (200, "t: a.txt text/plain hello"));
    let small = axum::Router::new()
        .route("/upload", post(upload))
        .layer(SignalsConfig::new().file_limit(4));
    let small = TestServer::start(small).await.expect("server");
    let (status, text) = post_body(
        &small,
        "/upload",
        &multipart_type(),
        multipart(&[("title", "t")], &files),
    )
    .await;
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("`files`"), "{text}");
    small.stop().await.expect("stopped");
    server.stop().await.expect("stopped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_multipart_body_over_the_limit_is_refused_without_being_held_whole() {
    const TEST: &str = "http_forms::a_multipart_body_over_the_limit_is_refused_without_being_held_whole";
    if serve_if_child(app(), |serve| serve).await {
        return;
    }
    let server = ChildServer::start(TEST, None);
    let before = rss_kib(server.pid());
    // 64 MiB of file, streamed without a length, against the default 1 MiB limit.
    const CHUNK: usize = 64 * 1024;
    let head = Bytes::from(format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big\"\r\n\r\n"
    ));
    let chunk = Bytes::from(vec![b'x'; CHUNK]);
    let body = futures_util::stream::once(async move { head })
        .chain(futures_util::stream::iter(std::iter::repeat_n(chunk, 1024)))
        .map(Ok::<_, std::io::Error>);
    let started = Instant::now();
    let response = reqwest::Client::new()
        .post(format!("http://{}/upload", server.addr))
        .header("content-type", multipart_type())
        .body(reqwest::Body::wrap_stream(body))
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    let after = rss_kib(server.pid());
    let status = response.map(|response| response.status().as_u16());
    println!(
        "64 MiB multipart body against a 1 MiB limit: {status:?} after {:?}; server RSS {before} KiB before, {after} KiB after",
        started.elapsed()
    );
    // The server may close the connection while the client still sends: then the client
    // sees the close, not the 413.
    assert!(matches!(status, Ok(413) | Err(_)), "{status:?}");
    assert!(after < before + 16 * 1024, "RSS grew from {before} KiB to {after} KiB");
}

#[tokio::test]
async fn the_demo_refuses_cross_origin_writes_and_serves_the_rest() {
    let server = TestServer::start(demo::app(demo::Config::default()))
        .await
        .expect("server");
    let host = server.addr().to_string();
    let put = |headers: Vec<(&'static str, String)>| {
        let mut request = reqwest::Client::new()
            .put(server.url("/node/put"))
            .header("content-type", "application/json")
            .body(r#"{"input":"hi"}"#);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        async move {
            let response = request.send().await.expect("answered");
            let status = response.status().as_u16();
            (status, response.text().await.expect("a body"))
        }
    };
    let (status, text) = put(vec![("sec-fetch-site", "cross-site".into())]).await;
    assert_eq!(status, 403, "{text}");
    assert!(text.contains("another site"), "{text}");
    let (status, text) = put(vec![("origin", "http://evil.example".into())]).await;
    assert_eq!(status, 403, "{text}");
    let (status, text) = put(vec![
        ("sec-fetch-site", "same-origin".into()),
        ("origin", format!("http://{host}")),
    ])
    .await;
    assert_eq!(status, 200, "{text}");
    let (status, text) = put(vec![]).await;
    assert_eq!(status, 200, "{text}");
    server.stop().await.expect("stopped");
}
