//! The macros' generated handlers, served over real TCP and called with a real HTTP client:
//! the Node seed restated with `#[fragment]`, route attributes and `routes!`, in two
//! dialects, plus every return kind, extractors, state, nesting and the router's checks.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use datastar_runtime::event::PatchElements;
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, IntoEvents, Signals, delete, fragment, get, post, put, routes, signals};
use futures_util::StreamExt;
use http::StatusCode;
use serde::{Deserialize, Serialize};

/// The Node seed's backend state: the last input it was sent.
#[derive(Clone, Default)]
struct Db(Arc<Mutex<Option<String>>>);

#[derive(Deserialize)]
struct Input {
    input: String,
}

#[fragment]
fn output2(db: &Db) -> Markup {
    let state = db.0.lock().expect("not poisoned").clone().unwrap_or_default();
    html! { div #output2 { "Backend State: " (state) "." } }
}

#[fragment(selector = "#main", merge = "prepend_element")]
fn output3() -> Markup {
    html! { div #output3 { "Check this out!" } }
}

#[put("/put")]
#[fragment]
async fn put_input(State(db): State<Db>, Signals(signals): Signals<Input>) -> Markup {
    *db.0.lock().expect("not poisoned") = Some(signals.input.clone());
    html! { div #output { "Your input: " (signals.input) ", is " (signals.input.chars().count()) " long." } }
}

#[get("/get")]
async fn get_state(State(db): State<Db>) -> impl IntoEvents {
    (output2(&db), output3())
}

#[fragment]
#[get("/feed")]
fn feed() -> impl futures_util::Stream<Item = Markup> + Send + 'static {
    futures_util::stream::iter(1..).then(|n| async move {
        if n > 1 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        html! { span #feed { (n) } }
    })
}

#[get("/")]
fn index() -> Markup {
    html! { main #main { div #output {} } }
}

fn node(dialect: Dialect) -> Router {
    routes![dialect = dialect; index, put_input, get_state, feed].with_state(Db::default())
}

/// A served router and its base URL.
struct Served {
    base: String,
    client: reqwest::Client,
}

async fn serve(app: Router) -> Served {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    Served {
        base: format!("http://{address}"),
        client: reqwest::Client::new(),
    }
}

impl Served {
    async fn get(&self, path: &str) -> (StatusCode, String, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        read(response).await
    }

    async fn send(&self, method: http::Method, path: &str, json: &str) -> (StatusCode, String, String) {
        let response = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .header("datastar-request", "true")
            .body(json.to_owned())
            .send()
            .await
            .expect("request");
        read(response).await
    }
}

async fn read(response: reqwest::Response) -> (StatusCode, String, String) {
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().expect("ascii").to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.expect("body"))
}

#[tokio::test]
async fn the_node_seed_in_the_1_0_dialect() {
    let server = serve(node(Dialect::V1)).await;
    let (status, content_type, body) = server.send(http::Method::PUT, "/put", r#"{"input":"héllo"}"#).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/event-stream");
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: elements <div id=\"output\">Your input: héllo, is 5 long.</div>\n\n"
    );
    let (_, _, body) = server.get("/get").await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: elements <div id=\"output2\">Backend State: héllo.</div>\n\n\
         event: datastar-patch-elements\ndata: selector #main\ndata: mode prepend\n\
         data: elements <div id=\"output3\">Check this out!</div>\n\n"
    );
}

#[tokio::test]
async fn the_node_seed_in_the_0_19_dialect() {
    let server = serve(node(Dialect::V019)).await;
    server.send(http::Method::PUT, "/put", r#"{"input":"<b>"}"#).await;
    let (_, content_type, body) = server.get("/get").await;
    assert_eq!(content_type, "text/event-stream");
    assert_eq!(
        body,
        "event: datastar-fragment\ndata: vt false\ndata: fragment <div id=\"output2\">Backend State: &lt;b&gt;.</div>\n\n\
         event: datastar-fragment\ndata: selector #main\ndata: merge prepend\ndata: vt false\n\
         data: fragment <div id=\"output3\">Check this out!</div>\n\n"
    );
}

#[tokio::test]
async fn a_page_returning_markup_is_html_and_a_stream_is_a_feed() {
    let server = serve(node(Dialect::V1)).await;
    let (status, content_type, body) = server.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert_eq!(body, "<main id=\"main\"><div id=\"output\"></div></main>");

    let response = server
        .client
        .get(format!("{}/feed", server.base))
        .send()
        .await
        .expect("feed");
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    while seen.matches("\n\n").count() < 3 {
        let chunk = body.next().await.expect("the feed keeps going").expect("chunk");
        seen.push_str(std::str::from_utf8(&chunk).expect("utf-8"));
    }
    assert!(
        seen.starts_with(
            "event: datastar-patch-elements\ndata: elements <span id=\"feed\">1</span>\n\n\
             event: datastar-patch-elements\ndata: elements <span id=\"feed\">2</span>\n\n"
        ),
        "{seen}"
    );
}

#[fragment(selector = "#main", merge = "prepend_element")]
async fn output3_async() -> Markup {
    output3_markup()
}

fn output3_markup() -> Markup {
    html! { div #output3 { "Check this out!" } }
}

/// An async fragment is an axum handler as it is; a sync one composes in sync code.
#[tokio::test]
async fn fragments_are_plain_axum_handlers_too() {
    let app = Router::new()
        .route("/put", axum::routing::put(put_input))
        .route("/output3", axum::routing::get(output3_async))
        .with_state(Db::default());
    let server = serve(app).await;
    let (_, content_type, body) = server.get("/output3").await;
    assert_eq!(content_type, "text/event-stream");
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: selector #main\ndata: mode prepend\n\
         data: elements <div id=\"output3\">Check this out!</div>\n\n"
    );
    let (status, _, body) = server.send(http::Method::PUT, "/put", r#"{"input":"x"}"#).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Your input: x, is 1 long."), "{body}");
    let (status, _, body) = server.send(http::Method::PUT, "/put", r#"{"nope":1}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

// Every key, every return kind, both orders of stacked attributes.

#[derive(Deserialize)]
struct Page {
    n: Option<u32>,
}

#[get("/result")]
#[fragment(selector = "#count", mode = "inner", view_transition)]
fn result(Query(page): Query<Page>) -> Result<Markup, (StatusCode, &'static str)> {
    match page.n {
        Some(n) => Ok(html! { b { (n) } }),
        None => Err((StatusCode::BAD_REQUEST, "n is missing")),
    }
}

#[fragment(mode = "append", selector = "ul", id = "item-1", retry = 2500)]
#[post("/items")]
fn items(Query(page): Query<Page>) -> Vec<Markup> {
    (0..page.n.unwrap_or(2)).map(|i| html! { li { (i) } }).collect()
}

#[get("/maybe")]
#[fragment]
fn maybe(Query(page): Query<Page>) -> Option<Markup> {
    page.n.map(|n| html! { p #maybe { (n) } })
}

#[get("/pair")]
#[fragment(merge = "outer", settle = 700)]
async fn pair() -> (Markup, Markup) {
    (html! { p #a { "a" } }, html! { p #b { "b" } })
}

#[delete("/toast")]
#[fragment(selector = "#toast", mode = "remove")]
async fn dismiss(State(db): State<Db>) {
    *db.0.lock().expect("not poisoned") = None;
}

#[fragment(namespace = "svg", selector = "#chart", mode = "append")]
#[get("/dot")]
fn dot() -> Markup {
    html! { circle r="2" {} }
}

#[derive(Serialize)]
struct Counter {
    count: u32,
}

#[signals(only_if_missing)]
#[datastar_runtime::patch("/counter")]
async fn counter(Query(page): Query<Page>) -> Counter {
    Counter {
        count: page.n.unwrap_or(0),
    }
}

#[post("/checked")]
#[signals]
fn checked(Query(page): Query<Page>) -> Result<Counter, StatusCode> {
    page.n
        .map(|count| Counter { count })
        .ok_or(StatusCode::UNPROCESSABLE_ENTITY)
}

#[get("/events")]
fn events() -> PatchElements {
    PatchElements::new("<p id=\"e\">e</p>")
}

fn kinds() -> Router {
    routes![result, items, maybe, pair, dismiss, dot, counter, checked, events].with_state(Db::default())
}

#[tokio::test]
async fn every_key_and_return_kind() {
    let server = serve(kinds()).await;
    let (status, _, body) = server.get("/result?n=3").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: selector #count\ndata: mode inner\ndata: useViewTransition true\n\
         data: elements <b>3</b>\n\n"
    );
    let (status, content_type, body) = server.get("/result").await;
    assert_eq!((status, body.as_str()), (StatusCode::BAD_REQUEST, "n is missing"));
    assert!(content_type.starts_with("text/plain"), "{content_type}");

    let (_, _, body) = server.send(http::Method::POST, "/items?n=2", "{}").await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\nid: item-1\nretry: 2500\ndata: selector ul\ndata: mode append\ndata: elements <li>0</li>\n\n\
         event: datastar-patch-elements\nid: item-1\nretry: 2500\ndata: selector ul\ndata: mode append\ndata: elements <li>1</li>\n\n"
    );

    let (status, content_type, body) = server.get("/maybe").await;
    assert_eq!(
        (status, content_type.as_str(), body.as_str()),
        (StatusCode::OK, "text/event-stream", "")
    );
    let (_, _, body) = server.get("/maybe?n=1").await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: elements <p id=\"maybe\">1</p>\n\n"
    );

    let (_, _, body) = server.get("/pair").await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: mode replace\ndata: elements <p id=\"a\">a</p>\n\n\
         event: datastar-patch-elements\ndata: mode replace\ndata: elements <p id=\"b\">b</p>\n\n"
    );

    let (_, _, body) = server.send(http::Method::DELETE, "/toast", "{}").await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: selector #toast\ndata: mode remove\n\n"
    );

    let (_, _, body) = server.get("/dot").await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: selector #chart\ndata: mode append\ndata: namespace svg\n\
         data: elements <circle r=\"2\"></circle>\n\n"
    );

    let (_, _, body) = server.send(http::Method::PATCH, "/counter?n=4", "{}").await;
    assert_eq!(
        body,
        "event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {\"count\":4}\n\n"
    );
    let (_, _, body) = server.send(http::Method::POST, "/checked?n=5", "{}").await;
    assert_eq!(body, "event: datastar-patch-signals\ndata: signals {\"count\":5}\n\n");
    let (status, _, _) = server.send(http::Method::POST, "/checked", "{}").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (_, _, body) = server.get("/events").await;
    assert_eq!(
        body,
        "event: datastar-patch-elements\ndata: elements <p id=\"e\">e</p>\n\n"
    );

    // A route answers only its method.
    let (status, _, _) = server.send(http::Method::POST, "/pair", "{}").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn route_lists_nest_merge_and_take_state() {
    async fn plain() -> &'static str {
        "plain"
    }
    let old = routes![dialect = Dialect::V019; get_state];
    let app = Router::new()
        .nest("/old", old)
        .merge(routes![get_state, index])
        .route("/plain", axum::routing::get(plain))
        .with_state(Db::default());
    let server = serve(app).await;
    let (_, _, body) = server.get("/old/get").await;
    assert!(body.starts_with("event: datastar-fragment\n"), "{body}");
    let (_, _, body) = server.get("/get").await;
    assert!(body.starts_with("event: datastar-patch-elements\n"), "{body}");
    let (_, content_type, _) = server.get("/").await;
    assert!(content_type.starts_with("text/html"));
    let (_, _, body) = server.get("/plain").await;
    assert_eq!(body, "plain");
}

#[tokio::test]
async fn a_prefix_mounts_the_routes_without_nesting() {
    let version = "/v2";
    let app = Router::new()
        .merge(routes![prefix = "/v1", dialect = Dialect::V019; get_state, index])
        .merge(routes![dialect = Dialect::V1, prefix = version; get_state])
        .with_state(Db::default());
    let server = serve(app).await;
    let (_, _, body) = server.get("/v1/get").await;
    assert!(body.starts_with("event: datastar-fragment\n"), "{body}");
    let (_, _, body) = server.get("/v2/get").await;
    assert!(body.starts_with("event: datastar-patch-elements\n"), "{body}");
    // `/` under a prefix is the prefix itself, as with `nest`.
    let (status, content_type, _) = server.get("/v1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    let (status, _, _) = server.get("/get").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let panic = std::panic::catch_unwind(|| {
        let bad = String::from("v3");
        let _: Router<Db> = routes![prefix = bad; get_state];
    })
    .expect_err("a prefix without a leading slash");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(message.contains("the prefix `v3` must start with `/`"), "{message}");
}

#[fragment(merge = "upsert_attributes")]
#[get("/upsert")]
fn upsert() -> Markup {
    html! { main #main data-store="{}" {} }
}

#[test]
fn the_router_refuses_what_its_dialect_cannot_say() {
    let ok: Router = routes![dialect = Dialect::V019; upsert];
    let _ = ok;
    let panic = std::panic::catch_unwind(|| {
        let _: Router = routes![upsert];
    })
    .expect_err("upsert-attributes does not exist in 1.0");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(message.contains("::upsert` (GET /upsert)"), "{message}");
    assert!(message.contains("Datastar 1.0 dialect"), "{message}");
    assert!(message.contains("upsert-attributes"), "{message}");

    let panic = std::panic::catch_unwind(|| {
        let _: Router<Db> = routes![dialect = Dialect::V019; result, dot];
    })
    .expect_err("svg is 1.0 only");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(message.contains("::dot` (GET /dot)"), "{message}");
    assert!(message.contains("SVG or MathML"), "{message}");

    let panic = std::panic::catch_unwind(|| {
        let _: Router = routes![dialect = Dialect::FRAGMENT_2024; counter];
    })
    .expect_err("2024 has no signals without a store element");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    assert!(message.contains("::counter` (PATCH /counter)"), "{message}");
}
