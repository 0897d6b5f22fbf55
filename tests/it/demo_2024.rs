//! The demo under `--dialect 2024`, the fragment protocol the seeds were written for. No
//! client of that generation is published any more, so every endpoint is checked byte for
//! byte against the 2024 protocol of docs/protocol.md, over real TCP with a hand-written HTTP/1.1 request.

use std::time::Duration;

use datastar_runtime::test::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The demo in the 2024 dialect, served on a free port until dropped.
async fn start(feed_ms: u64) -> TestServer {
    let flags = ["--dialect", "2024", "--feed-ms", &feed_ms.to_string()].map(String::from);
    let demo::Command::Serve { config, .. } = demo::parse_args(flags, |_| None).expect("valid flags") else {
        panic!("expected a configuration");
    };
    TestServer::start(demo::app(config)).await.expect("a test server")
}

/// A response as read off the wire.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("a UTF-8 body")
    }

    fn assert_event_stream(&self) {
        assert_eq!(self.status, 200, "{}", self.text());
        assert_eq!(self.header("content-type"), Some("text/event-stream"));
        assert_eq!(self.header("cache-control"), Some("no-cache"));
    }
}

/// Sends one request (what a 2024 client sends: the marker header, JSON signals) and
/// reads the response until `done` says the body is complete or the server closes.
async fn exchange(demo: &TestServer, method: &str, target: &str, body: &str, done: fn(&[u8]) -> bool) -> Response {
    let mut stream = TcpStream::connect(demo.addr()).await.expect("connect");
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}\r\ndatastar-request: true\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        demo.addr(),
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut raw = Vec::new();
    let mut chunk = [0u8; 4096];
    let read_all = async {
        loop {
            let n = stream.read(&mut chunk).await.expect("read");
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&chunk[..n]);
            if parse(&raw).is_some_and(|response| done(&response.body)) {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read_all)
        .await
        .expect("a response within 10 s");
    parse(&raw).expect("a whole response head")
}

fn until_close(_: &[u8]) -> bool {
    false
}

/// Parses a response head and its body, de-chunked if chunked. `None` until the head is in.
fn parse(raw: &[u8]) -> Option<Response> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).expect("an ASCII head");
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { dechunk(rest) } else { rest.to_vec() };
    Some(Response { status, headers, body })
}

/// The data of the complete chunks received so far.
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text = std::str::from_utf8(&rest[..line_end]).unwrap_or("");
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16) else {
            break;
        };
        let start = line_end + 2;
        if size == 0 || rest.len() < start + size + 2 {
            break;
        }
        body.extend_from_slice(&rest[start..start + size]);
        rest = &rest[start + size + 2..];
    }
    body
}

/// `datastar` query parameter for a GET, percent-encoded.
fn query(json: &str) -> String {
    let mut out = String::from("datastar=");
    for b in json.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test]
async fn node_put_morphs_the_escaped_output_by_id() {
    let demo = start(1000).await;
    let response = exchange(
        &demo,
        "PUT",
        "/node/put",
        r#"{"input":"<img src=x onerror=alert(1)>","show":false}"#,
        until_close,
    )
    .await;
    response.assert_event_stream();
    assert_eq!(
        response.text(),
        "event: datastar-fragment\n\
         data: fragment <div id=\"output\">Your input: &lt;img src=x onerror=alert(1)&gt;, is 28 long.</div>\n\n"
    );
}

#[tokio::test]
async fn node_get_morphs_the_state_then_prepends_into_main() {
    let demo = start(1000).await;
    let empty = exchange(&demo, "GET", &format!("/node/get?{}", query("{}")), "", until_close).await;
    empty.assert_event_stream();
    assert_eq!(
        empty.text(),
        "event: datastar-fragment\n\
         data: fragment <div id=\"output2\">Backend State: {}.</div>\n\n\
         event: datastar-fragment\n\
         data: selector #main\n\
         data: merge prepend_element\n\
         data: fragment <div id=\"output3\">Check this out!</div>\n\n"
    );
    exchange(&demo, "PUT", "/node/put", r#"{"input":"héllo \"you\""}"#, until_close)
        .await
        .assert_event_stream();
    let stored = exchange(&demo, "GET", &format!("/node/get?{}", query("{}")), "", until_close).await;
    assert!(
        stored.text().starts_with(
            "event: datastar-fragment\n\
             data: fragment <div id=\"output2\">Backend State: {&quot;input&quot;:&quot;héllo \\&quot;you\\&quot;&quot;}.</div>\n\n"
        ),
        "{}",
        stored.text()
    );
}

#[tokio::test]
async fn node_multiline_travels_on_one_line() {
    let demo = start(1000).await;
    let response = exchange(
        &demo,
        "GET",
        &format!("/node/multiline?{}", query("{}")),
        "",
        until_close,
    )
    .await;
    response.assert_event_stream();
    assert_eq!(
        response.text(),
        "event: datastar-fragment\n\
         data: fragment <pre id=\"multiline\">merge prepend&#10;selector #main&#10;\
         fragment &lt;b&gt;not bold&lt;/b&gt; &amp; not an entity: &amp;amp;&#10;&#10;\
         \x20 indented, after a blank line&#10;data: event: datastar-fragment&#10;settle 0&#10;last line</pre>\n\n"
    );
}

#[tokio::test]
async fn python_get_upserts_the_store_onto_main() {
    let demo = start(1000).await;
    let target = format!(
        "/python/get?{}",
        query(r#"{"input":"<b>hé</b>","output":"","show":true}"#)
    );
    let response = exchange(&demo, "GET", &target, "", until_close).await;
    response.assert_event_stream();
    assert_eq!(
        response.text(),
        "event: datastar-fragment\n\
         data: selector #main\n\
         data: merge upsert_attributes\n\
         data: fragment <div data-store=\"{&quot;output&quot;:&quot;Your input: &lt;b&gt;hé&lt;/b&gt;, is 9 long.&quot;}\"></div>\n\n"
    );
}

#[tokio::test]
async fn python_target_morphs_the_date_and_time() {
    let demo = start(1000).await;
    let response = exchange(
        &demo,
        "GET",
        &format!("/python/target?{}", query("{}")),
        "",
        until_close,
    )
    .await;
    response.assert_event_stream();
    let text = response.text();
    let time = text
        .strip_prefix("event: datastar-fragment\ndata: fragment <div id=\"target\"><b>")
        .and_then(|rest| rest.strip_suffix("</b></div>\n\n"))
        .unwrap_or_else(|| panic!("unexpected bytes: {text:?}"));
    let shape = time
        .bytes()
        .map(|b| if b.is_ascii_digit() { b'9' } else { b })
        .collect::<Vec<_>>();
    assert_eq!(std::str::from_utf8(&shape).unwrap(), "9999-99-99 99:99:99", "{time}");
}

#[tokio::test]
async fn feeds_send_a_new_value_each_period() {
    let demo = start(50).await;
    for path in ["/node/feed", "/python/feed"] {
        let two_events = |body: &[u8]| body.windows(2).filter(|w| w == b"\n\n").count() >= 2;
        let response = exchange(&demo, "GET", &format!("{path}?{}", query("{}")), "", two_events).await;
        response.assert_event_stream();
        let values: Vec<&str> = response
            .text()
            .split("\n\n")
            .filter(|event| !event.trim_start_matches(": keep-alive\n").is_empty())
            .take(2)
            .map(|event| {
                event
                    .strip_prefix("event: datastar-fragment\ndata: fragment <span id=\"feed\">")
                    .and_then(|rest| rest.strip_suffix("</span>"))
                    .unwrap_or_else(|| panic!("unexpected event from {path}: {event:?}"))
            })
            .collect();
        assert_eq!(values.len(), 2, "{path}");
        for value in &values {
            assert!(
                value.len() == 16 && value.bytes().all(|b| b.is_ascii_hexdigit()),
                "{value}"
            );
        }
        assert_ne!(values[0], values[1], "{path}");
    }
}

#[tokio::test]
async fn missing_or_malformed_fields_are_a_400_with_a_message() {
    let demo = start(1000).await;
    for (method, target, body) in [
        ("PUT", "/node/put".to_owned(), "{}"),
        ("PUT", "/node/put".to_owned(), r#"{"input":42}"#),
        ("PUT", "/node/put".to_owned(), "{not json"),
        ("GET", "/python/get".to_owned(), ""),
        ("GET", format!("/python/get?{}", query(r#"{"show":true}"#)), ""),
    ] {
        let response = exchange(&demo, method, &target, body, until_close).await;
        assert_eq!(response.status, 400, "{method} {target} {body}: {}", response.text());
        assert!(
            response
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/plain"))
        );
        assert!(!response.text().is_empty(), "{method} {target}: an empty message");
    }
}

#[tokio::test]
async fn pages_speak_the_seed_syntax() {
    let demo = start(1000).await;
    let node = exchange(&demo, "GET", "/node/", "", until_close).await;
    assert_eq!(node.status, 200);
    assert!(node.header("content-type").is_some_and(|t| t.starts_with("text/html")));
    for needle in [
        r#"data-store="{ input: &quot;&quot;, show: false }""#,
        r#"data-model="input""#,
        r#"data-on-click="$$put('/node/put')""#,
        r#"data-on-click="$$get('/node/get')""#,
        r#"data-on-load="$$get('/node/feed')""#,
        r#"data-show="$show""#,
    ] {
        assert!(node.text().contains(needle), "/node/ lacks {needle}");
    }
    let python = exchange(&demo, "GET", "/python/", "", until_close).await;
    for needle in [
        r#"data-on-click="$$get('/python/get')""#,
        r#"data-on-click="$$get('/python/target')""#,
        r#"data-text="$output""#,
        r#"data-on-load="$$get('/python/feed')""#,
    ] {
        assert!(python.text().contains(needle), "/python/ lacks {needle}");
    }
    let landing = exchange(&demo, "GET", "/", "", until_close).await;
    for link in ["/node/", "/python/", "/v1/node/", "/v1/python/"] {
        assert!(
            landing.text().contains(&format!("href=\"{link}\"")),
            "the landing page lacks {link}"
        );
    }
}
