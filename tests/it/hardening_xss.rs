//! XSS and injection: hostile text from the client reaches the page as text, never as
//! markup, scripts or extra events. Checked over TCP on the demo's own endpoints in every
//! dialect it serves, and on the runtime's API for what user text may become: selectors,
//! ids, signal paths, URLs, console messages, signals and rejection reasons.

use tests::http_support;

use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use bytes::{Bytes, BytesMut};
use datastar_runtime::encode::EncodeError;
use datastar_runtime::event::{
    ConsoleLevel, ConsoleMessage, ExecuteScript, PatchElements, PatchSignals, Redirect, RemoveElements, RemoveSignals,
};
use datastar_runtime::extract::{Rejection, RejectionEvents};
use datastar_runtime::test::TestServer;
use datastar_runtime::{Dialect, Event, Reply};
use futures_util::Stream;
use http_support::client;
use sse_stream::{Sse, SseByteStream};

/// Strings that break out of text, attributes, JSON, SSE framing or JavaScript when spliced.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "\\\" onfocus=\\\"alert(1)",
    "\r\n\r\nevent: x\r\ndata: y\n\n",
    "a\u{2028}b\u{2029}c",
    "nul\0here",
    "</div><!--",
    "]]><![CDATA[<script>",
    "&lt;already escaped&gt;",
    "</script><script>alert(1)</script>",
    "\"}, \"evil\": true, \"x\": {\"",
];

/// Parses a whole response body as SSE, as the clients' parsers do.
fn events(body: &[u8]) -> Vec<Sse> {
    let chunks = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(Bytes::copy_from_slice(body))]);
    let mut stream = pin!(SseByteStream::new(chunks));
    let mut cx = Context::from_waker(Waker::noop());
    let mut out = Vec::new();
    loop {
        match stream.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(event)) => out.push(event.expect("valid SSE")),
            Poll::Ready(None) => return out,
            Poll::Pending => panic!("an in-memory stream is never pending"),
        }
    }
}

/// The data lines of `event` that start with `key`, values joined as the clients join them.
fn data(event: &Sse, key: &str) -> String {
    let prefix = format!("{key} ");
    let text = event.data.clone().unwrap_or_default();
    let values: Vec<&str> = text.split('\n').filter_map(|l| l.strip_prefix(&prefix)).collect();
    values.join("\n")
}

async fn demo(dialect: demo::SeedDialect) -> TestServer {
    TestServer::start(demo::app(demo::Config {
        dialect,
        feed_period: Duration::from_secs(60),
        ..demo::Config::default()
    }))
    .await
    .expect("a test server")
}

fn query(json: &serde_json::Value) -> String {
    let text = json.to_string();
    let encoded: String = text
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("datastar={encoded}")
}

/// Tags in `html`: only the template's own may be there, whatever the input.
fn tags(html: &str) -> usize {
    html.matches('<').count()
}

#[tokio::test]
async fn the_demo_shows_hostile_input_as_text_in_every_dialect() {
    for (dialect, prefix, event_name, key) in [
        (demo::SeedDialect::V019, "/node", "datastar-fragment", "fragment"),
        (
            demo::SeedDialect::Fragment2024,
            "/node",
            "datastar-fragment",
            "fragment",
        ),
        (
            demo::SeedDialect::V019,
            "/v1/node",
            "datastar-patch-elements",
            "elements",
        ),
    ] {
        let server = demo(dialect).await;
        for hostile in HOSTILE {
            let input = serde_json::json!({ "input": hostile });
            let response = client()
                .put(server.url(&format!("{prefix}/put")))
                .json(&input)
                .send()
                .await
                .expect("put");
            assert_eq!(response.status(), 200);
            let body = response.bytes().await.expect("body");
            let parsed = events(&body);
            assert_eq!(parsed.len(), 1, "{hostile:?} made {} events: {body:?}", parsed.len());
            assert_eq!(parsed[0].event.as_deref(), Some(event_name));
            let html = data(&parsed[0], key);
            // `<div id="output">…</div>`: two tags, the rest is text.
            assert_eq!(
                tags(&html),
                2,
                "{hostile:?} became markup in {}: {html}",
                dialect.name()
            );
            assert!(html.starts_with("<div id=\"output\">Your input: "), "{html}");
            assert!(!html.contains("<script") && !html.contains("<img"), "{html}");

            // The backend state is JSON shown inside HTML: escaped as text too.
            let response = client()
                .get(server.url(&format!("{prefix}/get")))
                .send()
                .await
                .expect("get");
            let body = response.bytes().await.expect("body");
            let parsed = events(&body);
            assert_eq!(parsed.len(), 2, "{body:?}");
            let state = data(&parsed[0], key);
            assert_eq!(tags(&state), 2, "{hostile:?} became markup: {state}");
        }
    }
}

#[tokio::test]
async fn the_demo_sends_hostile_input_back_as_serialised_signals() {
    for (dialect, prefix, event_name, key) in [
        (demo::SeedDialect::V019, "/python", "datastar-signal", "store"),
        (
            demo::SeedDialect::V019,
            "/v1/python",
            "datastar-patch-signals",
            "signals",
        ),
    ] {
        let server = demo(dialect).await;
        for hostile in HOSTILE {
            let input = serde_json::json!({ "input": hostile });
            let url = server.url(&format!("{prefix}/get?{}", query(&input)));
            let response = client().get(url).send().await.expect("get");
            assert_eq!(response.status(), 200);
            let body = response.bytes().await.expect("body");
            let parsed = events(&body);
            assert_eq!(parsed.len(), 1, "{hostile:?} made {} events: {body:?}", parsed.len());
            assert_eq!(parsed[0].event.as_deref(), Some(event_name));
            // One JSON object with one key holding exactly the text: nothing was spliced.
            let json: serde_json::Value = serde_json::from_str(&data(&parsed[0], key)).expect("JSON signals");
            let length = hostile.chars().count();
            assert_eq!(
                json,
                serde_json::json!({ "output": format!("Your input: {hostile}, is {length} long.") }),
            );
        }
    }
}

/// Every dialect and every field user text may fill that must stay on one line.
#[test]
fn a_selector_id_path_or_url_from_user_input_cannot_add_lines_to_the_stream() {
    let dialects = [
        Dialect::Fragment2024 { store: Some("#main") },
        Dialect::V019,
        Dialect::V021,
        Dialect::V1,
    ];
    let injections = ["x\r\n\r\nevent: x", "x\ndata: y", "x\rretry: 1"];
    for dialect in dialects {
        for injection in injections {
            let element = || PatchElements::new("<p id=\"a\">a</p>");
            let cases: Vec<(Event, &str)> = vec![
                (element().selector(injection).into(), "selector"),
                (RemoveElements::new(injection).into(), "selector"),
                (RemoveElements::by_id(injection).into(), "selector"),
                (Event::from(element()).id(injection), "event id"),
                (RemoveSignals::new([injection]).into(), "signal path"),
                (Redirect::new(injection).into(), "URL"),
            ];
            for (event, field) in cases {
                let mut buf = BytesMut::new();
                match dialect.encode(&event, &mut buf) {
                    Err(EncodeError::LineBreak { field: named }) => assert_eq!(named, field),
                    // Where the dialect has no such event at all, it says so before anything else.
                    Err(EncodeError::Unsupported { .. }) if field == "signal path" => {}
                    other => panic!("{field} {injection:?} in {}: {other:?} {buf:?}", dialect.name()),
                }
                assert!(buf.is_empty(), "an error writes nothing");
            }
            let attribute = ExecuteScript::new("1").attribute(injection, "v");
            let result = Dialect::V1.encode(&attribute.into(), &mut BytesMut::new());
            assert!(
                matches!(
                    result,
                    Err(EncodeError::LineBreak { .. } | EncodeError::InvalidAttributeName { .. })
                ),
                "{result:?}"
            );
        }
        let nul = Event::from(PatchElements::new("<p id=\"a\">a</p>")).id("a\0b");
        assert_eq!(
            dialect.encode(&nul, &mut BytesMut::new()),
            Err(EncodeError::Nul { field: "event id" })
        );
    }
}

#[test]
fn text_the_runtime_puts_in_scripts_and_signals_stays_data() {
    for hostile in HOSTILE {
        for dialect in [Dialect::V021, Dialect::V1] {
            for event in [
                Event::from(Redirect::new(*hostile)),
                ConsoleMessage::new(ConsoleLevel::Error, *hostile).into(),
                ExecuteScript::dispatch_event("saved", &serde_json::json!({ "text": hostile })).into(),
                ExecuteScript::replace_url(hostile).into(),
            ] {
                let mut buf = BytesMut::new();
                if let Err(error) = dialect.encode(&event, &mut buf) {
                    // A URL is one line in every dialect, even where it travels in a script.
                    assert!(
                        matches!(event.kind, datastar_runtime::event::EventKind::Redirect(_)),
                        "{error}"
                    );
                    assert_eq!(error, EncodeError::LineBreak { field: "URL" });
                    assert!(hostile.contains(['\r', '\n']));
                    continue;
                }
                let text = String::from_utf8(buf.to_vec()).expect("UTF-8");
                let parsed = events(text.as_bytes());
                assert_eq!(parsed.len(), 1, "{text}");
                let all = parsed[0].data.clone().unwrap_or_default();
                // Only the runtime's own `<script …>` and `</script>` remain; U+2028 and
                // U+2029, line ends in old JavaScript, are escaped.
                assert!(tags(&all) <= 2, "{hostile:?} made a tag: {all}");
                assert!(!all.contains(['\u{2028}', '\u{2029}']), "{all}");
            }
        }
        let signals = PatchSignals::serialize(&serde_json::json!({ "note": hostile })).expect("serialises");
        let mut buf = BytesMut::new();
        Dialect::V1.encode(&signals.into(), &mut buf).expect("encodes");
        let parsed = events(&buf);
        assert_eq!(parsed.len(), 1);
        let json: serde_json::Value = serde_json::from_str(&data(&parsed[0], "signals")).expect("JSON");
        assert_eq!(json, serde_json::json!({ "note": hostile }));
    }
}

#[test]
fn user_script_text_cannot_close_its_element_early() {
    for hostile in HOSTILE {
        let mut buf = BytesMut::new();
        let script = ExecuteScript::new(format!("let s = '{hostile}';")).attribute("data-note", *hostile);
        Dialect::V1.encode(&script.into(), &mut buf).expect("encodes");
        let parsed = events(&buf);
        assert_eq!(parsed.len(), 1);
        let html = data(&parsed[0], "elements").to_ascii_lowercase();
        assert_eq!(html.matches("</script").count(), 1, "{html}");
        assert!(html.ends_with("</script>"), "{html}");
        assert!(!html.contains("<!--"), "{html}");
    }
}

#[tokio::test]
async fn a_rejection_reason_with_hostile_text_is_shown_as_text() {
    let app = Router::new()
        .route(
            "/reject",
            get(|| async {
                Err::<Reply<PatchElements>, _>(Rejection::new(
                    http::StatusCode::UNPROCESSABLE_ENTITY,
                    "<img src=x onerror=alert(1)> is not a name",
                ))
            }),
        )
        .layer(RejectionEvents::patch("#errors"));
    let server = TestServer::start(app).await.expect("a test server");
    let body = client()
        .get(server.url("/reject"))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("body");
    let parsed = events(&body);
    assert_eq!(parsed.len(), 1);
    let html = data(&parsed[0], "elements");
    assert_eq!(
        html,
        "<p role=\"alert\">&lt;img src=x onerror=alert(1)&gt; is not a name</p>"
    );
}

#[test]
fn markup_escapes_hostile_text_in_attributes_and_text() {
    for hostile in HOSTILE {
        let markup = maud::html! { div #output title=(hostile) data-note=(hostile) { (hostile) } }.into_string();
        // Three quote pairs of the template's own, none from the input.
        assert_eq!(markup.matches('"').count(), 6, "{markup}");
        assert_eq!(tags(&markup), 2, "{markup}");
    }
}
