//! Signals in: every way a request's signals can be wrong gets its status and a message that
//! names the problem; nothing a client sends makes a 500, a panic or a hang.

use tests::http_support;

use std::time::Duration;

use axum::Router;
use axum::routing::{any, get};
use datastar_runtime::event::PatchElements;
use datastar_runtime::extract::SignalsConfig;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::test::{TestServer, parse};
use datastar_runtime::{Dialect, Event, Reply, Signals};
use http::{Method, StatusCode};
use http_support::{Raw, client};
use serde::Deserialize;
use tokio::io::AsyncWriteExt as _;

#[derive(Debug, Deserialize)]
struct User {
    age: u8,
}

#[derive(Debug, Deserialize)]
struct Input {
    input: String,
    user: Option<User>,
}

async fn typed(Signals(signals): Signals<Input>) -> Reply<Markup> {
    let age = signals.user.map(|u| u.age);
    Reply(html! { div #output { "Your input: " (signals.input) ", age " (format!("{age:?}")) } })
}

async fn raw(Signals(value): Signals) -> String {
    value.to_string()
}

async fn optional(signals: Option<Signals>) -> String {
    match signals {
        Some(Signals(value)) => format!("some {value}"),
        None => "none".to_owned(),
    }
}

async fn app() -> TestServer {
    let small = Router::new()
        .route("/small", any(raw))
        .layer(SignalsConfig::new().limit(16).timeout(Duration::from_millis(300)));
    let app = Router::new()
        .route("/typed", any(typed))
        .route("/raw", any(raw))
        .route("/optional", get(optional).post(optional))
        .merge(small);
    TestServer::start(app).await.expect("a test server")
}

async fn send(server: &TestServer, method: &str, path_and_query: &str, body: Option<&str>) -> (StatusCode, String) {
    let method = Method::from_bytes(method.as_bytes()).expect("method");
    let mut request = client()
        .request(method, server.url(path_and_query))
        .header("datastar-request", "true");
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body.to_owned());
    }
    let response = request.send().await.expect("response");
    let status = response.status();
    (status, response.text().await.expect("text"))
}

/// The events of a reply's body, read with the test kit.
fn events(body: &str) -> Vec<Event> {
    parse(Dialect::V1, body.as_bytes()).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn query(json: &str) -> String {
    let mut out = String::from("datastar=");
    for b in json.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test]
async fn signals_arrive_by_query_for_get_and_delete_and_by_body_otherwise() {
    let server = app().await;
    let json = r#"{"input":"<b>hi</b>","user":{"age":7}}"#;
    // User text is escaped, never echoed into the HTML as markup.
    let output = [Event::from(PatchElements::new(
        "<div id=\"output\">Your input: &lt;b&gt;hi&lt;/b&gt;, age Some(7)</div>",
    ))];
    for method in ["GET", "DELETE"] {
        let (status, body) = send(&server, method, &format!("/typed?{}", query(json)), None).await;
        assert_eq!(status, StatusCode::OK, "{method}: {body}");
        assert_eq!(events(&body), output, "{method}");
    }
    for method in ["POST", "PUT", "PATCH", "QUERY"] {
        let (status, body) = send(&server, method, "/typed", Some(json)).await;
        assert_eq!(status, StatusCode::OK, "{method}: {body}");
        assert_eq!(events(&body), output, "{method}");
    }
    // 0.x clients send a DELETE's signals as a body.
    let (status, body) = send(&server, "DELETE", "/typed", Some(json)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // `+` is a space in a query, as browsers encode it.
    let (status, body) = send(&server, "GET", "/raw?datastar=%7B%22a%22:%22x+y%22%7D", None).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"a":"x y"}"#));
}

#[tokio::test]
async fn missing_signals_are_named_for_the_method() {
    let server = app().await;
    let (status, body) = send(&server, "GET", "/raw?other=1", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "missing signals: a GET request carries them in the `datastar` query parameter, which is absent"
    );
    let (status, body) = send(&server, "DELETE", "/raw", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("a DELETE request carries them in the `datastar` query parameter"),
        "{body}"
    );
    let (status, body) = send(&server, "POST", "/raw", Some("")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "missing signals: a POST request carries them as the JSON body, which is empty"
    );
}

#[tokio::test]
async fn the_optional_extractor_is_none_only_when_signals_are_absent() {
    let server = app().await;
    assert_eq!(
        send(&server, "GET", "/optional", None).await,
        (StatusCode::OK, "none".to_owned())
    );
    assert_eq!(
        send(&server, "POST", "/optional", Some("")).await,
        (StatusCode::OK, "none".to_owned())
    );
    assert_eq!(
        send(&server, "GET", "/optional?datastar=%5B1%5D", None).await,
        (StatusCode::OK, "some [1]".to_owned())
    );
    let (status, body) = send(&server, "POST", "/optional", Some("{nope")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.starts_with("the signals are not valid JSON: key must be a string at line 1 column 2"),
        "{body}"
    );
}

#[tokio::test]
async fn invalid_json_names_line_and_column() {
    let server = app().await;
    let (status, body) = send(&server, "GET", &format!("/raw?{}", query(r#"{"input":"#)), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the signals are not valid JSON: EOF while parsing a value at line 1 column 9"
    );
    let (status, body) = send(&server, "POST", "/raw", Some("{\n  \"a\": 1,\n  \"b\": [1 2]\n}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the signals are not valid JSON: expected `,` or `]` at line 3 column 11"
    );
    let (status, body) = send(&server, "POST", "/raw", Some("{} {}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the signals are not valid JSON: trailing characters at line 1 column 4"
    );
}

#[tokio::test]
async fn a_wrong_type_names_the_json_path_of_the_field() {
    let server = app().await;
    let (status, body) = send(&server, "POST", "/typed", Some(r#"{"input":"x","user":{"age":"old"}}"#)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the signals do not match the expected type at `user.age`: invalid type: string \"old\", expected u8 at line 1 column 32"
    );
    let (status, body) = send(&server, "POST", "/typed", Some(r#"{"user":{"age":300},"input":"x"}"#)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.starts_with("the signals do not match the expected type at `user.age`: invalid value: integer `300`"),
        "{body}"
    );
    let (status, body) = send(&server, "POST", "/typed", Some(r#"{"inptu":"x"}"#)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the signals do not match the expected type: missing field `input` at line 1 column 13; the signal \
         `input` is absent: if a request may come without it (a page's first request often sends `{}`), give the \
         field `#[serde(default)]` or make it an `Option`"
    );
    let (status, body) = send(&server, "POST", "/typed", Some("[1]")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the signals do not match the expected type at `[0]`: invalid type: integer `1`, expected a string at line 1 column 2"
    );
}

#[tokio::test]
async fn a_broken_query_parameter_is_a_400_with_the_reason() {
    let server = app().await;
    let (status, body) = send(&server, "GET", "/raw?datastar=%7B%2", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the `datastar` query parameter has invalid percent-encoding at byte 3: `%` must be followed by two hex digits"
    );
    let (status, body) = send(&server, "GET", "/raw?datastar=%22%C3%28%22", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the `datastar` query parameter is not UTF-8 once percent-decoded (invalid byte at 1)"
    );
    let (status, body) = send(&server, "GET", "/raw?datastar=1&datastar=2", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, "the `datastar` query parameter appears more than once");
}

#[tokio::test]
async fn a_form_body_is_read_as_signals_and_a_text_body_is_415_saying_what_is_read() {
    let server = app().await;
    let response = client()
        .post(server.url("/raw"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("input=x")
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.expect("text"), r#"{"input":"x"}"#);
    let response = client()
        .post(server.url("/raw"))
        .header("content-type", "text/plain")
        .body("input=x")
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        response.text().await.expect("text"),
        "the body is `text/plain`, not JSON signals or a form (`application/x-www-form-urlencoded`, `multipart/form-data`)"
    );
}

#[tokio::test]
async fn nesting_100_000_levels_deep_is_a_400_not_a_stack_overflow() {
    let server = app().await;
    let deep = "[".repeat(100_000);
    let (status, body) = send(&server, "POST", "/raw", Some(&deep)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "the signals nest arrays and objects too deeply (limit 128 levels), at line 1 column 128"
    );
    // A deep value in a field the handler's type does not have is skipped without recursion.
    let ignored = format!(
        r#"{{"input":"x","extra":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (status, body) = send(&server, "POST", "/typed", Some(&ignored)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Through the query parameter of a GET (`[` needs no escaping there): 10,000 levels fit
    // in a URI and are refused for their depth; 100,000 are past the longest URI the HTTP
    // stack takes, which answers 414 before any handler runs.
    let (status, body) = send(&server, "GET", &format!("/raw?datastar={}", "[".repeat(10_000)), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("too deeply"), "{body}");
    let mut raw = Raw::connect(server.addr()).await;
    raw.get(&format!("/raw?datastar={}", "[".repeat(100_000))).await;
    assert!(raw.read_until("\r\n\r\n").await);
    assert_eq!(raw.status(), Some(414));
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let server = app().await;
    let (status, body) = send(&server, "POST", "/small", Some(r#"{"input":"0123456789"}"#)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body, "the signals body is larger than the limit of 16 bytes");
    let (status, body) = send(&server, "POST", "/small", Some(r#"{"a":1}"#)).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"a":1}"#));
}

#[tokio::test]
async fn the_default_limit_is_one_mebibyte() {
    let server = app().await;
    let padding = "x".repeat(SignalsConfig::DEFAULT_LIMIT - 12);
    let fits = format!(r#"{{"input":"{padding}"}}"#);
    assert_eq!(fits.len(), SignalsConfig::DEFAULT_LIMIT);
    let (status, _) = send(&server, "POST", "/typed", Some(&fits)).await;
    assert_eq!(status, StatusCode::OK);
    let over = format!(r#"{{"input":"{padding}x"}}"#);
    let (status, body) = send(&server, "POST", "/typed", Some(&over)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body, "the signals body is larger than the limit of 1048576 bytes");
}

#[tokio::test]
async fn a_chunked_body_is_read_no_further_than_the_limit() {
    let server = app().await;
    let mut raw = Raw::connect(server.addr()).await;
    raw.send(
        b"POST /small HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
    )
    .await;
    // 20 bytes, past the limit of 16, and the body never ends: the answer cannot wait for it.
    raw.send(b"14\r\n{\"a\":\"0123456789ab\"\r\n").await;
    assert!(
        raw.read_until("\r\n\r\nthe signals body is larger than the limit of 16 bytes")
            .await,
        "{}",
        raw.text()
    );
    assert_eq!(raw.status(), Some(413));
}

#[tokio::test]
async fn a_body_that_stalls_is_408_after_the_timeout() {
    let server = app().await;
    let mut raw = Raw::connect(server.addr()).await;
    raw.send(
        b"POST /small HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"a\"",
    )
    .await;
    assert!(raw.read_until("did not arrive within 300 ms").await, "{}", raw.text());
    assert_eq!(raw.status(), Some(408));
}

#[tokio::test]
async fn a_client_that_half_closes_mid_body_gets_a_400_and_the_server_carries_on() {
    let server = app().await;
    let mut raw = Raw::connect(server.addr()).await;
    raw.send(
        b"POST /raw HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\"",
    )
    .await;
    raw.stream.shutdown().await.expect("half close");
    let text = raw.read_to_end().await;
    assert_eq!(raw.status(), Some(400), "{text}");
    assert!(
        text.ends_with("\r\n\r\nthe signals body could not be read: error reading a body from connection"),
        "{text}"
    );
    // A client that vanishes mid-body leaves the server as it was.
    let mut gone = Raw::connect(server.addr()).await;
    gone.send(b"POST /raw HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{")
        .await;
    drop(gone);
    let (status, body) = send(&server, "POST", "/raw", Some("[true]")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "[true]"));
}
