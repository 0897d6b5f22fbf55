//! Four small apps in the shapes real Datastar apps take, written as a user would, for the
//! HTTP tests (`apps_http.rs`) and Chromium (`apps_browser.rs`, `tests/browser/apps.mjs`):
//!
//! - `/progress/`: a progress bar streamed by a loop (bar and page title per step), then a
//!   redirect; `/forever/` streams until its page goes away.
//! - `/contacts/`: rows deleted by an id only known at run time.
//! - `/branches/`: one handler, three reply shapes chosen by a `match`.
//! - `/ticker/`: a feed of two events per tick.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use datastar_runtime::event::{PatchElements, Redirect, RemoveElements};
use datastar_runtime::maud::{DOCTYPE, Markup, html};
use datastar_runtime::reply::Either;
use datastar_runtime::reply::{Closed, FeedSender, SignalsReply};
use datastar_runtime::{IntoEvents, Reply, Signals, delete, every, feed_fn, fragment, get, post, routes};
use serde::{Deserialize, Serialize};

/// What the apps share: their timing, their data, and a count of the loops still running.
#[derive(Clone)]
pub struct Apps {
    step: Duration,
    contacts: Arc<Mutex<BTreeMap<u32, String>>>,
    running: Arc<AtomicUsize>,
}

impl Apps {
    /// The apps with `step` between two sends of a loop or a feed.
    pub fn new(step: Duration) -> Self {
        let contacts = [(1, "Ada"), (2, "Grace"), (3, "Edsger")]
            .into_iter()
            .map(|(id, name)| (id, name.to_owned()))
            .collect();
        Apps {
            step,
            contacts: Arc::new(Mutex::new(contacts)),
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// How many streaming loops are running now.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// Counts a loop as running until the returned guard is dropped with it.
    fn start(&self) -> Running {
        self.running.fetch_add(1, Ordering::SeqCst);
        Running(self.running.clone())
    }
}

struct Running(Arc<AtomicUsize>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The apps' router, in the 1.0 dialect; `client` is the Datastar client served at
/// `/datastar.js` (the browser test's), if any.
pub fn router(apps: Apps, client: Option<PathBuf>) -> Router {
    let client = client.map(|path| std::fs::read(path).expect("read the Datastar client"));
    routes![progress_run, contacts_delete, branch, strict, ticker_feed,]
        // Written by hand: a loop in a `Reply`, after a ready event.
        .route("/progress/forever", get(forever))
        .route(
            "/running",
            get(|State(apps): State<Apps>| async move { apps.running().to_string() }),
        )
        .route("/progress/", get(|| async { progress_page() }))
        .route("/progress/done", get(|| async { done_page("Progress", "Done!") }))
        .route("/forever/", get(|| async { forever_page() }))
        .route(
            "/contacts/",
            get(|State(apps): State<Apps>| async move { contacts_page(&apps) }),
        )
        .route("/branches/", get(|| async { branches_page() }))
        .route("/branches/done", get(|| async { done_page("Branches", "Redirected") }))
        .route("/ticker/", get(|| async { ticker_page() }))
        .route(
            "/datastar.js",
            get(move || {
                let client = client.clone();
                async move {
                    match client {
                        Some(js) => ([(header::CONTENT_TYPE, "text/javascript")], js).into_response(),
                        None => StatusCode::NOT_FOUND.into_response(),
                    }
                }
            }),
        )
        .with_state(apps)
}

fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                link rel="icon" href="data:,";
                title { (title) }
                script type="module" src="/datastar.js" {}
            }
            body { (body) }
        }
    }
}

fn done_page(title: &str, text: &str) -> Markup {
    page(title, html! { h1 #done { (text) } })
}

// ---- a progress bar streamed by a loop, then a redirect ----

/// The bar, patched by its id.
#[fragment]
fn bar(pct: u32) -> Markup {
    html! { div #bar role="progressbar" aria-valuenow=(pct) { (pct) "%" } }
}

/// The page title, patched by a selector: the second event of each step.
fn title(pct: u32) -> PatchElements {
    PatchElements::new(html! { title { "Progress " (pct) "%" } }.into_string()).selector("title")
}

/// The loop, as every other SDK writes it: patch, sleep, patch, then redirect.
async fn progress(apps: Apps, mut out: FeedSender) -> Result<(), Closed> {
    let _running = apps.start();
    for pct in (0..=100).step_by(20) {
        out.send((bar(pct), title(pct))).await?;
        tokio::time::sleep(apps.step).await;
    }
    out.send(Redirect::new("/progress/done")).await
}

#[get("/progress/run")]
async fn progress_run(State(apps): State<Apps>) -> impl IntoEvents {
    feed_fn(move |out| progress(apps, out))
}

/// A loop that only ends with its page.
async fn forever(State(apps): State<Apps>) -> Reply<impl IntoEvents> {
    Reply((
        bar(0),
        feed_fn(move |mut out| async move {
            let _running = apps.start();
            for n in 1u32.. {
                tokio::time::sleep(apps.step).await;
                out.send(bar(n % 101)).await?;
            }
            Ok(())
        }),
    ))
}

fn progress_page() -> Markup {
    page(
        "Progress",
        html! {
            button #start data-on:click="@get('/progress/run')" { "Start" }
            div #bar { "not started" }
        },
    )
}

fn forever_page() -> Markup {
    page(
        "Forever",
        html! { div #bar data-init="@get('/progress/forever')" { "not started" } },
    )
}

// ---- rows deleted by a run-time id ----

/// The count of rows left, in the page and as a fragment.
fn count_markup(left: usize) -> Markup {
    html! { span #count { (left) " contacts" } }
}

#[fragment]
fn count(left: usize) -> Markup {
    count_markup(left)
}

/// Removes the row of `id`: its selector exists only at run time.
#[delete("/contacts/{id}")]
async fn contacts_delete(State(apps): State<Apps>, Path(id): Path<u32>) -> Result<impl IntoEvents, StatusCode> {
    let mut contacts = apps.contacts.lock().expect("lock");
    contacts.remove(&id).ok_or(StatusCode::NOT_FOUND)?;
    let next = contacts.keys().next().copied();
    let hint = next.map(|next| {
        PatchElements::new(html! { td.hint { "next to go" } }.into_string())
            .selector(format!("#contact_{next} td.hint"))
    });
    Ok((
        RemoveElements::new(format!("#contact_{id}")),
        hint,
        count(contacts.len()),
    ))
}

fn contacts_page(apps: &Apps) -> Markup {
    let contacts = apps.contacts.lock().expect("lock");
    page(
        "Contacts",
        html! {
            (count_markup(contacts.len()))
            table {
                @for (id, name) in contacts.iter() {
                    tr id=(format!("contact_{id}")) {
                        td.name { (name) }
                        td.hint {}
                        td { button data-on:click=(format!("@delete('/contacts/{id}')")) { "Delete " (name) } }
                    }
                }
            }
        },
    )
}

// ---- three reply shapes from one handler ----

#[derive(Deserialize)]
struct Choice {
    // A page's first request may carry none of its signals yet.
    #[serde(default)]
    shape: String,
}

#[derive(Serialize)]
struct Answer {
    answer: String,
}

#[fragment(selector = "#note", mode = "inner")]
fn note(text: &str) -> Markup {
    html! { em { (text) } }
}

/// A fragment, signals or a redirect, by the `shape` signal.
#[post("/branches")]
async fn branch(Signals(choice): Signals<Choice>) -> impl IntoEvents {
    match choice.shape.as_str() {
        "fragment" => Either::Left(note("from a fragment")),
        "signals" => Either::Right(Either::Left(SignalsReply::new(&Answer {
            answer: "from signals".to_owned(),
        }))),
        _ => Either::Right(Either::Right(Redirect::new("/branches/done"))),
    }
}

/// Like `branch`, but its type requires the signal: `{}` is rejected, naming it.
#[derive(Deserialize)]
struct StrictChoice {
    #[allow(dead_code)]
    shape: String,
}

#[post("/strict")]
async fn strict(Signals(_choice): Signals<StrictChoice>) -> impl IntoEvents {
    note("accepted")
}

fn branches_page() -> Markup {
    page(
        "Branches",
        html! {
            div data-signals="{shape: '', answer: ''}" {
                button #fragment data-on:click="$shape = 'fragment'; @post('/branches')" { "Fragment" }
                button #signals data-on:click="$shape = 'signals'; @post('/branches')" { "Signals" }
                button #redirect data-on:click="$shape = 'redirect'; @post('/branches')" { "Redirect" }
                div #note { "nothing yet" }
                div #answer data-text="$answer" {}
            }
        },
    )
}

// ---- a feed of two events per tick ----

#[fragment]
fn tick(n: u32) -> Markup {
    html! { span #tick { "tick " (n) } }
}

/// Each tick patches `#tick` and the page title.
#[get("/ticker/feed")]
fn ticker_feed(State(apps): State<Apps>) -> impl IntoEvents {
    let mut n = 0;
    every(apps.step, move || {
        n += 1;
        (
            tick(n),
            PatchElements::new(html! { title { "Ticker " (n) } }.into_string()).selector("title"),
        )
    })
}

fn ticker_page() -> Markup {
    page(
        "Ticker",
        html! { span #tick data-init="@get('/ticker/feed')" { "waiting" } },
    )
}
