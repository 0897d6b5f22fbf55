//! Dialect per router: one app serves each client generation in its own words, from the
//! same handlers; what a dialect cannot say is a logged 500 with the reason, never bytes
//! the client would misread.

use axum::Router;
use axum::routing::get;
use datastar_runtime::event::{ExecuteScript, PatchElements};
use datastar_runtime::test::TestServer;
use datastar_runtime::{Dialect, Event, Mode, Reply, feed};
use futures_util::stream;

async fn prepend() -> Reply<PatchElements> {
    Reply(
        PatchElements::new("<div id=\"output3\">Check this out!</div>")
            .selector("#main")
            .mode(Mode::Prepend),
    )
}

async fn ticks() -> impl axum::response::IntoResponse {
    feed(stream::iter(
        (1..=2).map(|n| PatchElements::new(format!("<span id=\"feed\">{n}</span>"))),
    ))
}

fn pages() -> Router {
    Router::new().route("/prepend", get(prepend)).route("/feed", get(ticks))
}

/// A page of `dialect` GETs `path`: the status, and the body as text (whose words are what
/// these tests check; the page reading it at all says they are its generation's).
async fn body(server: &TestServer, dialect: Dialect, path: &str) -> (u16, String) {
    let reply = server.client().dialect(dialect).get(path).send().await.expect("reply");
    (reply.status().as_u16(), reply.text())
}

#[tokio::test]
async fn routers_with_different_dialects_serve_the_same_handlers_in_one_app() {
    let app = Router::new()
        .nest("/2024", pages().layer(Dialect::FRAGMENT_2024))
        .nest("/019", pages().layer(Dialect::V019))
        .nest("/021", pages().layer(Dialect::V021))
        .merge(pages());
    let server = TestServer::start(app).await.expect("a test server");

    // The words that differ between generations; the encoders' own tests pin every byte.
    let expected = [
        (
            Dialect::FRAGMENT_2024,
            "/2024",
            "event: datastar-fragment\n",
            "data: merge prepend_element\n",
            "data: fragment ",
        ),
        (
            Dialect::V019,
            "/019",
            "event: datastar-fragment\n",
            "data: merge prepend\n",
            "data: fragment ",
        ),
        (
            Dialect::V021,
            "/021",
            "event: datastar-merge-fragments\n",
            "data: mergeMode prepend\n",
            "data: fragments ",
        ),
        (
            Dialect::V1,
            "",
            "event: datastar-patch-elements\n",
            "data: mode prepend\n",
            "data: elements ",
        ),
    ];
    for (dialect, prefix, event, mode, html) in expected {
        let (status, text) = body(&server, dialect, &format!("{prefix}/prepend")).await;
        assert_eq!(status, 200, "{prefix}");
        assert!(text.starts_with(event), "{prefix}: {text}");
        assert!(text.contains("\ndata: selector #main\n"), "{prefix}: {text}");
        assert!(text.contains(mode), "{prefix}: {text}");
        assert!(
            text.ends_with(&format!("{html}<div id=\"output3\">Check this out!</div>\n\n")),
            "{prefix}: {text}"
        );
        assert_eq!(text.matches("event: ").count(), 1, "{prefix}: {text}");
    }

    // Live streams speak their router's dialect too: each page reads them in its own
    // generation's words (in the other's, they would not parse).
    let ticks: Vec<Event> = (1..=2)
        .map(|n| PatchElements::new(format!("<span id=\"feed\">{n}</span>")).into())
        .collect();
    for (dialect, path) in [(Dialect::V019, "/019/feed"), (Dialect::V1, "/feed")] {
        let reply = server.client().dialect(dialect).get(path).send().await.expect("reply");
        assert_eq!(reply.status(), 200, "{path}");
        assert_eq!(reply.events(), ticks, "{path}");
    }
}

#[tokio::test]
async fn the_innermost_router_dialect_wins() {
    let inner = pages().layer(Dialect::V019);
    let outer = Router::new().nest("/inner", inner).merge(pages()).layer(Dialect::V021);
    let server = TestServer::start(Router::new().nest("/site", outer))
        .await
        .expect("a test server");
    let (_, inner) = body(&server, Dialect::V019, "/site/inner/prepend").await;
    assert!(inner.starts_with("event: datastar-fragment\n"), "{inner}");
    let (_, outer) = body(&server, Dialect::V021, "/site/prepend").await;
    assert!(outer.starts_with("event: datastar-merge-fragments\n"), "{outer}");
}

#[tokio::test]
async fn output_the_dialect_cannot_express_is_a_500_with_the_reason() {
    let app = Router::new()
        .route("/script", get(|| async { Reply(ExecuteScript::new("alert(1)")) }))
        .route(
            "/broken-selector",
            get(|| async { Reply(PatchElements::new("<p id=\"a\">x</p>").selector("#a\nevent: injected")) }),
        )
        .layer(Dialect::FRAGMENT_2024);
    let server = TestServer::start(app).await.expect("a test server");
    let (status, text) = body(&server, Dialect::FRAGMENT_2024, "/script").await;
    assert_eq!(status, 500);
    assert!(text.starts_with("the Datastar 2024 dialect cannot express "), "{text}");
    let (status, text) = body(&server, Dialect::FRAGMENT_2024, "/broken-selector").await;
    assert_eq!(status, 500);
    assert_eq!(
        text,
        "the selector contains a line break (CR or LF), which would corrupt the event stream"
    );
}
