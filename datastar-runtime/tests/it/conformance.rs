//! Datastar 1.0 conformance: the SDK test server's `/test` over real TCP, against outputs
//! written by hand from the 1.0 format (docs/protocol.md, "1.0"). The bytes are the
//! contract here, so each body is compared as text.

// The example of this package that the official suite runs against, tested as it ships.
#[allow(dead_code)]
#[path = "../../examples/sdk-test-server.rs"]
mod sdk_test_server;

use datastar_runtime::test::{Client, TestResponse, TestServer};
use http::Method;
use serde_json::json;

async fn start() -> TestServer {
    TestServer::start(sdk_test_server::app()).await.expect("a test server")
}

/// GETs `/test` with `input` as the `datastar` parameter; returns status, content type, body.
async fn get(client: &Client, input: &serde_json::Value) -> (u16, String, String) {
    parts(client.get("/test").signals(input).send().await.expect("a reply"))
}

/// Sends `body` as it is, where the signals of `method` go.
async fn send(client: &Client, method: &str, body: impl Into<String>) -> (u16, String, String) {
    let method = Method::from_bytes(method.as_bytes()).expect("a method");
    let reply = client.request(method, "/test").signals_json(body).send().await;
    parts(reply.expect("a reply"))
}

fn parts(reply: TestResponse) -> (u16, String, String) {
    let content_type = reply.header("content-type").unwrap_or_default().to_owned();
    (reply.status().as_u16(), content_type, reply.text())
}

async fn events(client: &Client, events: serde_json::Value) -> String {
    let (status, content_type, body) = get(client, &json!({ "events": events })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "text/event-stream");
    body
}

#[tokio::test]
async fn patch_elements_defaults_only() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchElements", "elements": "<div id=\"feed\">1</div>",
                "mode": "outer", "useViewTransition": false, "namespace": "html", "retryDuration": 1000}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: elements <div id=\"feed\">1</div>\n\n"
    );
}

#[tokio::test]
async fn patch_elements_all_options() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchElements", "elements": "<circle id=\"c\"></circle>", "selector": "#vis",
                "mode": "append", "useViewTransition": true, "namespace": "svg",
                "eventId": "e1", "retryDuration": 2000}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\nid: e1\nretry: 2000\ndata: selector #vis\ndata: mode append\n\
         data: namespace svg\ndata: useViewTransition true\ndata: elements <circle id=\"c\"></circle>\n\n"
    );
}

#[tokio::test]
async fn every_mode_word() {
    let server = start().await;
    let client = server.client();
    for mode in ["inner", "replace", "prepend", "append", "before", "after"] {
        let body = events(
            &client,
            json!([{"type": "patchElements", "elements": "<p id=\"p\"></p>", "selector": "#t", "mode": mode}]),
        )
        .await;
        assert_eq!(
            body,
            format!(
                "event: datastar-patch-elements\ndata: selector #t\ndata: mode {mode}\ndata: elements <p id=\"p\"></p>\n\n"
            )
        );
    }
    // Without a selector the 1.0 client targets by id only for `outer` and `replace`.
    let body = events(
        &client,
        json!([{"type": "patchElements", "elements": "<p id=\"p\"></p>", "mode": "replace"}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: mode replace\ndata: elements <p id=\"p\"></p>\n\n"
    );
}

#[tokio::test]
async fn remove_with_only_a_selector() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchElements", "selector": "#feed, #other", "mode": "remove"}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: selector #feed, #other\ndata: mode remove\n\n"
    );
}

#[tokio::test]
async fn multi_line_elements_get_one_line_each() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchElements", "elements": "<div id=\"a\">\n  Hello\r\n  world\n</div>"}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: elements <div id=\"a\">\ndata: elements   Hello\n\
         data: elements   world\ndata: elements </div>\n\n"
    );
}

#[tokio::test]
async fn patch_signals_defaults_keep_order_and_nulls() {
    let server = start().await;
    let client = server.client();
    let (status, _, body) = get(
        &client,
        &serde_json::from_str(
            r#"{"events":[{"type":"patchSignals","signals":{"z":1,"a":null,"m":{"y":"t","b":[1,2]}}}]}"#,
        )
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        "event: datastar-patch-signals\ndata: signals {\"z\":1,\"a\":null,\"m\":{\"y\":\"t\",\"b\":[1,2]}}\n\n"
    );
}

#[tokio::test]
async fn patch_signals_all_options() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchSignals", "signals": {"one": 1}, "onlyIfMissing": true,
                "eventId": "s1", "retryDuration": 0}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-signals\nid: s1\nretry: 0\ndata: onlyIfMissing true\ndata: signals {\"one\":1}\n\n"
    );
}

#[tokio::test]
async fn raw_signals_win_and_travel_line_by_line() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchSignals", "signals": {"ignored": true},
                "signals-raw": "{\n  \"one\": 1,\n  \"two\": \"x\"\n}"}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-signals\ndata: signals {\ndata: signals   \"one\": 1,\n\
         data: signals   \"two\": \"x\"\ndata: signals }\n\n"
    );
}

#[tokio::test]
async fn multi_line_string_signals_stay_on_one_line() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchSignals", "signals": {"one": "first\n signal"}}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-signals\ndata: signals {\"one\":\"first\\n signal\"}\n\n"
    );
}

#[tokio::test]
async fn execute_script_defaults() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "executeScript", "script": "console.log('hello');"}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
         data: elements <script data-effect=\"el.remove()\">console.log('hello');</script>\n\n"
    );
}

#[tokio::test]
async fn execute_script_all_options_and_multi_line() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "executeScript", "script": "if (true) {\n  console.log('hi');\n}",
                "attributes": {"type": "text/javascript", "blocking": "false"}, "autoRemove": false,
                "eventId": "x", "retryDuration": 5000}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\nid: x\nretry: 5000\ndata: selector body\ndata: mode append\n\
         data: elements <script type=\"text/javascript\" blocking=\"false\">if (true) {\n\
         data: elements   console.log('hi');\ndata: elements }</script>\n\n"
    );
}

#[tokio::test]
async fn two_events_in_one_response() {
    let server = start().await;
    let client = server.client();
    let body = events(
        &client,
        json!([{"type": "patchElements", "elements": "<div id=\"a\"></div>"},
               {"type": "patchSignals", "signals": {"b": 2}}]),
    )
    .await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: elements <div id=\"a\"></div>\n\n\
         event: datastar-patch-signals\ndata: signals {\"b\":2}\n\n"
    );
}

#[tokio::test]
async fn post_and_query_read_the_body() {
    let server = start().await;
    let client = server.client();
    let input = r#"{"events":[{"type":"patchSignals","signals":{"fromBody":true}}]}"#;
    for method in ["POST", "QUERY"] {
        let (status, content_type, body) = send(&client, method, input).await;
        assert_eq!(status, 200, "{method}: {body}");
        assert_eq!(content_type, "text/event-stream");
        assert_eq!(
            body, "event: datastar-patch-signals\ndata: signals {\"fromBody\":true}\n\n",
            "{method}"
        );
    }
}

#[tokio::test]
async fn bad_input_is_a_clear_4xx_and_the_server_keeps_serving() {
    let server = start().await;
    let client = server.client();
    let (status, _, body) = send(&client, "PUT", "{}").await;
    assert_eq!(status, 405, "{body}");

    let (status, _, body) = get(&client, &json!({"events": [{"type": "mergeFragments"}]})).await;
    assert_eq!(status, 400);
    assert!(body.contains("mergeFragments"), "{body}");

    let (status, _, body) = get(&client, &json!({"events": [{"type": "patchElements", "selector": 7}]})).await;
    assert_eq!(status, 400);
    assert!(body.contains("events[0]"), "the message names the field: {body}");

    let (status, _, body) = get(
        &client,
        &json!({"events": [{"type": "patchElements", "mode": "morph"}]}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(body.contains("outer"), "the outer trap is explained: {body}");

    let (status, _, body) = send(&client, "POST", "{\"events\": [").await;
    assert_eq!(status, 400, "{body}");

    // `?datastar=%7B%22events`: JSON cut off in the query.
    let (status, _, _) = send(&client, "GET", "{\"events").await;
    assert_eq!(status, 400);

    let (status, _, _) = send(&client, "POST", " ".repeat(2 * 1024 * 1024)).await;
    assert_eq!(status, 413);

    let body = events(&client, json!([{"type": "patchSignals", "signals": {"still": "up"}}])).await;
    assert_eq!(
        body,
        "event: datastar-patch-signals\ndata: signals {\"still\":\"up\"}\n\n"
    );
}
