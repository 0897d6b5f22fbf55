//! The 2024 fragment protocol (clients up to about 0.18), which the seed pages were
//! written for: `datastar-fragment` with `_element` merge words, and `datastar-redirect`.
//!
//! The client keeps only the last `fragment` line and fails on whitespace before the first
//! `<`, so HTML travels trimmed and on one line ([`crate::one_line`]). It has no signals
//! event: signals become `upsert_attributes` of `data-store` on the dialect's store element.
//! It has no view transitions; the flag is ignored.

use bytes::{BufMut, BytesMut};

use super::{Dialect, EncodeError, push_attribute_value};
use crate::event::{Event, EventKind, Namespace};
use crate::mode::Mode;
use crate::{one_line, sse};

const DEFAULT_SETTLE_MS: u128 = 500;

fn unsupported(store: Option<&'static str>, feature: &'static str, help: &'static str) -> EncodeError {
    EncodeError::Unsupported {
        dialect: Dialect::Fragment2024 { store },
        feature,
        help,
    }
}

pub(super) fn encode(event: &Event, store: Option<&'static str>, buf: &mut BytesMut) -> Result<(), EncodeError> {
    match &event.kind {
        EventKind::PatchElements(patch) => {
            if patch.namespace != Namespace::Html {
                return Err(unsupported(
                    store,
                    "SVG or MathML namespaces",
                    "wrap the elements in their <svg> or <math> root",
                ));
            }
            let mode = match patch.mode {
                Mode::Morph => None,
                Mode::Inner => Some("inner_element"),
                Mode::Replace => Some("outer_element"),
                Mode::Prepend => Some("prepend_element"),
                Mode::Append => Some("append_element"),
                Mode::Before => Some("before_element"),
                Mode::After => Some("after_element"),
                Mode::Remove => Some("delete_element"),
                Mode::UpsertAttributes => Some("upsert_attributes"),
            };
            let elements = if patch.mode == Mode::Remove && patch.elements.trim().is_empty() {
                "<div></div>"
            } else {
                &patch.elements
            };
            fragment(buf, event, patch.selector.as_deref(), mode, patch.settle, elements)
        }
        EventKind::RemoveElements(remove) => fragment(
            buf,
            event,
            Some(&remove.selector),
            Some("delete_element"),
            remove.settle,
            "<div></div>",
        ),
        EventKind::PatchSignals(patch) => {
            let Some(selector) = store else {
                return Err(unsupported(
                    store,
                    "signals without a store element",
                    "name the element carrying data-store: Dialect::Fragment2024 { store: Some(\"#main\") }",
                ));
            };
            if patch.only_if_missing {
                return Err(unsupported(
                    store,
                    "only-if-missing signal patches",
                    "send the signals unconditionally, or render them into the page's data-store",
                ));
            }
            let mut html = String::with_capacity(patch.json.len() + 32);
            html.push_str("<div data-store=\"");
            // Line breaks in JSON are whitespace; as references they stay out of the SSE line.
            push_attribute_value(&mut html, &patch.json);
            html.push_str("\"></div>");
            fragment(buf, event, Some(selector), Some("upsert_attributes"), None, &html)
        }
        EventKind::RemoveSignals(_) => Err(unsupported(
            store,
            "removing signals",
            "set the signals to empty values with a signals patch",
        )),
        EventKind::ExecuteScript(_) => Err(unsupported(
            store,
            "running scripts",
            "the 2024 client has no script event; patch an element whose data-on-load expression does the work",
        )),
        EventKind::Redirect(redirect) => {
            sse::single_line("URL", &redirect.url)?;
            sse::header(buf, "datastar-redirect", event.id.as_deref(), event.retry, None)?;
            sse::line(buf, "redirect", redirect.url.as_bytes());
            sse::end(buf);
            Ok(())
        }
        EventKind::Console(_) => Err(unsupported(
            store,
            "console messages",
            "its only related event, datastar-error, makes the client throw and retry the request",
        )),
    }
}

fn fragment(
    buf: &mut BytesMut,
    event: &Event,
    selector: Option<&str>,
    mode: Option<&str>,
    settle: Option<std::time::Duration>,
    html: &str,
) -> Result<(), EncodeError> {
    if let Some(selector) = selector {
        sse::single_line("selector", selector)?;
    }
    sse::header(buf, "datastar-fragment", event.id.as_deref(), event.retry, None)?;
    if let Some(selector) = selector {
        sse::line(buf, "selector", selector.as_bytes());
    }
    if let Some(mode) = mode {
        sse::line(buf, "merge", mode.as_bytes());
    }
    if let Some(settle) = settle.map(|s| s.as_millis()) {
        if settle != DEFAULT_SETTLE_MS {
            sse::number(buf, "settle", settle);
        }
    }
    buf.put_slice(b"data: fragment ");
    one_line::write_html(buf, html.trim_start());
    buf.put_u8(b'\n');
    sse::end(buf);
    Ok(())
}
