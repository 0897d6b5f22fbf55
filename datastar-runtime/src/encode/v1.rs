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

//! - 1.0.2 added `viewTransitionSelector`, which scopes the view transition to one
//!   element; it is read only with `useViewTransition`, so it is written only then (the
//!   key as the SDK specification and the 1.0.2 SDKs name it; the client itself was not
//!   available to read).

use bytes::BytesMut;

use datastar_syntax::Generation;

use super::shared::{self, patch_selector, removal_selector, signal_paths, unsupported, view_transition_selector};
use super::{Dialect, EncodeError, Encoder, script, sse};
use crate::event::{
    ConsoleMessage, Event, ExecuteScript, Mode, Namespace, PatchElements, PatchSignals, Redirect, RemoveElements,
    RemoveSignals, Text,
};

const PATCH_ELEMENTS: &str = "datastar-patch-elements";
const PATCH_SIGNALS: &str = "datastar-patch-signals";
const DEFAULT_RETRY_MS: Option<u128> = Some(1000);
const REMOVE: &str = shared::word(Generation::V1, Mode::Remove);
const APPEND: &str = shared::word(Generation::V1, Mode::Append);

/// The 1.0 encoder.
pub(super) struct V1;

impl Encoder for V1 {
    fn patch_elements(&self, buf: &mut BytesMut, event: &Event, patch: &PatchElements) -> Result<(), EncodeError> {
        let selector = patch_selector(patch)?;
        let scoped = view_transition_selector(patch)?;
        let Some(word) = Generation::V1.word(patch.mode) else {
            return Err(unsupported(
                Dialect::V1,
                "the upsert-attributes merge mode",
                "patch the whole element with mode `outer` (morph), which keeps the element and updates its attributes",
            ));
        };
        if selector.is_none() && !matches!(patch.mode, Mode::Morph | Mode::Replace) {
            return Err(unsupported(
                Dialect::V1,
                "this mode without a selector",
                "1.0 finds targets by id only for `outer` and `replace`; give the patch a selector such as `#id`",
            ));
        }
        sse::header(buf, PATCH_ELEMENTS, event.id.as_deref(), event.retry, DEFAULT_RETRY_MS)?;
        if let Some(selector) = selector {
            sse::line(buf, "selector", selector.as_bytes());
        }
        if patch.mode != Mode::default() {
            sse::line(buf, "mode", word.as_bytes());
        }
        if patch.namespace != Namespace::default() {
            sse::line(buf, "namespace", patch.namespace.as_str().as_bytes());
        }
        if patch.view_transition {
            sse::line(buf, "useViewTransition", b"true");
        }
        if let Some(scoped) = scoped {
            sse::line(buf, "viewTransitionSelector", scoped.as_bytes());
        }
        if !patch.elements.is_empty() && patch.mode != Mode::Remove {
            sse::lines(buf, "elements", &patch.elements);
        }
        sse::end(buf);
        Ok(())
    }

    fn remove_elements(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveElements) -> Result<(), EncodeError> {
        let selector = removal_selector(&remove.selector)?;
        sse::header(buf, PATCH_ELEMENTS, event.id.as_deref(), event.retry, DEFAULT_RETRY_MS)?;
        sse::line(buf, "selector", selector.as_bytes());
        sse::line(buf, "mode", REMOVE.as_bytes());
        if remove.view_transition {
            sse::line(buf, "useViewTransition", b"true");
        }
        sse::end(buf);
        Ok(())
    }

    fn patch_signals(&self, buf: &mut BytesMut, event: &Event, patch: &PatchSignals) -> Result<(), EncodeError> {
        signals(buf, event, &patch.json, patch.only_if_missing)
    }

    fn remove_signals(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveSignals) -> Result<(), EncodeError> {
        signals(buf, event, &null_patch(&remove.paths)?, false)
    }

    fn execute_script(&self, buf: &mut BytesMut, event: &Event, script: &ExecuteScript) -> Result<(), EncodeError> {
        append_script(buf, event, &script::element(script)?)
    }

    fn redirect(&self, buf: &mut BytesMut, event: &Event, redirect: &Redirect) -> Result<(), EncodeError> {
        sse::single_line("URL", &redirect.url)?;
        let run = ExecuteScript::new(script::redirect(&redirect.url));
        append_script(buf, event, &script::element(&run)?)
    }

    fn console(&self, buf: &mut BytesMut, event: &Event, message: &ConsoleMessage) -> Result<(), EncodeError> {
        let run = ExecuteScript::new(script::console(message));
        append_script(buf, event, &script::element(&run)?)
    }
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
    sse::line(buf, "mode", APPEND.as_bytes());
    sse::lines(buf, "elements", element);
    sse::end(buf);
    Ok(())
}

/// The JSON merge patch that deletes these dotted signal paths. Removing a signal removes
/// everything under it, so a path below one already removed adds nothing.
fn null_patch(paths: &[Text]) -> Result<String, EncodeError> {
    signal_paths(paths)?;
    let mut root = serde_json::Map::new();
    for path in paths {
        let mut node = &mut root;
        let mut parts = path.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                node.insert(part.to_owned(), serde_json::Value::Null);
                break;
            }
            let child = node
                .entry(part.to_owned())
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            match child {
                serde_json::Value::Object(map) => node = map,
                // An ancestor is removed already.
                _ => break,
            }
        }
    }
    Ok(serde_json::Value::Object(root).to_string())
}
