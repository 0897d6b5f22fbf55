//! The Node/Express seed, restated: `/put` stores the input and echoes it, `/get` shows
//! the backend state and prepends a note into `#main`, `/feed` streams random values.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::State;
use datastar_runtime::page::{Page, PageError, PageSyntax};
use datastar_runtime::{Dialect, IntoEvents, Signals, fragment, get, page, put, routes};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::{Deserialize, Serialize};

use crate::pages::{FEED, MULTILINE, OUTPUT, OUTPUT2, Pages};
use crate::pubsub::SharedState;
use crate::{feeds, multiline};

/// What the seed keeps in `backendData`.
#[derive(Default, Serialize)]
pub(crate) struct Backend {
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<String>,
}

/// Where the backend state lives.
#[derive(Clone)]
pub(crate) enum Store {
    /// In this process (the seed).
    Memory(Arc<Mutex<Backend>>),
    /// In Redis, shared by every instance (`--pubsub`).
    Shared(SharedState),
}

impl Store {
    /// A new state in this process.
    pub(crate) fn memory() -> Store {
        Store::Memory(Arc::default())
    }
}

#[derive(Clone)]
struct Node {
    backend: Store,
    feed: feeds::Source,
}

impl Node {
    /// The backend state as the seed shows it: `JSON.stringify(backendData)`.
    async fn backend_json(&self) -> String {
        match &self.backend {
            Store::Memory(backend) => {
                let backend = backend.lock().unwrap_or_else(PoisonError::into_inner);
                serde_json::to_string(&*backend).unwrap_or_else(|_| "{}".to_owned())
            }
            Store::Shared(state) => match state.get().await {
                Ok(json) => json.unwrap_or_else(|| "{}".to_owned()),
                Err(error) => format!("unavailable ({error})"),
            },
        }
    }

    /// Stores the input; a shared store can fail.
    async fn remember(&self, input: String) -> Result<(), String> {
        match &self.backend {
            Store::Memory(backend) => {
                backend.lock().unwrap_or_else(PoisonError::into_inner).input = Some(input);
                Ok(())
            }
            Store::Shared(state) => {
                let json = serde_json::to_string(&Backend { input: Some(input) }).map_err(|e| e.to_string())?;
                state.set(&json).await
            }
        }
    }
}

/// The page's signals, which `/put` reads back.
#[derive(Signals, Serialize, Deserialize, Default)]
struct Input {
    input: String,
    /// Whether the greeting shows; every client sends it, but `/put` does not need it.
    #[serde(default)]
    show: bool,
}

/// The endpoints in `dialect`, under `prefix`; the same functions for every page generation.
pub(crate) fn router(prefix: &str, dialect: Dialect, backend: Store, feed: feeds::Source) -> Router {
    routes![dialect = dialect, prefix = prefix; put_input, get_state, feed, multiline::multiline]
        .with_state(Node { backend, feed })
}

/// `PUT /put`: remembers the input and shows it, escaped, with its length.
#[put("/put")]
#[fragment]
async fn put_input(State(node): State<Node>, Signals(Input { input, .. }): Signals<Input>) -> Markup {
    // The seed's `input.length`: JavaScript counts UTF-16 code units.
    let length = input.encode_utf16().count();
    let stored = node.remember(input.clone()).await;
    html! {
        div id=(OUTPUT) {
            "Your input: " (input) ", is " (length) " long."
            @if let Err(error) = stored { " Not stored: " (error) }
        }
    }
}

/// `GET /get`: two events, the backend state into `#output2`, then a note first in `#main`.
#[get("/get")]
async fn get_state(State(node): State<Node>) -> impl IntoEvents {
    (output2(&node.backend_json().await), output3())
}

#[fragment]
fn output2(state: &str) -> Markup {
    html! { div id=(OUTPUT2) { "Backend State: " (state) "." } }
}

/// The seed's words: merged as `prepend_element` into `#main`, in every dialect's spelling.
#[fragment(selector = "#main", merge = "prepend_element")]
fn output3() -> Markup {
    html! { div #output3 { "Check this out!" } }
}

/// `GET /feed`: a new random value every period, until the page goes away (with
/// `--pubsub`, the one stream every instance shares).
#[get("/feed")]
fn feed(State(node): State<Node>) -> impl IntoEvents {
    node.feed.open()
}

const TITLE: &str = "Node/Express + Datastar Example";

/// The page, once for every client generation: its actions go to this module's routes,
/// wherever `p` says they are mounted.
pub(crate) fn page(p: Page, pages: Pages) -> Result<Markup, PageError> {
    let s = p.signals::<Input>();
    page!(p, {
        (DOCTYPE)
        html {
            (pages.head(TITLE))
            body {
                @if p.syntax() == PageSyntax::V019 {
                    (PreEscaped("<!-- The seed's page; changed: action URLs under their prefix, the client \
                        pinned to 0.19.9, <main> closed, and the multi-line section below it added. -->"))
                }
                h2 { (TITLE) }
                main.container #main data-signals=(Input::default()) {
                    input type="text" placeholder="Type here!" data-bind=(s.input);
                    button data-on:click=(p.action::<put_input>()) { "Send State" }
                    div id=(OUTPUT) {}
                    button data-on:click=(p.action::<get_state>()) { "Get Backend State" }
                    div id=(OUTPUT2) {}
                    button data-on:click={ (s.show) "=!" (s.show) } { "Toggle" }
                    div data-show=(s.show) {
                        span { "Hello From Datastar!" }
                    }
                    div {
                        span { "Feed from server: " }
                        span id=(FEED) data-init=(p.action::<feed>()) {}
                    }
                }
                section #beyond-the-seed {
                    button data-on:click=(p.action::<multiline::multiline>()) {
                        "Get Multi-line Fragment"
                    }
                    pre id=(MULTILINE) {}
                }
            }
        }
    })
}
