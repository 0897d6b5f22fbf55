//! Every dialect encoder over arbitrary event content: never a panic; an error writes
//! nothing; a success is exactly one SSE event that no content can split, end early or
//! extend; and the scripts the runtime writes around user text cannot be closed by it.

#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use bytes::BytesMut;
use datastar_fuzz::check_one_event;
use datastar_runtime::event::{
    ConsoleLevel, ConsoleMessage, ExecuteScript, Namespace, PatchElements, PatchSignals, Redirect, RemoveElements,
    RemoveSignals,
};
use datastar_runtime::{Dialect, Event, Mode};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Kind {
    Patch {
        elements: String,
        selector: Option<String>,
        mode: u8,
        settle: Option<u32>,
        view_transition: bool,
        view_transition_selector: Option<String>,
        namespace: u8,
    },
    Signals {
        json: String,
        only_if_missing: bool,
    },
    SignalsValue(String),
    Remove {
        selector: String,
        settle: Option<u32>,
        view_transition: bool,
    },
    RemoveById(String),
    RemoveSignals(Vec<String>),
    Script {
        script: String,
        attributes: Vec<(String, String)>,
        auto_remove: bool,
    },
    Dispatch {
        selector: String,
        name: String,
        detail: String,
    },
    ReplaceUrl(String),
    Redirect(String),
    Console {
        level: u8,
        message: String,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    kind: Kind,
    id: Option<String>,
    retry: Option<u64>,
}

const DIALECTS: [Dialect; 5] = [
    Dialect::Fragment2024 { store: None },
    Dialect::Fragment2024 { store: Some("#main") },
    Dialect::V019,
    Dialect::V021,
    Dialect::V1,
];

/// Whether the runtime writes the script around user text, which must then stay data.
fn runtime_script(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Dispatch { .. } | Kind::ReplaceUrl(_) | Kind::Redirect(_) | Kind::Console { .. }
    )
}

fn event(kind: &Kind) -> Event {
    match kind {
        Kind::Patch {
            elements,
            selector,
            mode,
            settle,
            view_transition,
            view_transition_selector,
            namespace,
        } => {
            let mut patch = PatchElements::new(elements.clone())
                .mode(Mode::ALL[usize::from(*mode) % Mode::ALL.len()])
                .view_transition(*view_transition)
                .namespace(Namespace::ALL[usize::from(*namespace) % Namespace::ALL.len()]);
            if let Some(selector) = selector {
                patch = patch.selector(selector.clone());
            }
            if let Some(scope) = view_transition_selector {
                patch = patch.view_transition_selector(scope.clone());
            }
            if let Some(settle) = settle {
                patch = patch.settle(Duration::from_millis(u64::from(*settle)));
            }
            patch.into()
        }
        Kind::Signals { json, only_if_missing } => {
            PatchSignals::raw(json.clone()).only_if_missing(*only_if_missing).into()
        }
        Kind::SignalsValue(text) => PatchSignals::value(&serde_json::json!({ "text": text })).into(),
        Kind::Remove {
            selector,
            settle,
            view_transition,
        } => {
            let mut remove = RemoveElements::new(selector.clone()).view_transition(*view_transition);
            if let Some(settle) = settle {
                remove = remove.settle(Duration::from_millis(u64::from(*settle)));
            }
            remove.into()
        }
        Kind::RemoveById(id) => RemoveElements::by_id(id).into(),
        Kind::RemoveSignals(paths) => RemoveSignals::new(paths.clone()).into(),
        Kind::Script {
            script,
            attributes,
            auto_remove,
        } => {
            let mut script = ExecuteScript::new(script.clone()).auto_remove(*auto_remove);
            for (name, value) in attributes {
                script = script.attribute(name.clone(), value.clone());
            }
            script.into()
        }
        Kind::Dispatch { selector, name, detail } => ExecuteScript::dispatch_event_on(selector, name, detail).into(),
        Kind::ReplaceUrl(url) => ExecuteScript::replace_url(url).into(),
        Kind::Redirect(url) => Redirect::new(url.clone()).into(),
        Kind::Console { level, message } => ConsoleMessage::new(
            ConsoleLevel::ALL[usize::from(*level) % ConsoleLevel::ALL.len()],
            message.clone(),
        )
        .into(),
    }
}

/// The HTML of a 1.0 event's `elements` lines, joined as the client joins them.
fn elements(bytes: &[u8]) -> String {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let lines: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("data: elements "))
        .collect();
    lines.join("\n")
}

/// A script element holds its text: user text never closes it or opens a tag, and where
/// the runtime writes the script, user text is JSON with `<` escaped, so the only tags
/// are the wrapper's own.
fn check_script(kind: &Kind, bytes: &[u8]) {
    let html = elements(bytes);
    if runtime_script(kind) {
        assert_eq!(html.matches('<').count(), 2, "user text made a tag: {html:?}");
    }
    if matches!(kind, Kind::Script { .. }) {
        let lower = html.to_ascii_lowercase();
        assert_eq!(
            lower.matches("</script").count(),
            1,
            "the script closed early: {html:?}"
        );
        assert!(
            lower.ends_with("</script>"),
            "the script does not end its element: {html:?}"
        );
        assert!(!lower.contains("<!--"), "a comment could hide the end tag: {html:?}");
    }
}

fuzz_target!(|input: Input| {
    let mut event = event(&input.kind);
    if let Some(id) = &input.id {
        event = event.id(id.clone());
    }
    if let Some(retry) = input.retry {
        event = event.retry(Duration::from_millis(retry));
    }
    for dialect in DIALECTS {
        let mut buf = BytesMut::from(&b"before"[..]);
        match dialect.encode(&event, &mut buf) {
            Err(error) => {
                assert_eq!(&buf[..], b"before", "{error} wrote bytes in {dialect}");
                assert!(!error.to_string().is_empty());
            }
            Ok(()) => {
                let bytes = &buf[b"before".len()..];
                check_one_event(bytes);
                if dialect == Dialect::V1 {
                    check_script(&input.kind, bytes);
                }
            }
        }
    }
});
