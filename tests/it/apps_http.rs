//! The apps of `apps_support` over TCP: a progress loop with a redirect, a delete by a
//! run-time id, three reply shapes from one handler, two events per tick, a broadcast of a
//! fragment with a second event, and a loop that stops when its page goes away.

use tests::http_support;

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use datastar_runtime::broadcast::Subscription;
use datastar_runtime::event::{PatchElements, PatchSignals, Redirect, RemoveElements};
use datastar_runtime::maud::{Markup, html};
use datastar_runtime::test::TestServer;
use datastar_runtime::{Broadcast, Dialect, Event, Mode, fragment};
use http_support::{HANG, ONE_SECOND_AND_SLACK, Raw, within};

use crate::apps_support::{self, Apps};

async fn start(step: Duration) -> (TestServer, Apps) {
    let apps = Apps::new(step);
    (
        TestServer::start(apps_support::router(apps.clone(), None))
            .await
            .expect("a test server"),
        apps,
    )
}

/// The two events of a progress step: the bar, then the page title.
fn step(pct: u32) -> [Event; 2] {
    [
        PatchElements::new(format!(
            "<div id=\"bar\" role=\"progressbar\" aria-valuenow=\"{pct}\">{pct}%</div>"
        ))
        .into(),
        PatchElements::new(format!("<title>Progress {pct}%</title>"))
            .selector("title")
            .into(),
    ]
}

#[tokio::test]
async fn a_progress_loop_streams_each_step_as_it_is_sent_then_redirects_and_ends() {
    let (server, apps) = start(Duration::from_millis(150)).await;
    let mut live = server.client().get("/progress/run").open().await.expect("reply");
    assert_eq!(live.header("content-type"), Some("text/event-stream"));
    // The first step is on the wire while the loop still runs: sent, not batched.
    let first = live.next_events(2, HANG).await.expect("the first step");
    assert_eq!(first, step(0));
    assert_eq!(apps.running(), 1, "the loop is still running after its first send");
    let rest = live.rest(HANG).await.expect("the loop to end");
    let mut expected: Vec<Event> = (20..=100).step_by(20).flat_map(step).collect();
    expected.push(Redirect::new("/progress/done").into());
    assert_eq!(rest, expected);
    assert_eq!(apps.running(), 0, "the loop has returned");
}

#[tokio::test]
async fn a_loop_stops_within_a_second_of_its_page_going_away() {
    let (server, apps) = start(Duration::from_millis(20)).await;
    let mut raw = Raw::connect(server.addr()).await;
    raw.get("/progress/forever").await;
    // The ready bar, then two sends of the loop.
    assert!(raw.read_until_count("aria-valuenow", 3).await, "{}", raw.text());
    assert_eq!(apps.running(), 1);
    let gone = Instant::now();
    drop(raw);
    while apps.running() != 0 && gone.elapsed() < ONE_SECOND_AND_SLACK {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let stopped = gone.elapsed();
    println!("the loop stopped {} ms after its client left", stopped.as_millis());
    assert_eq!(
        apps.running(),
        0,
        "the loop still runs {} ms after its client left",
        stopped.as_millis()
    );
}

#[tokio::test]
async fn a_row_is_deleted_by_its_run_time_id_and_a_second_delete_is_a_404() {
    let (server, _apps) = start(Duration::from_millis(20)).await;
    let page = server.client();
    let reply = page.delete("/contacts/2").send().await.expect("reply");
    assert_eq!(reply.status(), 200);
    assert_eq!(
        reply.events(),
        [
            Event::from(RemoveElements::new("#contact_2")),
            PatchElements::new("<td class=\"hint\">next to go</td>")
                .selector("#contact_1 td.hint")
                .into(),
            PatchElements::new("<span id=\"count\">2 contacts</span>").into(),
        ]
    );
    let again = page.delete("/contacts/2").send().await.expect("reply");
    assert_eq!(again.status(), 404);
    // An id that is not a number never reaches a selector.
    let bad = page.delete("/contacts/2%0A%23x").send().await.expect("reply");
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn one_handler_replies_in_three_shapes_chosen_by_a_match() {
    let (server, _apps) = start(Duration::from_millis(20)).await;
    let post = |json: &'static str| {
        let request = server.client().post("/branches").signals_json(json);
        async move {
            let reply = request.send().await.expect("reply");
            assert_eq!(reply.status(), 200, "{json}");
            reply.events().to_vec()
        }
    };
    assert_eq!(
        post(r#"{"shape":"fragment"}"#).await,
        [Event::from(
            PatchElements::new("<em>from a fragment</em>")
                .selector("#note")
                .mode(Mode::Inner)
        )]
    );
    assert_eq!(
        post(r#"{"shape":"signals"}"#).await,
        [Event::from(PatchSignals::raw("{\"answer\":\"from signals\"}"))]
    );
    // `{}`, a page's first request: the `#[serde(default)]` field makes it the third shape.
    assert_eq!(post("{}").await, [Event::from(Redirect::new("/branches/done"))]);
}

#[tokio::test]
async fn a_required_signal_that_is_missing_is_named_with_what_to_write() {
    let (server, _apps) = start(Duration::from_millis(20)).await;
    let reply = server
        .client()
        .post("/strict")
        .signals_json("{}")
        .send()
        .await
        .expect("reply");
    assert_eq!(reply.status(), 400);
    let text = reply.text();
    assert!(text.contains("the signal `shape` is absent"), "{text}");
    assert!(
        text.contains("`#[serde(default)]`") && text.contains("`Option`"),
        "{text}"
    );
    assert!(text.contains("first request often sends `{}`"), "{text}");
}

#[tokio::test]
async fn a_ticker_sends_two_events_per_tick() {
    let (server, _apps) = start(Duration::from_millis(30)).await;
    let mut live = server.client().get("/ticker/feed").open().await.expect("reply");
    let ticks = live.next_events(4, HANG).await.expect("two ticks");
    let tick = |n: u32| {
        [
            Event::from(PatchElements::new(format!("<span id=\"tick\">tick {n}</span>"))),
            PatchElements::new(format!("<title>Ticker {n}</title>"))
                .selector("title")
                .into(),
        ]
    };
    let expected: Vec<Event> = tick(1).into_iter().chain(tick(2)).collect();
    assert_eq!(ticks, expected);
}

#[fragment]
fn online(n: u32) -> Markup {
    html! { span #online { (n) " online" } }
}

async fn room(State(room): State<Broadcast>) -> Subscription {
    room.subscribe()
}

#[tokio::test]
async fn a_broadcast_carries_a_fragment_and_a_second_event_as_one_message() {
    let room_broadcast = Broadcast::new();
    let app = Router::new()
        .route("/room", get(room))
        .with_state(room_broadcast.clone());
    let server = TestServer::start(app).await.expect("a test server");
    room_broadcast.send((
        online(3),
        PatchElements::new("<title>3 online</title>").selector("title"),
    ));
    let mut page = server.client().get("/room").open().await.expect("reply");
    let message = page.next_events(2, HANG).await.expect("the message");
    assert_eq!(
        message,
        [
            Event::from(PatchElements::new("<span id=\"online\">3 online</span>")),
            PatchElements::new("<title>3 online</title>").selector("title").into(),
        ]
    );
}

#[tokio::test]
async fn a_loop_is_written_in_the_router_dialect_and_ends_at_a_graceful_shutdown() {
    let apps = Apps::new(Duration::from_millis(20));
    let app = apps_support::router(apps.clone(), None).layer(Dialect::V019);
    let server = TestServer::start(app).await.expect("a test server");
    let mut raw = Raw::connect(server.addr()).await;
    raw.get("/progress/forever").await;
    // 0.19's words for the same loop.
    assert!(
        raw.read_until_count("event: datastar-fragment", 3).await,
        "{}",
        raw.text()
    );
    assert_eq!(apps.running(), 1);
    within("a graceful shutdown", server.stop()).await.expect("the server");
    let rest = raw.read_to_end().await;
    assert!(rest.ends_with("\r\n0\r\n\r\n"), "the body ends cleanly: {rest:?}");
    assert_eq!(apps.running(), 0, "the loop ended with its stream");
}

#[tokio::test]
async fn a_client_that_does_not_read_makes_the_loop_wait_instead_of_buffering() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    let app = Router::new().route(
        "/flood",
        get(move || {
            let counter = counter.clone();
            async move {
                datastar_runtime::feed_fn(move |mut out| async move {
                    let big = "x".repeat(256 * 1024);
                    loop {
                        out.send(PatchElements::new(format!("<p id=\"big\">{big}</p>"))).await?;
                        counter.fetch_add(1, Ordering::SeqCst);
                    }
                })
            }
        }),
    );
    let server = TestServer::start(app).await.expect("a test server");
    let mut raw = Raw::connect(server.addr()).await;
    raw.get("/flood").await;
    // The client reads nothing more: the socket buffers fill, then the loop must stop.
    let mut last = usize::MAX;
    let mut settled = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = sent.load(Ordering::SeqCst);
        if now == last && now > 0 {
            settled = true;
            break;
        }
        last = now;
    }
    let now = sent.load(Ordering::SeqCst);
    println!("{now} sends of 256 KiB went out before the loop waited");
    assert!(settled, "the loop never waited: {now} sends");
    // Socket buffers hold a few MiB; 100 sends would be 25 MiB held for one page.
    assert!(now < 100, "{now} sends buffered for a client that reads nothing");
    drop(raw);
}
