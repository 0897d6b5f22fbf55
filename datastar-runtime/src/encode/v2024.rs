//! The 2024 fragment protocol (clients up to about 0.18), which the seed pages were
//! written for: `datastar-fragment` with `_element` merge words, and `datastar-redirect`.
//!
//! Verified against the 2024 client's source (no longer published; read from a copy): it
//! splits the event's data at `\n`, throws on a line without a space, keeps the LAST
//! `fragment` (or `html`) line, parses it with `template.innerHTML` and takes the
//! template's FIRST node, throwing unless it is an element. An empty fragment or an empty
//! redirect URL also throws, and every throw makes the client repeat the request. Hence:
//!
//! - HTML travels on one line ([`super::html`]), starting at its first element: text,
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

use datastar_syntax::Generation;

use super::shared::{self, Merge, merge, removal_selector, unsupported};
use super::{Dialect, EncodeError, Encoder, html, sse};
use crate::event::{
    ConsoleMessage, Event, ExecuteScript, Mode, PatchElements, PatchSignals, Redirect, RemoveElements, RemoveSignals,
};

const DEFAULT_SETTLE_MS: u128 = 500;
const PLACEHOLDER: &str = "<div></div>";
const DELETE: &str = shared::word(Generation::Fragment2024, Mode::Remove);
const UPSERT: &str = shared::word(Generation::Fragment2024, Mode::UpsertAttributes);

/// The 2024 encoder, with the dialect's store element.
pub(super) struct Fragment2024 {
    pub(super) store: Option<&'static str>,
}

impl Fragment2024 {
    fn dialect(&self) -> Dialect {
        Dialect::Fragment2024 { store: self.store }
    }
}

impl Encoder for Fragment2024 {
    fn patch_elements(&self, buf: &mut BytesMut, event: &Event, patch: &PatchElements) -> Result<(), EncodeError> {
        let (selector, word) = match merge(self.dialect(), patch)? {
            Merge::Fragment { selector, word } => (selector, word),
            // Not reached (2024 has a merge word for removing), and the same event.
            Merge::Remove(selector) => (Some(selector), Some(DELETE)),
        };
        let html = match html::first_element(&patch.elements) {
            Some(start) => &patch.elements[start..],
            None if patch.mode == Mode::Remove && selector.is_some() => PLACEHOLDER,
            None => return Err(EncodeError::Empty { field: "elements" }),
        };
        fragment(buf, event, selector, word, patch.settle, Html::Fragment(html))
    }

    fn remove_elements(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveElements) -> Result<(), EncodeError> {
        let selector = removal_selector(&remove.selector)?;
        fragment(
            buf,
            event,
            Some(selector),
            Some(DELETE),
            remove.settle,
            Html::Fragment(PLACEHOLDER),
        )
    }

    fn patch_signals(&self, buf: &mut BytesMut, event: &Event, patch: &PatchSignals) -> Result<(), EncodeError> {
        let Some(selector) = self.store else {
            return Err(unsupported(
                self.dialect(),
                "signals without a store element",
                "name the element carrying data-store: Dialect::Fragment2024 { store: Some(\"#main\") }",
            ));
        };
        if patch.only_if_missing {
            return Err(unsupported(
                self.dialect(),
                "only-if-missing signal patches",
                "send the signals unconditionally, or render them into the page's data-store",
            ));
        }
        fragment(buf, event, Some(selector), Some(UPSERT), None, Html::Store(&patch.json))
    }

    fn remove_signals(&self, _: &mut BytesMut, _: &Event, _: &RemoveSignals) -> Result<(), EncodeError> {
        Err(unsupported(
            self.dialect(),
            "removing signals",
            "set the signals to empty values with a signals patch",
        ))
    }

    fn execute_script(&self, _: &mut BytesMut, _: &Event, _: &ExecuteScript) -> Result<(), EncodeError> {
        Err(unsupported(
            self.dialect(),
            "running scripts",
            "the 2024 client has no script event and never runs patched <script> elements",
        ))
    }

    fn redirect(&self, buf: &mut BytesMut, event: &Event, redirect: &Redirect) -> Result<(), EncodeError> {
        sse::single_line("URL", &redirect.url)?;
        if redirect.url.is_empty() {
            return Err(unsupported(
                self.dialect(),
                "an empty redirect URL",
                "the client throws on it; redirect to the page's own path",
            ));
        }
        sse::header(buf, "datastar-redirect", event.id.as_deref(), event.retry, None)?;
        sse::line(buf, "redirect", redirect.url.as_bytes());
        sse::end(buf);
        Ok(())
    }

    fn console(&self, _: &mut BytesMut, _: &Event, _: &ConsoleMessage) -> Result<(), EncodeError> {
        Err(unsupported(
            self.dialect(),
            "console messages",
            "its only related event, datastar-error, makes the client throw and retry the request",
        ))
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
    word: Option<&str>,
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
    if let Some(word) = word {
        sse::line(buf, "merge", word.as_bytes());
    }
    shared::settle(buf, "settle", DEFAULT_SETTLE_MS, settle);
    buf.put_slice(b"data: fragment ");
    match html {
        Html::Fragment(html) => html::write_html(buf, html),
        Html::Store(json) => {
            // The escaped value has no line break left.
            buf.put_slice(b"<div data-store=\"");
            html::put_attribute_value(buf, json);
            buf.put_slice(b"\"></div>");
        }
    }
    buf.put_u8(b'\n');
    sse::end(buf);
    Ok(())
}
