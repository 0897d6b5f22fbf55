//! The Python/Starlette seed, restated: `/get` computes `output` from the store's `input`
//! and sends it back as a store patch, `/target` puts the date and time into `#target`,
//! `/feed` streams random values.

use axum::Router;
use axum::extract::State;
use datastar_runtime::page::{Page, PageError, PageSyntax};
use datastar_runtime::{Dialect, IntoEvents, Signals, fragment, get, page, routes, signals};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::{Deserialize, Serialize};

use crate::pages::{FEED, OUTPUT, Pages, TARGET};
use crate::{clock, feeds};

/// The page's signals, which `/get` reads back.
#[derive(Signals, Serialize, Deserialize)]
struct Input {
    input: String,
    /// What `/get` writes back (only the input is needed to compute it).
    #[serde(default)]
    output: String,
    /// Whether the feed shows.
    #[serde(default)]
    show: bool,
}

impl Default for Input {
    /// The seed's initial store: the feed shows.
    fn default() -> Self {
        Input {
            input: String::new(),
            output: String::new(),
            show: true,
        }
    }
}

/// What `/get` writes back into it.
#[derive(Serialize)]
struct Output {
    output: String,
}

/// The endpoints in `dialect`, under `prefix`; the same functions for every page generation.
pub(crate) fn router(prefix: &str, dialect: Dialect, feed: feeds::Source) -> Router {
    routes![dialect = dialect, prefix = prefix; round_trip, target, feed].with_state(feed)
}

/// `GET /get`: the store's round trip. Under 0.19 and 1.0 a signals event; under 2024,
/// which has none, `upsert_attributes` of `data-store` on `#main`.
#[signals]
#[get("/get")]
fn round_trip(Signals(Input { input, .. }): Signals<Input>) -> Output {
    // The seed's `len()`: Python counts code points.
    let length = input.chars().count();
    Output {
        output: format!("Your input: {input}, is {length} long."),
    }
}

/// `GET /target`: the current date and time (UTC) into `#target`.
#[fragment]
#[get("/target")]
fn target() -> Markup {
    html! { div id=(TARGET) { b { (clock::now()) } } }
}

/// `GET /feed`: a new random value every period, until the page goes away.
#[get("/feed")]
fn feed(State(feed): State<feeds::Source>) -> impl IntoEvents {
    feed.open()
}

/// The seed titled its page "Node/Express + Datastar Example", a copy-paste slip.
const TITLE: &str = "Python/Starlette + Datastar Example";

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
                        pinned to 0.19.9, and the title, which the seed copied from the Node page. -->"))
                }
                h2 { (TITLE) }
                main.container #main data-signals=(Input::default()) {
                    input type="text" placeholder="Send to server..." data-bind=(s.input);
                    button data-on:click=(p.action::<round_trip>()) { "Send State Roundtrip" }
                    button data-on:click=(p.action::<target>()) { "Target HTML Element" }
                    button data-on:click={ (s.show) "=!" (s.show) } { "Toggle Feed" }
                    div id=(OUTPUT) data-text=(s.output) {}
                    div id=(TARGET) {}
                    div data-show=(s.show) {
                        span { "Feed from server: " }
                        span id=(FEED) data-init=(p.action::<feed>()) {}
                    }
                }
            }
        }
    })
}
