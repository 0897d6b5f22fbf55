//! Rejections the page can show: by default a rejection is a 4xx with a plain-text reason;
//! under `RejectionEvents` it is an event, in the router's dialect, that the page displays.

use tests::http_support;

use axum::Router;
use axum::routing::{get, post};
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, PatchSignals, Rejection, RejectionEvents, Reply, Signals, WithDialect};
use http::StatusCode;
use http_support::{Server, client};
use serde::Deserialize;

#[derive(Deserialize)]
struct Count {
    count: u32,
}

async fn save(Signals(signals): Signals<Count>) -> Reply<Markup> {
    Reply(html! { span #count { (signals.count) } })
}

async fn rename(Signals(name): Signals<String>) -> Result<Reply<Markup>, Rejection> {
    if name.trim().is_empty() {
        return Err(Rejection::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "a name cannot be <blank>",
        ));
    }
    Ok(Reply(html! { span #name { (name) } }))
}

fn routes() -> Router {
    Router::new()
        .route("/save", post(save))
        .route("/rename", post(rename))
        .route("/plain-404", get(|| async { StatusCode::NOT_FOUND }))
}

async fn post_json(server: &Server, path: &str, body: &str) -> (StatusCode, String, String) {
    let response = client()
        .post(server.url(path))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("response");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().expect("ascii").to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.expect("body"))
}

#[tokio::test]
async fn by_default_a_rejection_is_a_4xx_with_a_plain_reason() {
    let server = Server::start(routes()).await;
    let (status, content_type, body) = post_json(&server, "/save", r#"{"count":"<b>many</b>"}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(content_type, "text/plain; charset=utf-8");
    assert!(
        body.starts_with("the signals do not match the expected type at `count`"),
        "{body}"
    );
    let (status, _, body) = post_json(&server, "/rename", r#"" ""#).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "a name cannot be <blank>")
    );
}

#[tokio::test]
async fn rejection_events_patch_the_escaped_reason_into_the_page_in_each_dialect() {
    let app = Router::new()
        .nest("/019", routes().with_dialect(Dialect::V019))
        .merge(routes())
        .layer(RejectionEvents::patch("#errors"));
    let server = Server::start(app).await;

    let (status, content_type, body) = post_json(&server, "/save", r#"{"count":"<b>many</b>"}"#).await;
    // 200: the only status whose body Datastar 1.0 reads.
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/event-stream");
    assert!(
        body.starts_with("event: datastar-patch-elements\ndata: selector #errors\ndata: mode inner\n"),
        "{body}"
    );
    // The reason quotes the client's input: it arrives escaped, never as markup.
    assert!(
        body.ends_with(
            "data: elements <p role=\"alert\">the signals do not match the expected type at `count`: \
             invalid type: string &quot;&lt;b&gt;many&lt;/b&gt;&quot;, expected u32 at line 1 column 22</p>\n\n"
        ),
        "{body}"
    );

    let (status, _, body) = post_json(&server, "/019/rename", r#""""#).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.starts_with("event: datastar-fragment\ndata: selector #errors\ndata: merge inner\n"),
        "{body}"
    );
    assert!(
        body.ends_with("data: fragment <p role=\"alert\">a name cannot be &lt;blank&gt;</p>\n\n"),
        "{body}"
    );

    // Valid requests and other 4xx responses pass through untouched.
    let (status, _, body) = post_json(&server, "/save", r#"{"count":3}"#).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.ends_with("<span id=\"count\">3</span>\n\n"), "{body}");
    let response = client().get(server.url("/plain-404")).send().await.expect("response");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn console_rejections_use_the_console_where_the_dialect_has_one() {
    let app = Router::new()
        .nest("/2024", routes().with_dialect(Dialect::FRAGMENT_2024))
        .nest("/019", routes().with_dialect(Dialect::V019))
        .layer(RejectionEvents::console("#errors"));
    let server = Server::start(app).await;
    let (status, _, body) = post_json(&server, "/019/rename", r#"" ""#).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        "event: datastar-console\ndata: error a name cannot be <blank>\n\n"
    );
    // The 2024 client has no console: the reason is patched into the fallback selector.
    let (status, _, body) = post_json(&server, "/2024/rename", r#"" ""#).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.starts_with("event: datastar-fragment\ndata: selector #errors\n"),
        "{body}"
    );
    assert!(body.contains("a name cannot be &lt;blank&gt;"), "{body}");
}

#[tokio::test]
async fn rejections_can_become_any_event_such_as_an_error_signal() {
    let app = routes().layer(RejectionEvents::render(|rejection| {
        PatchSignals::json(&serde_json::json!({ "error": rejection.message(), "status": rejection.status().as_u16() }))
            .into()
    }));
    let server = Server::start(app).await;
    let (status, _, body) = post_json(&server, "/save", "{").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        "event: datastar-patch-signals\ndata: signals {\"error\":\"the signals are not valid JSON: \
         EOF while parsing an object at line 1 column 1\",\"status\":400}\n\n"
    );
}
