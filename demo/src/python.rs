//! The Python/Starlette seed, restated: `/get` computes `output` from the store's `input`
//! and sends it back as a store patch, `/target` puts the date and time into `#target`,
//! `/feed` streams random values.

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use datastar_runtime::{Dialect, IntoEvents, Signals, fragment, get, routes, signals};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::{Deserialize, Serialize};

use crate::pages::{Generation, Pages};
use crate::{clock, feeds};

/// What `/get` reads from the store.
#[derive(Deserialize)]
struct Input {
    input: String,
}

/// What `/get` writes back into it.
#[derive(Serialize)]
struct Output {
    output: String,
}

/// The page, its actions' URLs under `prefix`.
pub(crate) fn page(prefix: &str, pages: Pages) -> Markup {
    match pages.generation {
        Generation::Seed => seed_page(prefix, pages),
        Generation::V1 => v1_page(prefix, pages),
    }
}

/// The endpoints in `dialect`, under `prefix`; the same functions for every page generation.
pub(crate) fn router(prefix: &str, dialect: Dialect, feed_period: Duration) -> Router {
    routes![dialect = dialect, prefix = prefix; round_trip, target, feed].with_state(feed_period)
}

/// `GET /get`: the store's round trip. Under 0.19 and 1.0 a signals event; under 2024,
/// which has none, `upsert_attributes` of `data-store` on `#main`.
#[signals]
#[get("/get")]
fn round_trip(Signals(Input { input }): Signals<Input>) -> Output {
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
    html! { div #target { b { (clock::now()) } } }
}

/// `GET /feed`: a new random value every period, until the page goes away.
#[get("/feed")]
fn feed(State(period): State<Duration>) -> impl IntoEvents {
    feeds::random_values(period)
}

/// The seed titled its page "Node/Express + Datastar Example", a copy-paste slip.
const TITLE: &str = "Python/Starlette + Datastar Example";

/// The seed's page in its own 0.x syntax.
fn seed_page(prefix: &str, pages: Pages) -> Markup {
    html! {
        (DOCTYPE)
        html {
            (pages.head(TITLE))
            body {
                (PreEscaped("<!-- The seed's page; changed: action URLs under their prefix, the client \
                    pinned to 0.19.9, and the title, which the seed copied from the Node page. -->"))
                h2 { (TITLE) }
                main.container #main data-store=r#"{"input": "", "output": "", "show": true}"# {
                    input type="text" placeholder="Send to server..." data-model="input";
                    button data-on-click=(pages.action("get", &format!("{prefix}/get"))) { "Send State Roundtrip" }
                    button data-on-click=(pages.action("get", &format!("{prefix}/target"))) { "Target HTML Element" }
                    button data-on-click="$show=!$show" { "Toggle Feed" }
                    div #output data-text="$output" {}
                    div #target {}
                    div data-show="$show" {
                        span { "Feed from server: " }
                        span #feed data-on-load=(pages.action("get", &format!("{prefix}/feed"))) {}
                    }
                }
            }
        }
    }
}

/// The same page in Datastar 1.0 syntax.
fn v1_page(prefix: &str, pages: Pages) -> Markup {
    html! {
        (DOCTYPE)
        html {
            (pages.head(TITLE))
            body {
                h2 { (TITLE) }
                main.container #main data-signals=r#"{"input": "", "output": "", "show": true}"# {
                    input type="text" placeholder="Send to server..." data-bind:input;
                    button data-on:click=(pages.action("get", &format!("{prefix}/get"))) { "Send State Roundtrip" }
                    button data-on:click=(pages.action("get", &format!("{prefix}/target"))) { "Target HTML Element" }
                    button data-on:click="$show=!$show" { "Toggle Feed" }
                    div #output data-text="$output" {}
                    div #target {}
                    div data-show="$show" {
                        span { "Feed from server: " }
                        span #feed data-init=(pages.action("get", &format!("{prefix}/feed"))) {}
                    }
                }
            }
        }
    }
}
