//! The team guide's sketch of the DSL, compiled and served as written (modulo the state
//! type): a fragment, a route composing it with backend state, and a feed of markup.

use std::time::Duration;

use axum::extract::State;
use datastar_runtime::event::PatchElements;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::test::TestServer;
use datastar_runtime::{Event, IntoEvents, Mode, every, fragment, get, routes};
use futures_util::Stream;

#[derive(Clone)]
struct Db(&'static str);

#[fragment]
fn backend_state(db: &Db) -> Markup {
    html! { div #output2 { "Backend State: " (db.0) "." } }
}

#[fragment(selector = "#main", merge = "prepend_element")]
fn check_this_out() -> Markup {
    html! { div #output3 { "Check this out!" } }
}

#[get("/get")]
async fn get(State(db): State<Db>) -> impl IntoEvents {
    (backend_state(&db), check_this_out())
}

#[get("/feed")]
#[fragment]
fn feed() -> impl Stream<Item = Markup> {
    let mut n = 0;
    every(Duration::from_millis(20), move || {
        n += 1;
        html! { span #feed { (n) } }
    })
}

async fn start() -> TestServer {
    let app = routes![get, feed].with_state(Db("{\"input\":\"<b>\"}"));
    TestServer::start(app).await.expect("a test server")
}

#[tokio::test]
async fn the_sketch_composes_two_fragments_in_order() {
    let server = start().await;
    let reply = server.client().get("/get").send().await.expect("reply");
    assert_eq!(reply.header("content-type"), Some("text/event-stream"));
    assert_eq!(
        reply.events(),
        [
            Event::from(PatchElements::new(
                "<div id=\"output2\">Backend State: {&quot;input&quot;:&quot;&lt;b&gt;&quot;}.</div>"
            )),
            PatchElements::new("<div id=\"output3\">Check this out!</div>")
                .selector("#main")
                .mode(Mode::Prepend)
                .into(),
        ]
    );
}

#[tokio::test]
async fn the_sketch_feed_streams_markup_with_the_fragment_options() {
    let server = start().await;
    let mut live = server.client().get("/feed").open().await.expect("reply");
    let ticks = live
        .next_events(3, Duration::from_secs(10))
        .await
        .expect("feed too slow");
    let expected: Vec<Event> = (1..=3)
        .map(|n| PatchElements::new(format!("<span id=\"feed\">{n}</span>")).into())
        .collect();
    assert_eq!(ticks, expected);
}
