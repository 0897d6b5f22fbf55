//! The merge-fragments protocol of Datastar 0.20, 0.21 and 1.0.0-beta. Only non-default
//! lines are written, as that generation's SDKs did.
//!
//! Verified against the published 0.21.4 and 1.0.0-beta.11 clients (their `dist/` modules):
//!
//! - Both split the data at `\n`, take each line's first word as its key and join the
//!   lines of one key with `\n`; a line without a space would lose its key's last letter,
//!   so every line has one. 0.21.4 also TRIMS every line (JavaScript `trim()`), beta.11
//!   does not. Multi-line values therefore travel one data line per line; in
//!   `fragments` whitespace at a line's edges is written as character references where
//!   the HTML tokenizer decodes them ([`crate::encode::html::write_html_lines`]), so both
//!   clients build the same DOM. In `script` lines 0.21.4 still drops edge whitespace,
//!   which only matters inside multi-line template literals (documented exception).
//! - `datastar-merge-fragments`: `selector`, `mergeMode` (default `morph`; `inner`,
//!   `outer`, `prepend`, `append`, `before`, `after`, `upsertAttributes`),
//!   `settleDuration` (300; beta ignores it), `useViewTransition` (false), `fragments`
//!   (every top-level element is applied; scripts in them never run). `inner` differs
//!   between the two: 0.21.4 moves the fragment's children into the target, beta.11 the
//!   fragment itself.
//! - `datastar-remove-fragments`: needs a `selector`; `settleDuration`, `useViewTransition`.
//! - `datastar-merge-signals`: `onlyIfMissing` (false), `signals` evaluated as a
//!   JavaScript object expression. `null` sets a signal to null (no RFC 7386 removal), and
//!   a key containing `__` throws.
//! - `datastar-remove-signals`: one trimmed path per `paths` line, so an empty path or
//!   one with whitespace at its edges is a typed error. (The client stops at the first
//!   path whose parent is missing.)
//! - `datastar-execute-script`: `autoRemove` (true), `attributes` (default `type module`:
//!   a script without attributes runs as a module), `script`, which must not be empty
//!   (an empty or blank script is sent as `;`, which does the same nothing). Each
//!   attribute line is split at its first space and both halves are trimmed, so a value
//!   with whitespace at its edges is a typed error, and an empty value is only possible
//!   for the boolean `async`, `defer` and `nomodule`, written as their own name.
//! - Redirects and console messages become scripts, as that generation's SDKs did.

use std::time::Duration;

use bytes::BytesMut;

use super::shared::{self, Merge, merge, removal_selector, signal_paths, unsupported};
use super::{Dialect, EncodeError, Encoder, html, script, sse};
use crate::event::{
    ConsoleMessage, Event, ExecuteScript, PatchElements, PatchSignals, Redirect, RemoveElements, RemoveSignals, Text,
};

const DEFAULT_RETRY_MS: Option<u128> = Some(1000);
const DEFAULT_SETTLE_MS: u128 = 300;

/// The 0.21 encoder.
pub(super) struct V021;

impl Encoder for V021 {
    fn patch_elements(&self, buf: &mut BytesMut, event: &Event, patch: &PatchElements) -> Result<(), EncodeError> {
        let (selector, word) = match merge(Dialect::V021, patch)? {
            Merge::Fragment { selector, word } => (selector, word),
            Merge::Remove(selector) => {
                return remove_fragments(buf, event, selector, patch.settle, patch.view_transition);
            }
        };
        sse::header(
            buf,
            "datastar-merge-fragments",
            event.id.as_deref(),
            event.retry,
            DEFAULT_RETRY_MS,
        )?;
        if let Some(selector) = selector {
            sse::line(buf, "selector", selector.as_bytes());
        }
        if let Some(word) = word {
            sse::line(buf, "mergeMode", word.as_bytes());
        }
        shared::settle(buf, "settleDuration", DEFAULT_SETTLE_MS, patch.settle);
        if patch.view_transition {
            sse::line(buf, "useViewTransition", b"true");
        }
        html::write_html_lines(buf, "fragments", &patch.elements);
        sse::end(buf);
        Ok(())
    }

    fn remove_elements(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveElements) -> Result<(), EncodeError> {
        let selector = removal_selector(&remove.selector)?;
        remove_fragments(buf, event, selector, remove.settle, remove.view_transition)
    }

    fn patch_signals(&self, buf: &mut BytesMut, event: &Event, patch: &PatchSignals) -> Result<(), EncodeError> {
        sse::header(
            buf,
            "datastar-merge-signals",
            event.id.as_deref(),
            event.retry,
            DEFAULT_RETRY_MS,
        )?;
        if patch.only_if_missing {
            sse::line(buf, "onlyIfMissing", b"true");
        }
        sse::lines(buf, "signals", &patch.json);
        sse::end(buf);
        Ok(())
    }

    fn remove_signals(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveSignals) -> Result<(), EncodeError> {
        signal_paths(&remove.paths)?;
        let edge = |path: &Text| path.starts_with(html::is_js_space) || path.ends_with(html::is_js_space);
        if remove.paths.iter().any(edge) {
            return Err(unsupported(
                Dialect::V021,
                "signal paths with whitespace at their edges",
                "the client trims every path; rename the signal",
            ));
        }
        sse::header(
            buf,
            "datastar-remove-signals",
            event.id.as_deref(),
            event.retry,
            DEFAULT_RETRY_MS,
        )?;
        for path in &remove.paths {
            sse::line(buf, "paths", path.as_bytes());
        }
        sse::end(buf);
        Ok(())
    }

    fn execute_script(&self, buf: &mut BytesMut, event: &Event, script: &ExecuteScript) -> Result<(), EncodeError> {
        execute_script(buf, event, &script.script, &script.attributes, script.auto_remove)
    }

    fn redirect(&self, buf: &mut BytesMut, event: &Event, redirect: &Redirect) -> Result<(), EncodeError> {
        sse::single_line("URL", &redirect.url)?;
        execute_script(buf, event, &script::redirect(&redirect.url), &[], true)
    }

    fn console(&self, buf: &mut BytesMut, event: &Event, message: &ConsoleMessage) -> Result<(), EncodeError> {
        execute_script(buf, event, &script::console(message), &[], true)
    }
}

fn remove_fragments(
    buf: &mut BytesMut,
    event: &Event,
    selector: &str,
    settle: Option<Duration>,
    view_transition: bool,
) -> Result<(), EncodeError> {
    sse::header(
        buf,
        "datastar-remove-fragments",
        event.id.as_deref(),
        event.retry,
        DEFAULT_RETRY_MS,
    )?;
    sse::line(buf, "selector", selector.as_bytes());
    shared::settle(buf, "settleDuration", DEFAULT_SETTLE_MS, settle);
    if view_transition {
        sse::line(buf, "useViewTransition", b"true");
    }
    sse::end(buf);
    Ok(())
}

/// The value an attribute line carries, or why the client cannot set it.
fn attribute_value<'v>(name: &str, value: &'v str) -> Result<&'v str, EncodeError> {
    sse::single_line("attribute value", value)?;
    if value.is_empty() {
        return match name {
            "async" | "defer" | "nomodule" => Ok(""),
            _ => Err(unsupported(
                Dialect::V021,
                "empty script attribute values",
                "the client cannot set an empty value; give the attribute a value",
            )),
        };
    }
    if value.starts_with(html::is_js_space) || value.ends_with(html::is_js_space) {
        return Err(unsupported(
            Dialect::V021,
            "script attribute values with whitespace at their edges",
            "the client trims attribute values; trim the value",
        ));
    }
    Ok(value)
}

fn execute_script(
    buf: &mut BytesMut,
    event: &Event,
    script: &str,
    attributes: &[(Text, Text)],
    auto_remove: bool,
) -> Result<(), EncodeError> {
    for (name, value) in attributes {
        html::attribute_name(name)?;
        sse::single_line("attribute value", value)?;
    }
    for (name, value) in attributes {
        attribute_value(name, value)?;
    }
    sse::header(
        buf,
        "datastar-execute-script",
        event.id.as_deref(),
        event.retry,
        DEFAULT_RETRY_MS,
    )?;
    if !auto_remove {
        sse::line(buf, "autoRemove", b"false");
    }
    let default_attributes = attributes.len() == 1 && attributes[0].0 == "type" && attributes[0].1 == "module";
    if !default_attributes {
        for (name, value) in attributes {
            buf.extend_from_slice(b"data: attributes ");
            buf.extend_from_slice(name.as_bytes());
            buf.extend_from_slice(b" ");
            let value = match attribute_value(name, value)? {
                "" => name.as_bytes(),
                value => value.as_bytes(),
            };
            buf.extend_from_slice(value);
            buf.extend_from_slice(b"\n");
        }
    }
    if script.trim_matches(html::is_js_space).is_empty() {
        sse::line(buf, "script", b";");
    } else {
        sse::lines(buf, "script", script);
    }
    sse::end(buf);
    Ok(())
}
