//! The 2024 fragment protocol (clients up to about 0.18), which the seed pages were
//! written for: `datastar-fragment` with `_element` merge words, and `datastar-redirect`.
//!
//! Verified against the 2024 client's source (no longer published; read from a copy): it
//! splits the event's data at `\n`, throws on a line without a space, keeps the LAST
//! `fragment` (or `html`) line, parses it with `template.innerHTML` and takes the
//! template's FIRST node, throwing unless it is an element. An empty fragment or an empty
//! redirect URL also throws, and every throw makes the client repeat the request. Hence:
//!
//! - HTML travels on one line ([`crate::one_line`]), starting at its first element: text,
//!   comments and doctype before it would be the first node. Only that first element is
//!   patched; send one event per top-level element. (Text misplaced directly inside a
//!   `<table>` is moved before the table by the HTML parser and would still come first.)
//! - A patch with no element, an empty redirect URL, signals without a store element,
//!   scripts, console messages and removing signals are typed errors.
//! - Removal by selector sends `merge delete_element` with a placeholder `<div></div>`
//!   (the client needs a fragment and ignores it); removal by id sends the element.
//! - Settle defaults to 500 ms and is written only when different; there are no view
//!   transitions or namespaces (a namespace is an error, the view-transition flag is
//!   ignored).
//! - Signals become `merge upsert_attributes` of `data-store` on the dialect's store
//!   element, as the seed does.

use bytes::{BufMut, BytesMut};

use super::{Dialect, EncodeError, patch_selector, removal_selector};
use super::{html as one_line, sse};
use crate::event::Mode;
use crate::event::{Event, EventKind, Namespace};

const DEFAULT_SETTLE_MS: u128 = 500;
const PLACEHOLDER: &str = "<div></div>";

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
            let selector = patch_selector(patch);
            if let Some(selector) = selector {
                sse::single_line("selector", selector)?;
            }
            let html = match one_line::first_element(&patch.elements) {
                Some(start) => &patch.elements[start..],
                None if patch.mode == Mode::Remove && selector.is_some() => PLACEHOLDER,
                None => return Err(EncodeError::Empty { field: "elements" }),
            };
            fragment(buf, event, selector, mode, patch.settle, Html::Fragment(html))
        }
        EventKind::RemoveElements(remove) => {
            let selector = removal_selector(&remove.selector)?;
            fragment(
                buf,
                event,
                Some(selector),
                Some("delete_element"),
                remove.settle,
                Html::Fragment(PLACEHOLDER),
            )
        }
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
            fragment(
                buf,
                event,
                Some(selector),
                Some("upsert_attributes"),
                None,
                Html::Store(&patch.json),
            )
        }
        EventKind::RemoveSignals(_) => Err(unsupported(
            store,
            "removing signals",
            "set the signals to empty values with a signals patch",
        )),
        EventKind::ExecuteScript(_) => Err(unsupported(
            store,
            "running scripts",
            "the 2024 client has no script event and never runs patched <script> elements",
        )),
        EventKind::Redirect(redirect) => {
            sse::single_line("URL", &redirect.url)?;
            if redirect.url.is_empty() {
                return Err(unsupported(
                    store,
                    "an empty redirect URL",
                    "the client throws on it; redirect to the page's own path",
                ));
            }
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

/// What a `datastar-fragment` event carries.
enum Html<'a> {
    /// HTML, written on one line from its first element.
    Fragment(&'a str),
    /// The store element `<div data-store="JSON"></div>`, written directly.
    Store(&'a str),
}

fn fragment(
    buf: &mut BytesMut,
    event: &Event,
    selector: Option<&str>,
    mode: Option<&str>,
    settle: Option<std::time::Duration>,
    html: Html<'_>,
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
    if let Some(settle) = settle.map(|s| s.as_millis().min(sse::MAX_RETRY_MS))
        && settle != DEFAULT_SETTLE_MS
    {
        sse::number(buf, "settle", settle);
    }
    buf.put_slice(b"data: fragment ");
    match html {
        Html::Fragment(html) => one_line::write_html(buf, html),
        Html::Store(json) => {
            // The escaped value has no line break left.
            buf.put_slice(b"<div data-store=\"");
            super::put_attribute_value(buf, json);
            buf.put_slice(b"\"></div>");
        }
    }
    buf.put_u8(b'\n');
    sse::end(buf);
    Ok(())
}
