//! Datastar 1.0: `datastar-patch-elements` and `datastar-patch-signals`, nothing else.
//! Only non-default lines are written, in the order of the official Go SDK.
//!
//! Verified against the 1.0.1 client (`datastar-core.js` of the starhtml 0.7.0 wheel):
//!
//! - It splits the data at `\n`, takes each line's first word as its key and joins the
//!   lines of one key with `\n`, keeping every line as it is: multi-line values travel one
//!   data line per line and arrive exactly (CRLF and CR as LF).
//! - `datastar-patch-elements`: `selector`, `mode` (default `outer`, which morphs),
//!   `namespace` (`html`, `svg`, `mathml`), `useViewTransition` (`true` after trimming),
//!   `elements`. Any other mode or namespace throws, and so does a mode other than
//!   `outer` or `replace` without a selector: such a patch is a typed error here. `remove`
//!   ignores `elements`, so none are written for it.
//! - Patched `<script>` elements are re-created and run, so a script is an element
//!   appended to `body`, removing itself with `data-effect="el.remove()"` unless told
//!   otherwise. Redirects and console messages are scripts too.
//! - `datastar-patch-signals`: `onlyIfMissing` (`true` after trimming), `signals` parsed
//!   as JSON and applied as an RFC 7386 merge patch, so removing signals is a patch of
//!   `null`s.
//! - The client applies events of a 200 response only.

use bytes::BytesMut;

use super::sse;
use super::{EncodeError, patch_selector, removal_selector, script_element};
use crate::event::Mode;
use crate::event::{Event, EventKind, Namespace, PatchElements};

const PATCH_ELEMENTS: &str = "datastar-patch-elements";
const PATCH_SIGNALS: &str = "datastar-patch-signals";
const DEFAULT_RETRY_MS: Option<u128> = Some(1000);

pub(super) fn encode(event: &Event, buf: &mut BytesMut) -> Result<(), EncodeError> {
    let id = event.id.as_deref();
    match &event.kind {
        EventKind::PatchElements(patch) => patch_elements(buf, event, patch),
        EventKind::RemoveElements(remove) => {
            let selector = removal_selector(&remove.selector)?;
            sse::header(buf, PATCH_ELEMENTS, id, event.retry, DEFAULT_RETRY_MS)?;
            sse::line(buf, "selector", selector.as_bytes());
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
    let selector = patch_selector(patch);
    if let Some(selector) = selector {
        sse::single_line("selector", selector)?;
    }
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
    if selector.is_none() && !matches!(patch.mode, Mode::Morph | Mode::Replace) {
        return Err(EncodeError::Unsupported {
            dialect: super::Dialect::V1,
            feature: "this mode without a selector",
            help: "1.0 finds targets by id only for `outer` and `replace`; give the patch a selector such as `#id`",
        });
    }
    sse::header(buf, PATCH_ELEMENTS, event.id.as_deref(), event.retry, DEFAULT_RETRY_MS)?;
    if let Some(selector) = selector {
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
    if !patch.elements.is_empty() && patch.mode != Mode::Remove {
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
