//! Datastar 1.0: `datastar-patch-elements` and `datastar-patch-signals`, nothing else.
//! Only non-default lines are written, in the order of the official Go SDK.

use bytes::BytesMut;

use super::{EncodeError, script_element};
use crate::event::{Event, EventKind, Namespace, PatchElements};
use crate::mode::Mode;
use crate::sse;

const PATCH_ELEMENTS: &str = "datastar-patch-elements";
const PATCH_SIGNALS: &str = "datastar-patch-signals";
const DEFAULT_RETRY_MS: Option<u128> = Some(1000);

pub(super) fn encode(event: &Event, buf: &mut BytesMut) -> Result<(), EncodeError> {
    let id = event.id.as_deref();
    match &event.kind {
        EventKind::PatchElements(patch) => patch_elements(buf, event, patch),
        EventKind::RemoveElements(remove) => {
            sse::single_line("selector", &remove.selector)?;
            sse::header(buf, PATCH_ELEMENTS, id, event.retry, DEFAULT_RETRY_MS)?;
            sse::line(buf, "selector", remove.selector.as_bytes());
            sse::line(buf, "mode", b"remove");
            if remove.view_transition {
                sse::line(buf, "useViewTransition", b"true");
            }
            sse::end(buf);
            Ok(())
        }
        EventKind::PatchSignals(patch) => signals(buf, event, &patch.json, patch.only_if_missing),
        EventKind::RemoveSignals(remove) => {
            let json = super::null_patch(&remove.paths)?;
            signals(buf, event, &json, false)
        }
        EventKind::ExecuteScript(script) => append_script(buf, event, &script_element(script)?),
        EventKind::Redirect(redirect) => {
            sse::single_line("URL", &redirect.url)?;
            let script = crate::ExecuteScript::new(super::redirect_script(&redirect.url));
            append_script(buf, event, &script_element(&script)?)
        }
        EventKind::Console(message) => {
            let script = crate::ExecuteScript::new(super::console_script(message));
            append_script(buf, event, &script_element(&script)?)
        }
    }
}

fn patch_elements(buf: &mut BytesMut, event: &Event, patch: &PatchElements) -> Result<(), EncodeError> {
    let mode = match patch.mode {
        Mode::Morph => None,
        Mode::Inner => Some("inner"),
        Mode::Replace => Some("replace"),
        Mode::Prepend => Some("prepend"),
        Mode::Append => Some("append"),
        Mode::Before => Some("before"),
        Mode::After => Some("after"),
        Mode::Remove => Some("remove"),
        Mode::UpsertAttributes => {
            return Err(EncodeError::Unsupported {
                dialect: super::Dialect::V1,
                feature: "the upsert-attributes merge mode",
                help: "patch the whole element with mode `outer` (morph), which keeps the element and updates its attributes",
            });
        }
    };
    if let Some(selector) = &patch.selector {
        sse::single_line("selector", selector)?;
    }
    sse::header(buf, PATCH_ELEMENTS, event.id.as_deref(), event.retry, DEFAULT_RETRY_MS)?;
    if let Some(selector) = &patch.selector {
        sse::line(buf, "selector", selector.as_bytes());
    }
    if let Some(mode) = mode {
        sse::line(buf, "mode", mode.as_bytes());
    }
    if patch.namespace != Namespace::Html {
        sse::line(buf, "namespace", patch.namespace.as_str().as_bytes());
    }
    if patch.view_transition {
        sse::line(buf, "useViewTransition", b"true");
    }
    if !patch.elements.is_empty() {
        sse::lines(buf, "elements", &patch.elements);
    }
    sse::end(buf);
    Ok(())
}

fn signals(buf: &mut BytesMut, event: &Event, json: &str, only_if_missing: bool) -> Result<(), EncodeError> {
    sse::header(buf, PATCH_SIGNALS, event.id.as_deref(), event.retry, DEFAULT_RETRY_MS)?;
    if only_if_missing {
        sse::line(buf, "onlyIfMissing", b"true");
    }
    sse::lines(buf, "signals", json);
    sse::end(buf);
    Ok(())
}

fn append_script(buf: &mut BytesMut, event: &Event, element: &str) -> Result<(), EncodeError> {
    sse::header(buf, PATCH_ELEMENTS, event.id.as_deref(), event.retry, DEFAULT_RETRY_MS)?;
    sse::line(buf, "selector", b"body");
    sse::line(buf, "mode", b"append");
    sse::lines(buf, "elements", element);
    sse::end(buf);
    Ok(())
}
