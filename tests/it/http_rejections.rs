//! Rejections the page can show: by default a rejection is a 4xx with a plain-text reason;
//! under `RejectionEvents` it is an event, in the router's dialect, that the page displays.

use axum::Router;
use axum::routing::{get, post};
use datastar_runtime::event::{ConsoleLevel, ConsoleMessage, PatchElements, PatchSignals};
use datastar_runtime::extract::{Rejection, RejectionEvents};
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::test::{Client, TestServer};
use datastar_runtime::{Dialect, Event, Mode, Reply, Signals};
use http::StatusCode;
use serde::Deserialize;
use serde_json::json;

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

/// A page of `dialect`'s generation talking to `server` over TCP.
fn page(server: &TestServer, dialect: Dialect) -> Client {
    server.client().dialect(dialect)
}

/// The patch `RejectionEvents::patch("#errors")` sends for `reason` (already escaped).
fn alert(reason: &str) -> Event {
    PatchElements::new(format!("<p role=\"alert\">{reason}</p>"))
        .selector("#errors")
        .mode(Mode::Inner)
        .into()
}

#[tokio::test]
async fn by_default_a_rejection_is_a_4xx_with_a_plain_reason() {
    let server = TestServer::start(routes()).await.expect("a test server");
    let page = page(&server, Dialect::V1);
    let reply = page
        .post("/save")
        .signals(&json!({"count": "<b>many</b>"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    assert_eq!(reply.header("content-type"), Some("text/plain; charset=utf-8"));
    assert!(
        reply
            .text()
            .starts_with("the signals do not match the expected type at `count`"),
        "{}",
        reply.text()
    );
    assert_eq!(reply.events(), []);
    let reply = page.post("/rename").signals(" ").send().await.unwrap();
    assert_eq!(
        (reply.status(), reply.text().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "a name cannot be <blank>")
    );
}

#[tokio::test]
async fn rejection_events_patch_the_escaped_reason_into_the_page_in_each_dialect() {
    let app = Router::new()
        .nest("/019", routes().layer(Dialect::V019))
        .merge(routes())
        .layer(RejectionEvents::patch("#errors"));
    let server = TestServer::start(app).await.expect("a test server");

    let reply = page(&server, Dialect::V1)
        .post("/save")
        .signals(&json!({"count": "<b>many</b>"}))
        .send()
        .await
        .unwrap();
    // 200: the only status whose body Datastar 1.0 reads.
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("text/event-stream"));
    // The reason quotes the client's input: it arrives escaped, never as markup.
    assert_eq!(
        reply.events(),
        [alert(
            "the signals do not match the expected type at `count`: \
             invalid type: string &quot;&lt;b&gt;many&lt;/b&gt;&quot;, expected u32 at line 1 column 22"
        )]
    );

    // Read in 0.19's words (`merge inner`, `fragment`), or the reply would not parse.
    let reply = page(&server, Dialect::V019)
        .post("/019/rename")
        .signals("")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(reply.events(), [alert("a name cannot be &lt;blank&gt;")]);

    // Valid requests and other 4xx responses pass through untouched.
    let reply = page(&server, Dialect::V1)
        .post("/save")
        .signals(&json!({"count": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(
        reply.events(),
        [Event::from(PatchElements::new("<span id=\"count\">3</span>"))]
    );
    let reply = page(&server, Dialect::V1).get("/plain-404").send().await.unwrap();
    assert_eq!(reply.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn console_rejections_use_the_console_where_the_dialect_has_one() {
    let app = Router::new()
        .nest("/2024", routes().layer(Dialect::FRAGMENT_2024))
        .nest("/019", routes().layer(Dialect::V019))
        .layer(RejectionEvents::console("#errors"));
    let server = TestServer::start(app).await.expect("a test server");
    let reply = page(&server, Dialect::V019)
        .post("/019/rename")
        .signals(" ")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(
        reply.events(),
        [Event::from(ConsoleMessage::new(
            ConsoleLevel::Error,
            "a name cannot be <blank>"
        ))]
    );
    // The 2024 client has no console: the reason is patched into the fallback selector.
    let reply = page(&server, Dialect::FRAGMENT_2024)
        .post("/2024/rename")
        .signals(" ")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(reply.events(), [alert("a name cannot be &lt;blank&gt;")]);
}

#[tokio::test]
async fn rejections_can_become_any_event_such_as_an_error_signal() {
    let app = routes().layer(RejectionEvents::render(|rejection| {
        PatchSignals::value(&serde_json::json!({ "error": rejection.message(), "status": rejection.status().as_u16() }))
            .into()
    }));
    let server = TestServer::start(app).await.expect("a test server");
    // What a broken client sends: not JSON at all.
    let reply = page(&server, Dialect::V1)
        .post("/save")
        .signals_json("{")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(
        reply.events(),
        [Event::from(PatchSignals::raw(
            "{\"error\":\"the signals are not valid JSON: \
             EOF while parsing an object at line 1 column 1\",\"status\":400}"
        ))]
    );
}
