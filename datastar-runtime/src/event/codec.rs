//! The protocol-neutral events as JSON, for carrying them between processes:
//! `{"v":1,"events":[{"type":"patch-elements",…}]}`. Versioned, so a reader skips a message
//! of a format it does not know. The Redis broadcast backend carries events this way.
//!
//! ```
//! use datastar_runtime::event::{Event, PatchElements, codec};
//! let events = vec![Event::from(PatchElements::new("<p id=\"a\">hi</p>"))];
//! assert_eq!(codec::decode(&codec::encode(&events)).unwrap(), events);
//! ```

use std::borrow::Cow;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::event::Mode;
use crate::event::{
    ConsoleLevel, ConsoleMessage, Event, EventKind, ExecuteScript, Namespace, PatchElements, PatchSignals, Redirect,
    RemoveElements, RemoveSignals,
};

/// The format's version; a reader skips a message of a version it does not know.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Body<'a> {
    v: u32,
    events: Vec<Wire<'a>>,
}

#[derive(Serialize, Deserialize)]
struct Wire<'a> {
    #[serde(flatten)]
    kind: Kind<'a>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_ms: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Kind<'a> {
    PatchElements {
        elements: Cow<'a, str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        selector: Option<Cow<'a, str>>,
        mode: Cow<'a, str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        settle_ms: Option<u64>,
        view_transition: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        view_transition_selector: Option<Cow<'a, str>>,
        namespace: Cow<'a, str>,
    },
    PatchSignals {
        json: Cow<'a, str>,
        only_if_missing: bool,
    },
    RemoveElements {
        selector: Cow<'a, str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        settle_ms: Option<u64>,
        view_transition: bool,
    },
    RemoveSignals {
        paths: Vec<Cow<'a, str>>,
    },
    ExecuteScript {
        script: Cow<'a, str>,
        attributes: Vec<(Cow<'a, str>, Cow<'a, str>)>,
        auto_remove: bool,
    },
    Redirect {
        url: Cow<'a, str>,
    },
    Console {
        level: Cow<'a, str>,
        message: Cow<'a, str>,
    },
}

fn b(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

fn millis(duration: Option<Duration>) -> Option<u64> {
    duration.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn owned(text: Cow<'_, str>) -> crate::event::Text {
    Cow::Owned(text.into_owned())
}

fn kind(event: &Event) -> Kind<'_> {
    match &event.kind {
        EventKind::PatchElements(p) => Kind::PatchElements {
            elements: b(&p.elements),
            selector: p.selector.as_deref().map(b),
            mode: b(p.mode.meaning()),
            settle_ms: millis(p.settle),
            view_transition: p.view_transition,
            view_transition_selector: p.view_transition_selector.as_deref().map(b),
            namespace: b(p.namespace.as_str()),
        },
        EventKind::PatchSignals(p) => Kind::PatchSignals {
            json: b(&p.json),
            only_if_missing: p.only_if_missing,
        },
        EventKind::RemoveElements(r) => Kind::RemoveElements {
            selector: b(&r.selector),
            settle_ms: millis(r.settle),
            view_transition: r.view_transition,
        },
        EventKind::RemoveSignals(r) => Kind::RemoveSignals {
            paths: r.paths.iter().map(|p| b(p)).collect(),
        },
        EventKind::ExecuteScript(s) => Kind::ExecuteScript {
            script: b(&s.script),
            attributes: s.attributes.iter().map(|(n, v)| (b(n), b(v))).collect(),
            auto_remove: s.auto_remove,
        },
        EventKind::Redirect(r) => Kind::Redirect { url: b(&r.url) },
        EventKind::Console(c) => Kind::Console {
            level: b(c.level.as_str()),
            message: b(&c.message),
        },
    }
}

/// The message body for these events.
pub fn encode(events: &[Event]) -> Vec<u8> {
    let body = Body {
        v: VERSION,
        events: events
            .iter()
            .map(|event| Wire {
                kind: kind(event),
                id: event.id.as_deref().map(b),
                retry_ms: millis(event.retry),
            })
            .collect(),
    };
    // Strings, numbers and booleans only: serialising cannot fail.
    serde_json::to_vec(&body).unwrap_or_default()
}

/// Why a message body cannot be read.
#[derive(Debug)]
pub struct DecodeError(String);

impl std::error::Error for DecodeError {}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn word<T: Copy>(what: &str, word: &str, table: impl IntoIterator<Item = (T, &'static str)>) -> Result<T, DecodeError> {
    table
        .into_iter()
        .find(|(_, w)| *w == word)
        .map(|(value, _)| value)
        .ok_or_else(|| DecodeError(format!("unknown {what} {word:?}")))
}

fn event(wire: Wire<'_>) -> Result<Event, DecodeError> {
    let mut event = match wire.kind {
        Kind::PatchElements {
            elements,
            selector,
            mode,
            settle_ms,
            view_transition,
            view_transition_selector,
            namespace,
        } => {
            let mut patch = PatchElements::new(owned(elements))
                .mode(word("mode", &mode, Mode::ALL.map(|m| (m, m.meaning())))?)
                .view_transition(view_transition)
                .namespace(word("namespace", &namespace, Namespace::ALL.map(|n| (n, n.as_str())))?);
            patch.selector = selector.map(owned);
            patch.settle = settle_ms.map(Duration::from_millis);
            patch.view_transition_selector = view_transition_selector.map(owned);
            Event::from(patch)
        }
        Kind::PatchSignals { json, only_if_missing } => {
            Event::from(PatchSignals::raw(owned(json)).only_if_missing(only_if_missing))
        }
        Kind::RemoveElements {
            selector,
            settle_ms,
            view_transition,
        } => {
            let mut remove = RemoveElements::new(owned(selector)).view_transition(view_transition);
            remove.settle = settle_ms.map(Duration::from_millis);
            Event::from(remove)
        }
        Kind::RemoveSignals { paths } => Event::from(RemoveSignals::new(paths.into_iter().map(owned))),
        Kind::ExecuteScript {
            script,
            attributes,
            auto_remove,
        } => {
            let mut execute = ExecuteScript::new(owned(script)).auto_remove(auto_remove);
            execute.attributes = attributes.into_iter().map(|(n, v)| (owned(n), owned(v))).collect();
            Event::from(execute)
        }
        Kind::Redirect { url } => Event::from(Redirect::new(owned(url))),
        Kind::Console { level, message } => Event::from(ConsoleMessage::new(
            word("console level", &level, ConsoleLevel::ALL.map(|l| (l, l.as_str())))?,
            owned(message),
        )),
    };
    event.id = wire.id.map(owned);
    event.retry = wire.retry_ms.map(Duration::from_millis);
    Ok(event)
}

/// The events of a message body.
pub fn decode(body: &[u8]) -> Result<Vec<Event>, DecodeError> {
    #[derive(Deserialize)]
    struct Version {
        v: u32,
    }
    let version: Version = serde_json::from_slice(body).map_err(|e| DecodeError(e.to_string()))?;
    if version.v != VERSION {
        return Err(DecodeError(format!(
            "format version {} (this instance reads {VERSION})",
            version.v
        )));
    }
    let body: Body<'_> = serde_json::from_slice(body).map_err(|e| DecodeError(e.to_string()))?;
    body.events.into_iter().map(event).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dialect;

    fn every_kind() -> Vec<Event> {
        vec![
            Event::from(
                PatchElements::new("<p id=\"a\">é \"q\"\nline</p>")
                    .selector("#main")
                    .mode(Mode::UpsertAttributes)
                    .settle(Duration::from_millis(250))
                    .view_transition(true)
                    .namespace(Namespace::Svg),
            )
            .id("7")
            .retry(Duration::from_secs(3)),
            Event::from(PatchElements::new("<b id=\"b\">plain</b>")),
            Event::from(
                PatchElements::new("<li>new</li>")
                    .selector("#list")
                    .mode(Mode::Append)
                    .view_transition(true)
                    .view_transition_selector("#list"),
            ),
            Event::from(PatchSignals::raw("{\"n\":1}").only_if_missing(true)),
            Event::from(RemoveElements::new(".toast").settle(Duration::from_millis(5))),
            Event::from(RemoveSignals::new(["user.name", "draft"])),
            Event::from(
                ExecuteScript::new("go()")
                    .attribute("type", "module")
                    .auto_remove(false),
            ),
            Event::from(Redirect::new("/next")),
            Event::from(ConsoleMessage::new(ConsoleLevel::GroupEnd, "done")),
        ]
    }

    #[test]
    fn every_event_kind_and_field_survives_the_trip() {
        let events = every_kind();
        let decoded = decode(&encode(&events)).expect("decodes");
        assert_eq!(decoded, events);
    }

    #[test]
    fn every_mode_namespace_and_level_has_a_word() {
        for mode in Mode::ALL {
            let events = vec![Event::from(PatchElements::new("<i id=\"m\"></i>").mode(mode))];
            assert_eq!(decode(&encode(&events)).unwrap(), events, "{mode:?}");
        }
        for namespace in Namespace::ALL {
            let events = vec![Event::from(PatchElements::new("<i id=\"m\"></i>").namespace(namespace))];
            assert_eq!(decode(&encode(&events)).unwrap(), events, "{namespace:?}");
        }
        for level in ConsoleLevel::ALL {
            let events = vec![Event::from(ConsoleMessage::new(level, "x"))];
            assert_eq!(decode(&encode(&events)).unwrap(), events, "{level:?}");
        }
    }

    #[test]
    fn decoded_events_encode_to_the_same_bytes_in_every_dialect() {
        let events = every_kind();
        let decoded = decode(&encode(&events)).unwrap();
        for dialect in [Dialect::FRAGMENT_2024, Dialect::V019, Dialect::V021, Dialect::V1] {
            for (a, b) in events.iter().zip(&decoded) {
                let (mut x, mut y) = (bytes::BytesMut::new(), bytes::BytesMut::new());
                let (rx, ry) = (dialect.encode(a, &mut x), dialect.encode(b, &mut y));
                assert_eq!(rx.is_ok(), ry.is_ok(), "{dialect}");
                assert_eq!(x, y, "{dialect}");
            }
        }
    }

    #[test]
    fn unreadable_bodies_are_errors_not_panics() {
        for body in [
            &b""[..],
            b"not json",
            b"{\"v\":2,\"events\":[]}",
            b"{\"v\":1}",
            b"{\"v\":1,\"events\":[{\"type\":\"teleport\"}]}",
            b"{\"v\":1,\"events\":[{\"type\":\"patch-elements\",\"elements\":\"x\",\"mode\":\"sideways\",\"view_transition\":false,\"namespace\":\"html\"}]}",
            b"{\"v\":1,\"events\":[{\"type\":\"console\",\"level\":\"shout\",\"message\":\"x\"}]}",
        ] {
            assert!(decode(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
    }
}
