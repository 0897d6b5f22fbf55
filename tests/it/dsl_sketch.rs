//! The team guide's sketch of the DSL, compiled and served as written (modulo the state
//! type): a fragment, a route composing it with backend state, and a feed of markup.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::State;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{IntoEvents, every, fragment, get, routes};
use futures_util::Stream;
use futures_util::StreamExt;

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

async fn start() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = routes![get, feed].with_state(Db("{\"input\":\"<b>\"}"));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

#[tokio::test]
async fn the_sketch_composes_two_fragments_in_order() {
    let addr = start().await;
    let response = reqwest::get(format!("http://{addr}/get")).await.unwrap();
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert_eq!(
        response.text().await.unwrap(),
        "event: datastar-patch-elements\ndata: elements <div id=\"output2\">Backend State: {&quot;input&quot;:&quot;&lt;b&gt;&quot;}.</div>\n\n\
         event: datastar-patch-elements\ndata: selector #main\ndata: mode prepend\n\
         data: elements <div id=\"output3\">Check this out!</div>\n\n"
    );
}

#[tokio::test]
async fn the_sketch_feed_streams_markup_with_the_fragment_options() {
    let addr = start().await;
    let response = reqwest::get(format!("http://{addr}/feed")).await.unwrap();
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen.contains("<span id=\"feed\">3</span>") {
        let chunk = tokio::time::timeout_at(deadline, body.next())
            .await
            .expect("feed too slow")
            .unwrap()
            .unwrap();
        seen.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert!(
        seen.starts_with(
            "event: datastar-patch-elements\ndata: elements <span id=\"feed\">1</span>\n\n\
         event: datastar-patch-elements\ndata: elements <span id=\"feed\">2</span>\n\n"
        ),
        "{seen}"
    );
}
