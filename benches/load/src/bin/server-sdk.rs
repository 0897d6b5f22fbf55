//! The peer: the same endpoints written the way the official Datastar Rust SDK's axum
//! examples write them: `PatchElements` turned into axum `Sse` events, streamed by
//! axum's `Sse` with its keep-alive.

use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use datastar::prelude::{ElementPatchMode, PatchElements};
use futures_util::{Stream, StreamExt};
use load_bench::feed_html::{fragment, now_nanos, random_u64};
use load_bench::server::{self, producer, subscribe, ticks};
use serde::Serialize;
use tokio::sync::broadcast;

/// The Node seed's `backendData`.
#[derive(Default, Serialize)]
struct Backend {
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<String>,
}

#[derive(Clone)]
struct App {
    backend: Arc<Mutex<Backend>>,
    shared: broadcast::Sender<String>,
    period: Duration,
}

fn main() {
    server::run(|args| {
        let app = App {
            backend: Arc::default(),
            shared: producer(args.period, 16, |stamp| fragment(stamp, random_u64())),
            period: args.period,
        };
        Router::new()
            .route("/node/get", get(node_get))
            .route("/python/target", get(python_target))
            .route("/bench/broadcast", get(broadcast_feed))
            .route("/bench/timer", get(timer_feed))
            .route("/bench/idle", get(idle_feed))
            .with_state(app)
    });
}

async fn node_get(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let state = serde_json::to_string(&*app.backend.lock().unwrap_or_else(PoisonError::into_inner))
        .unwrap_or_else(|_| "{}".to_owned());
    let events = [
        PatchElements::new(format!("<div id=\"output2\">Backend State: {state}.</div>")).write_as_axum_sse_event(),
        PatchElements::new("<div id=\"output3\">Check this out!</div>")
            .selector("#main")
            .mode(ElementPatchMode::Prepend)
            .write_as_axum_sse_event(),
    ];
    Sse::new(futures_util::stream::iter(events.map(Ok)))
}

async fn python_target() -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let html = format!("<div id=\"target\"><b>{}</b></div>", utc_now());
    Sse::new(futures_util::stream::once(std::future::ready(Ok(PatchElements::new(
        html,
    )
    .write_as_axum_sse_event()))))
}

async fn broadcast_feed(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    Sse::new(subscribe(&app.shared).map(|html| Ok(PatchElements::new(html).write_as_axum_sse_event())))
        .keep_alive(KeepAlive::default())
}

async fn timer_feed(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    Sse::new(
        ticks(app.period)
            .map(|()| Ok(PatchElements::new(fragment(now_nanos(), random_u64())).write_as_axum_sse_event())),
    )
    .keep_alive(KeepAlive::default())
}

async fn idle_feed() -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    Sse::new(futures_util::stream::pending()).keep_alive(KeepAlive::default())
}

/// `time.strftime("%Y-%m-%d %H:%M:%S")` in UTC, as the Python seed shows it.
fn utc_now() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, secs) = ((seconds / 86_400) as i64, seconds % 86_400);
    // Days to a civil date, counting in 400-year cycles of years that begin in March.
    let shifted = days + 719_468;
    let cycle = shifted.div_euclid(146_097);
    let day_of_cycle = shifted.rem_euclid(146_097);
    let year_of_cycle = (day_of_cycle - day_of_cycle / 1_460 + day_of_cycle / 36_524 - day_of_cycle / 146_096) / 365;
    let day_of_year = day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
    let march_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = year_of_cycle + cycle * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}
