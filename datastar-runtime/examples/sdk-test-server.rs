//! A server for Datastar's SDK test suite, written with this crate's own API.
//!
//! `cargo run --release -p datastar-runtime --example sdk-test-server` listens on
//! 127.0.0.1 at `PORT` (default 7331). `/test` reads the signals (GET: the `datastar`
//! query parameter; POST and QUERY: the JSON body), takes their `events` array and answers
//! with one Datastar 1.0 event per entry, in order. Other methods get 405.

use std::time::Duration;

use axum::Router;
use axum::extract::{FromRequest, Request};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use datastar_runtime::event::{ExecuteScript, Namespace, PatchElements, PatchSignals, Vocabulary};
use datastar_runtime::{Dialect, Event, Mode, Reply, Signals, serve};
use serde::Deserialize;

/// The signals the suite sends.
#[derive(Deserialize)]
struct TestInput {
    events: Vec<TestEvent>,
}

/// One event the suite asks for, as the suite spells it.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum TestEvent {
    #[serde(rename_all = "camelCase")]
    PatchElements {
        elements: Option<String>,
        selector: Option<String>,
        mode: Option<String>,
        use_view_transition: Option<bool>,
        namespace: Option<NamespaceName>,
        #[serde(flatten)]
        common: Common,
    },
    #[serde(rename_all = "camelCase")]
    PatchSignals {
        signals: Option<serde_json::Map<String, serde_json::Value>>,
        #[serde(rename = "signals-raw")]
        signals_raw: Option<String>,
        only_if_missing: Option<bool>,
        #[serde(flatten)]
        common: Common,
    },
    #[serde(rename_all = "camelCase")]
    ExecuteScript {
        script: String,
        attributes: Option<serde_json::Map<String, serde_json::Value>>,
        auto_remove: Option<bool>,
        #[serde(flatten)]
        common: Common,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Common {
    event_id: Option<String>,
    retry_duration: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum NamespaceName {
    Html,
    Svg,
    Mathml,
}

impl TestEvent {
    /// The event in this crate's model, or the reason the input is not acceptable.
    fn into_event(self) -> Result<Event, String> {
        let (event, common): (Event, Common) = match self {
            TestEvent::PatchElements {
                elements,
                selector,
                mode,
                use_view_transition,
                namespace,
                common,
            } => {
                let mut patch = PatchElements::new(elements.unwrap_or_default());
                if let Some(selector) = selector {
                    patch = patch.selector(selector);
                }
                if let Some(mode) = mode {
                    patch = patch.mode(Mode::parse(Vocabulary::Mode, &mode).map_err(|e| e.to_string())?);
                }
                patch = patch.view_transition(use_view_transition.unwrap_or(false));
                patch = patch.namespace(match namespace {
                    None | Some(NamespaceName::Html) => Namespace::Html,
                    Some(NamespaceName::Svg) => Namespace::Svg,
                    Some(NamespaceName::Mathml) => Namespace::MathMl,
                });
                (patch.into(), common)
            }
            TestEvent::PatchSignals {
                signals,
                signals_raw,
                only_if_missing,
                common,
            } => {
                let patch = match (signals_raw, signals) {
                    (Some(raw), _) => PatchSignals::raw(raw),
                    (None, Some(signals)) => PatchSignals::value(&serde_json::Value::Object(signals)),
                    (None, None) => return Err("patchSignals needs `signals` or `signals-raw`".to_owned()),
                };
                (patch.only_if_missing(only_if_missing.unwrap_or(false)).into(), common)
            }
            TestEvent::ExecuteScript {
                script,
                attributes,
                auto_remove,
                common,
            } => {
                let mut execute = ExecuteScript::new(script).auto_remove(auto_remove.unwrap_or(true));
                for (name, value) in attributes.unwrap_or_default() {
                    let value = match value {
                        serde_json::Value::String(text) => text,
                        other => other.to_string(),
                    };
                    execute = execute.attribute(name, value);
                }
                (execute.into(), common)
            }
        };
        let mut event = event;
        if let Some(id) = common.event_id {
            event = event.id(id);
        }
        if let Some(ms) = common.retry_duration {
            event = event.retry(Duration::from_millis(ms));
        }
        Ok(event)
    }
}

/// `/test`: one event per entry of the signals' `events` array.
async fn test(request: Request) -> Response {
    let method = request.method();
    if !(method == Method::GET || method == Method::POST || method.as_str() == "QUERY") {
        return (StatusCode::METHOD_NOT_ALLOWED, "use GET, POST or QUERY").into_response();
    }
    let Signals(input) = match Signals::<TestInput>::from_request(request, &()).await {
        Ok(signals) => signals,
        Err(rejection) => return rejection.into_response(),
    };
    match input
        .events
        .into_iter()
        .map(TestEvent::into_event)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(events) => Reply(events).into_response(),
        Err(message) => (StatusCode::BAD_REQUEST, message).into_response(),
    }
}

/// The conformance app: `/test` in the 1.0 dialect.
pub fn app() -> Router {
    Router::new().route("/test", any(test)).layer(Dialect::V1)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(7331u16);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("sdk-test-server listening on http://{}/test", listener.local_addr()?);
    serve(app()).listener(listener).await
}
