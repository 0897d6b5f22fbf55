//! The parser of the test kit is the inverse of the encoders, for every dialect and every
//! event kind:
//!
//! - exactly: encode then parse gives the event back, up to the normalisations
//!   `datastar_runtime::test::parse` documents, which are restated here independently;
//! - for any input at all (any Unicode in every field): what the encoder writes parses as
//!   one event, and that event encodes to the very same bytes.
//!
//! Inputs the encoders refuse are left to `property.rs`, which checks the errors.

use std::time::Duration;

use bytes::BytesMut;
use datastar_runtime::event::{
    ConsoleLevel, ConsoleMessage, ExecuteScript, Namespace, PatchElements, PatchSignals, Redirect, RemoveElements,
    RemoveSignals,
};
use datastar_runtime::test::parse;
use datastar_runtime::{Dialect, Event, Mode};
use proptest::prelude::*;

use crate::support::{config, dialects, framed, is_js_space, lf, mode};

fn encode(dialect: Dialect, event: &Event) -> Option<BytesMut> {
    let mut buf = BytesMut::new();
    dialect.encode(event, &mut buf).ok().map(|()| buf)
}

/// Encodes, parses, and checks the parsed event encodes to the same bytes. `None` when
/// the dialect refuses the event.
fn roundtrip(dialect: Dialect, event: &Event) -> Option<Result<Event, TestCaseError>> {
    let bytes = encode(dialect, event)?;
    let check = || {
        let text = String::from_utf8_lossy(&bytes);
        let mut events =
            parse(dialect, &bytes).map_err(|e| TestCaseError::fail(format!("{dialect}: {e}: {text:?}")))?;
        prop_assert_eq!(events.len(), 1, "{}: {:?}", dialect, text);
        let parsed = events.remove(0);
        let again = encode(dialect, &parsed);
        prop_assert_eq!(
            again.as_deref(),
            Some(&bytes[..]),
            "{}: {:?} re-encodes differently",
            dialect,
            parsed
        );
        Ok(parsed)
    };
    Some(check())
}

// ---------------------------------------------------------------- the normalisations

fn settle_default(dialect: Dialect) -> Option<u128> {
    match dialect {
        Dialect::Fragment2024 { .. } | Dialect::V019 => Some(500),
        Dialect::V021 => Some(300),
        Dialect::V1 => None,
    }
}

/// A settle as it reads back: capped like a retry, gone when it is the default.
fn settle_back(dialect: Dialect, settle: Option<u32>) -> Option<Duration> {
    let ms = u128::from(settle?).min(i32::MAX as u128);
    (settle_default(dialect).is_some_and(|default| default != ms)).then(|| Duration::from_millis(ms as u64))
}

/// The id and retry as they read back: a retry capped at what browsers can wait, and the
/// 0.21 and 1.0 default (1000 ms) not written.
fn framed_back(dialect: Dialect, event: impl Into<Event>, id: &Option<String>, retry: Option<u32>) -> Event {
    let retry = retry
        .map(|ms| ms.min(i32::MAX as u32))
        .filter(|&ms| !(ms == 1000 && matches!(dialect, Dialect::V021 | Dialect::V1)));
    framed(event, id, retry)
}

fn with_settle(patch: PatchElements, settle: Option<Duration>) -> PatchElements {
    match settle {
        Some(s) => patch.settle(s),
        None => patch,
    }
}

fn remove_with_settle(remove: RemoveElements, settle: Option<Duration>) -> RemoveElements {
    match settle {
        Some(s) => remove.settle(s),
        None => remove,
    }
}

/// Text HTML on one line (2024, 0.19): each line break is `&#10;`.
fn folded(html: &str) -> String {
    lf(html).replace('\n', "&#10;")
}

/// The 1.0 null patch that removes these paths: an ancestor removed takes its children.
fn null_patch(paths: &[String]) -> String {
    let mut root = serde_json::Map::new();
    'paths: for path in paths {
        let parts: Vec<&str> = path.split('.').collect();
        let mut node = &mut root;
        for part in &parts[..parts.len() - 1] {
            let child = node
                .entry(part.to_string())
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            match child {
                serde_json::Value::Object(map) => node = map,
                _ => continue 'paths,
            }
        }
        node.insert(parts[parts.len() - 1].to_owned(), serde_json::Value::Null);
    }
    serde_json::Value::Object(root).to_string()
}

/// Script text that already looks escaped (`<\/script`, `<\!--`) reads back unescaped.
fn without_lookalikes(script: &str) -> String {
    let mut out = String::new();
    let mut rest = script;
    while let Some(at) = rest.find("<\\") {
        let after = &rest[at + 2..];
        out.push_str(&rest[..=at]);
        if !(after.starts_with("!--") || after.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("/script"))) {
            out.push('\\');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- inputs

/// Any character, with line breaks and HTML's structural characters often.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => any::<char>().prop_map(String::from),
        2 => prop::sample::select(vec!["\n", "\r", "\r\n", " ", "\t", "\u{a0}", "\u{feff}", "\0"]).prop_map(String::from),
        1 => prop::sample::select(vec!["<", ">", "\"", "&", "=", "/", "<\\/script", "<!--", "</script", "."])
            .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

/// Text on one line without NUL: what single-line fields (ids, selectors, URLs) may hold.
fn line() -> impl Strategy<Value = String> {
    text().prop_map(|t| t.replace(['\n', '\r', '\0'], "_"))
}

/// Multi-line text an element can hold exactly in every multi-line dialect: no `<` (so
/// no line break falls inside a tag), no whitespace at a line's edges (which 0.21
/// writes as references).
fn element_text() -> impl Strategy<Value = String> {
    let line = "[^<\r\n]{0,8}".prop_map(|l: String| {
        l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .to_owned()
    });
    let brk = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    (line.clone(), prop::collection::vec((brk, line), 0..3)).prop_map(|(first, rest)| {
        let mut text = first;
        for (brk, line) in rest {
            text.push_str(brk);
            text.push_str(&line);
        }
        text
    })
}

/// HTML for anything-goes inputs: tags, raw text, comments, quotes, line breaks.
fn html() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "<div id=\"a\">",
        "</div>",
        "<pre>",
        "</pre>",
        "<textarea>",
        "</textarea>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<!--",
        "-->",
        "<svg>",
        "<![CDATA[",
        "]]>",
        "</svg>",
        "<b title=\"",
        "\"",
        "<",
        ">",
        "\n",
        "\r\n",
        "  ",
        "\t",
        "\u{a0}",
    ]);
    let piece = prop_oneof![3 => token.prop_map(String::from), 2 => any::<char>().prop_map(String::from)];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn namespace() -> impl Strategy<Value = Namespace> {
    prop::sample::select(Namespace::ALL.to_vec())
}

fn level() -> impl Strategy<Value = ConsoleLevel> {
    prop::sample::select(ConsoleLevel::ALL.to_vec())
}

/// Durations in ms, the defaults often.
fn millis() -> impl Strategy<Value = Option<u32>> {
    prop::option::of(prop_oneof![Just(300u32), Just(500), Just(1000), any::<u32>()])
}

fn ids() -> impl Strategy<Value = Option<String>> {
    prop::option::of(line())
}

fn any_ids() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn patch(elements: &str, selector: &Option<String>, mode: Mode, settle: Option<u32>, vt: bool) -> PatchElements {
    let mut patch = PatchElements::new(elements.to_owned()).mode(mode).view_transition(vt);
    if let Some(selector) = selector {
        patch = patch.selector(selector.clone());
    }
    if let Some(ms) = settle {
        patch = patch.settle(Duration::from_millis(ms.into()));
    }
    patch
}

fn script(text: &str, attributes: &[(String, String)], auto_remove: bool) -> ExecuteScript {
    let mut script = ExecuteScript::new(text.to_owned()).auto_remove(auto_remove);
    for (name, value) in attributes {
        script = script.attribute(name.clone(), value.clone());
    }
    script
}

// ---------------------------------------------------------------- exact properties

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn patch_elements_read_back(
        text in element_text(),
        selector in prop::option::of(line()),
        mode in mode(),
        settle in millis(),
        vt in any::<bool>(),
        ns in namespace(),
        id in ids(),
        retry in millis(),
    ) {
        let html = format!("<p id=\"x\">{text}</p>");
        let event = framed(patch(&html, &selector, mode, settle, vt).namespace(ns), &id, retry);
        let selector = selector.filter(|s| !s.is_empty());
        for dialect in dialects() {
            let Some(parsed) = roundtrip(dialect, &event) else { continue };
            let settle = settle_back(dialect, settle);
            let sent = |elements: String, vt: bool| {
                let mut patch = with_settle(PatchElements::new(elements).mode(mode).view_transition(vt), settle);
                if let Some(s) = &selector {
                    patch = patch.selector(s.clone());
                }
                patch
            };
            let expected: Event = match (dialect, mode, &selector) {
                (Dialect::V019, Mode::Remove, Some(s)) => RemoveElements::new(s.clone()).into(),
                (Dialect::V021, Mode::Remove, Some(s)) => {
                    remove_with_settle(RemoveElements::new(s.clone()), settle).view_transition(vt).into()
                }
                (Dialect::V1, Mode::Remove, Some(s)) if ns == Namespace::Html => {
                    RemoveElements::new(s.clone()).view_transition(vt).into()
                }
                // 1.0 writes no elements for a removal.
                (Dialect::V1, Mode::Remove, _) => sent(String::new(), vt).namespace(ns).into(),
                (Dialect::Fragment2024 { .. }, ..) => sent(folded(&html), false).into(),
                (Dialect::V019, ..) => sent(folded(&html), vt).into(),
                (Dialect::V021, ..) => sent(lf(&html), vt).into(),
                (Dialect::V1, ..) => sent(lf(&html), vt).namespace(ns).into(),
            };
            prop_assert_eq!(parsed?, framed_back(dialect, expected, &id, retry), "{}", dialect);
        }
    }

    #[test]
    fn remove_elements_read_back(selector in line(), settle in millis(), vt in any::<bool>(), id in ids(), retry in millis()) {
        let mut remove = RemoveElements::new(selector.clone()).view_transition(vt);
        if let Some(ms) = settle {
            remove = remove.settle(Duration::from_millis(ms.into()));
        }
        let event = framed(remove, &id, retry);
        for dialect in dialects() {
            let Some(parsed) = roundtrip(dialect, &event) else {
                prop_assert!(selector.is_empty(), "{} refused {:?}", dialect, selector);
                continue;
            };
            let base = RemoveElements::new(selector.clone());
            let expected = match dialect {
                Dialect::Fragment2024 { .. } => remove_with_settle(base, settle_back(dialect, settle)),
                Dialect::V019 => base,
                Dialect::V021 => remove_with_settle(base, settle_back(dialect, settle)).view_transition(vt),
                Dialect::V1 => base.view_transition(vt),
            };
            prop_assert_eq!(parsed?, framed_back(dialect, expected, &id, retry), "{}", dialect);
        }
    }

    #[test]
    fn signals_read_back(json in text(), only_if_missing in any::<bool>(), id in ids(), retry in millis()) {
        let event = framed(PatchSignals::raw(json.clone()).only_if_missing(only_if_missing), &id, retry);
        for dialect in dialects() {
            let Some(parsed) = roundtrip(dialect, &event) else {
                prop_assert!(matches!(dialect, Dialect::Fragment2024 { .. }), "{} refused signals", dialect);
                continue;
            };
            let expected = match dialect {
                Dialect::Fragment2024 { .. } => PatchSignals::raw(json.clone()),
                Dialect::V019 => PatchSignals::raw(json.replace(['\r', '\n'], " ")).only_if_missing(only_if_missing),
                _ => PatchSignals::raw(lf(&json)).only_if_missing(only_if_missing),
            };
            prop_assert_eq!(parsed?, framed_back(dialect, expected, &id, retry), "{}", dialect);
        }
    }

    #[test]
    fn removed_signals_read_back(paths in prop::collection::vec("[a-z_]{1,3}(\\.[a-z_]{1,3}){0,2}", 0..4), id in ids(), retry in millis()) {
        let event = framed(RemoveSignals::new(paths.clone()), &id, retry);
        for dialect in dialects() {
            let Some(parsed) = roundtrip(dialect, &event) else {
                prop_assert!(matches!(dialect, Dialect::Fragment2024 { .. }), "{} refused {:?}", dialect, paths);
                continue;
            };
            let expected: Event = match dialect {
                Dialect::V1 => PatchSignals::raw(null_patch(&paths)).into(),
                _ => RemoveSignals::new(paths.clone()).into(),
            };
            prop_assert_eq!(parsed?, framed_back(dialect, expected, &id, retry), "{}", dialect);
        }
    }

    #[test]
    fn scripts_read_back(
        text in text(),
        attributes in prop::collection::vec(("[a-z][a-z-]{0,6}", text()), 0..3),
        auto_remove in any::<bool>(),
        id in ids(),
        retry in millis(),
    ) {
        let event = framed(script(&text, &attributes, auto_remove), &id, retry);
        for dialect in dialects() {
            let Some(parsed) = roundtrip(dialect, &event) else { continue };
            prop_assert!(matches!(dialect, Dialect::V021 | Dialect::V1), "{} wrote a script", dialect);
            let expected = match dialect {
                Dialect::V021 => {
                    let default = attributes.len() == 1 && attributes[0].0 == "type" && attributes[0].1 == "module";
                    let attributes: Vec<(String, String)> = if default {
                        Vec::new()
                    } else {
                        attributes
                            .iter()
                            .map(|(n, v)| (n.clone(), if v.is_empty() { n.clone() } else { v.clone() }))
                            .collect()
                    };
                    let blank = text.trim_matches(is_js_space).is_empty();
                    script(&if blank { ";".to_owned() } else { lf(&text) }, &attributes, auto_remove)
                }
                _ => script(&lf(&without_lookalikes(&text)), &attributes, auto_remove),
            };
            prop_assert_eq!(parsed?, framed_back(dialect, expected, &id, retry), "{}", dialect);
        }
    }

    #[test]
    fn custom_events_and_url_replacements_read_back(name in text(), selector in text(), n in any::<i64>(), url in text()) {
        let scripts = [
            ExecuteScript::dispatch_event(&name, &serde_json::json!({"n": n, "name": &name})),
            ExecuteScript::dispatch_event_on(&selector, &name, &n),
            ExecuteScript::replace_url(&url),
        ];
        for script in scripts {
            let event = Event::from(script);
            for dialect in [Dialect::V021, Dialect::V1] {
                let parsed = roundtrip(dialect, &event).expect("0.21 and 1.0 run scripts")?;
                prop_assert_eq!(&parsed, &event, "{}", dialect);
            }
        }
    }

    #[test]
    fn redirects_and_console_messages_read_back(url in line(), level in level(), message in text(), id in ids(), retry in millis()) {
        let redirect = framed(Redirect::new(url.clone()), &id, retry);
        let console = framed(ConsoleMessage::new(level, message.clone()), &id, retry);
        for dialect in dialects() {
            if let Some(parsed) = roundtrip(dialect, &redirect) {
                prop_assert_eq!(parsed?, framed_back(dialect, Redirect::new(url.clone()), &id, retry), "{}", dialect);
            } else {
                prop_assert!(matches!(dialect, Dialect::Fragment2024 { .. }) && url.is_empty(), "{} refused {:?}", dialect, url);
            }
            if let Some(parsed) = roundtrip(dialect, &console) {
                let message = if dialect == Dialect::V019 { lf(&message) } else { message.clone() };
                prop_assert_eq!(parsed?, framed_back(dialect, ConsoleMessage::new(level, message), &id, retry), "{}", dialect);
            } else {
                prop_assert!(matches!(dialect, Dialect::Fragment2024 { .. }), "{} refused a console message", dialect);
            }
        }
    }
}

// ---------------------------------------------------------------- anything written

/// Any event of any kind, with any text in every field.
fn any_event() -> impl Strategy<Value = Event> {
    let patch = (
        html(),
        prop::option::of(text()),
        mode(),
        millis(),
        any::<bool>(),
        namespace(),
    )
        .prop_map(|(html, selector, mode, settle, vt, ns)| {
            Event::from(patch(&html, &selector, mode, settle, vt).namespace(ns))
        });
    let remove = (text(), millis(), any::<bool>()).prop_map(|(selector, settle, vt)| {
        let remove = RemoveElements::new(selector).view_transition(vt);
        Event::from(match settle {
            Some(ms) => remove.settle(Duration::from_millis(ms.into())),
            None => remove,
        })
    });
    let signals =
        (text(), any::<bool>()).prop_map(|(json, only)| Event::from(PatchSignals::raw(json).only_if_missing(only)));
    let removed = prop::collection::vec(text(), 0..3).prop_map(|paths| Event::from(RemoveSignals::new(paths)));
    let scripts = (
        text(),
        prop::collection::vec(("[a-z][a-z-]{0,10}", text()), 0..3),
        any::<bool>(),
    )
        .prop_map(|(text, attributes, auto_remove)| Event::from(script(&text, &attributes, auto_remove)));
    let redirect = text().prop_map(|url| Event::from(Redirect::new(url)));
    let console = (level(), text()).prop_map(|(level, message)| Event::from(ConsoleMessage::new(level, message)));
    (
        prop_oneof![patch, remove, signals, removed, scripts, redirect, console],
        any_ids(),
        millis(),
    )
        .prop_map(|(event, id, retry)| framed(event, &id, retry))
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn whatever_an_encoder_writes_reads_back_as_one_event_that_encodes_the_same(event in any_event()) {
        for dialect in dialects() {
            if let Some(result) = roundtrip(dialect, &event) {
                result?;
            }
        }
    }
}
