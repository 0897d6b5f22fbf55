//! Datastar 1.0 conformance: the SDK test server's `/test` over real TCP, against outputs
//! written by hand from the 1.0 format (docs/protocol.md, "1.0").

#[allow(dead_code)]
#[path = "../../datastar-runtime/examples/sdk-test-server.rs"]
mod sdk_test_server;

use std::net::SocketAddr;

use serde_json::json;

async fn start() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, sdk_test_server::app()).await.unwrap() });
    addr
}

/// GETs `/test` with `input` as the `datastar` parameter; returns status, content type, body.
async fn get(addr: SocketAddr, input: &serde_json::Value) -> (u16, String, String) {
    let url =
        reqwest::Url::parse_with_params(&format!("http://{addr}/test"), [("datastar", input.to_string())]).unwrap();
    let response = reqwest::Client::new()
        .get(url)
        .header("datastar-request", "true")
        .send()
        .await
        .unwrap();
    parts(response).await
}

async fn send(addr: SocketAddr, method: &str, body: impl Into<reqwest::Body>) -> (u16, String, String) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let response = reqwest::Client::new()
        .request(method, format!("http://{addr}/test"))
        .header("content-type", "application/json")
        .header("datastar-request", "true")
        .body(body)
        .send()
        .await
        .unwrap();
    parts(response).await
}

async fn parts(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.unwrap())
}

async fn events(addr: SocketAddr, events: serde_json::Value) -> String {
    let (status, content_type, body) = get(addr, &json!({ "events": events })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "text/event-stream");
    body
}

#[tokio::test]
async fn patch_elements_defaults_only() {
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    for mode in ["inner", "replace", "prepend", "append", "before", "after"] {
        let body = events(
            addr,
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
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let (status, _, body) = get(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let body = events(
        addr,
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
    let addr = start().await;
    let input = r#"{"events":[{"type":"patchSignals","signals":{"fromBody":true}}]}"#;
    for method in ["POST", "QUERY"] {
        let (status, content_type, body) = send(addr, method, input).await;
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
    let addr = start().await;
    let (status, _, body) = send(addr, "PUT", "{}").await;
    assert_eq!(status, 405, "{body}");

    let (status, _, body) = get(addr, &json!({"events": [{"type": "mergeFragments"}]})).await;
    assert_eq!(status, 400);
    assert!(body.contains("mergeFragments"), "{body}");

    let (status, _, body) = get(addr, &json!({"events": [{"type": "patchElements", "selector": 7}]})).await;
    assert_eq!(status, 400);
    assert!(body.contains("events[0]"), "the message names the field: {body}");

    let (status, _, body) = get(addr, &json!({"events": [{"type": "patchElements", "mode": "morph"}]})).await;
    assert_eq!(status, 400);
    assert!(body.contains("outer"), "the outer trap is explained: {body}");

    let (status, _, body) = send(addr, "POST", "{\"events\": [").await;
    assert_eq!(status, 400, "{body}");

    let response = reqwest::Client::new()
        .get(format!("http://{addr}/test?datastar=%7B%22events"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);

    let (status, _, _) = send(addr, "POST", vec![b' '; 2 * 1024 * 1024]).await;
    assert_eq!(status, 413);

    let body = events(addr, json!([{"type": "patchSignals", "signals": {"still": "up"}}])).await;
    assert_eq!(
        body,
        "event: datastar-patch-signals\ndata: signals {\"still\":\"up\"}\n\n"
    );
}
