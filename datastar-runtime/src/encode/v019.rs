//! `@sudodevnull/datastar` 0.19: `datastar-fragment`, `datastar-signal`, `datastar-delete`,
//! `datastar-redirect`, `datastar-console`.
//!
//! Verified against the published 0.19.9 client (`dist/datastar.js`, read from its source
//! map):
//!
//! - `datastar-fragment`: the data is trimmed, split at `\n`, and a line switches key only
//!   when its first word is a key word (`selector`, `merge`, `settle`, `fragment`, `vt`)
//!   different from the current key; other lines continue the current key, empty lines
//!   are skipped. A multi-line fragment would therefore lose its blank lines and misread
//!   a line starting with a key word, so HTML travels on one line ([`super::html`]).
//!   Every top-level element of the fragment is applied. Merge words are `morph`
//!   (default), `inner`, `outer`, `prepend`, `append`, `before`, `after`,
//!   `upsert_attributes`; any other throws. Settle defaults to 500 ms.
//! - `vt` defaults to TRUE in this client, and overlapping view transitions throw, so
//!   `vt false` is written unless a transition was asked for.
//! - `datastar-signal`: every line must start with `onlyIfMissing` or `store` (anything
//!   else throws); `store` lines are joined and evaluated as a JavaScript object
//!   expression. JSON travels on one line, its line breaks as spaces.
//! - `datastar-delete`: `selector CSS` removes at once (no settle), `paths a b c` removes
//!   store paths split at single spaces, so a path with whitespace (or an empty one) is a
//!   typed error.
//! - `datastar-redirect`: `url URL`. `datastar-console`: `MODE MESSAGE` with MODE one of
//!   debug, error, info, group, groupEnd, log, warn; the message is the rest of the whole
//!   data, so a multi-line message travels as continuation data lines and arrives whole
//!   (without leading or trailing whitespace, which the client trims).
//! - Scripts: there is no script event, and patched `<script>` elements never run (they
//!   come from `template.innerHTML`), so running a script is a typed error.

use bytes::{BufMut, BytesMut};

use super::shared::{self, Merge, merge, removal_selector, signal_paths, unsupported};
use super::{Dialect, EncodeError, Encoder, html, sse};
use crate::event::{
    ConsoleMessage, Event, ExecuteScript, PatchElements, PatchSignals, Redirect, RemoveElements, RemoveSignals,
};

const DEFAULT_SETTLE_MS: u128 = 500;

/// The 0.19 encoder.
pub(super) struct V019;

impl Encoder for V019 {
    fn patch_elements(&self, buf: &mut BytesMut, event: &Event, patch: &PatchElements) -> Result<(), EncodeError> {
        let (selector, word) = match merge(Dialect::V019, patch)? {
            Merge::Fragment { selector, word } => (selector, word),
            Merge::Remove(selector) => return delete_selector(buf, event, selector),
        };
        sse::header(buf, "datastar-fragment", event.id.as_deref(), event.retry, None)?;
        if let Some(selector) = selector {
            sse::line(buf, "selector", selector.as_bytes());
        }
        if let Some(word) = word {
            sse::line(buf, "merge", word.as_bytes());
        }
        shared::settle(buf, "settle", DEFAULT_SETTLE_MS, patch.settle);
        sse::line(buf, "vt", if patch.view_transition { b"true" } else { b"false" });
        buf.put_slice(b"data: fragment ");
        html::write_html(buf, &patch.elements);
        buf.put_u8(b'\n');
        sse::end(buf);
        Ok(())
    }

    fn remove_elements(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveElements) -> Result<(), EncodeError> {
        delete_selector(buf, event, removal_selector(&remove.selector)?)
    }

    fn patch_signals(&self, buf: &mut BytesMut, event: &Event, patch: &PatchSignals) -> Result<(), EncodeError> {
        sse::header(buf, "datastar-signal", event.id.as_deref(), event.retry, None)?;
        if patch.only_if_missing {
            sse::line(buf, "onlyIfMissing", b"true");
        }
        buf.put_slice(b"data: store ");
        html::write_json(buf, &patch.json);
        buf.put_u8(b'\n');
        sse::end(buf);
        Ok(())
    }

    fn remove_signals(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveSignals) -> Result<(), EncodeError> {
        signal_paths(&remove.paths)?;
        if remove.paths.iter().any(|path| path.contains(html::is_js_space)) {
            return Err(unsupported(
                Dialect::V019,
                "signal paths containing whitespace",
                "0.19 separates paths with spaces; rename the signal",
            ));
        }
        sse::header(buf, "datastar-delete", event.id.as_deref(), event.retry, None)?;
        buf.put_slice(b"data: paths ");
        for (i, path) in remove.paths.iter().enumerate() {
            if i > 0 {
                buf.put_u8(b' ');
            }
            buf.put_slice(path.as_bytes());
        }
        buf.put_u8(b'\n');
        sse::end(buf);
        Ok(())
    }

    fn execute_script(&self, _: &mut BytesMut, _: &Event, _: &ExecuteScript) -> Result<(), EncodeError> {
        Err(unsupported(
            Dialect::V019,
            "running scripts",
            "0.19 has no script event and never runs patched <script> elements",
        ))
    }

    fn redirect(&self, buf: &mut BytesMut, event: &Event, redirect: &Redirect) -> Result<(), EncodeError> {
        sse::single_line("URL", &redirect.url)?;
        sse::header(buf, "datastar-redirect", event.id.as_deref(), event.retry, None)?;
        sse::line(buf, "url", redirect.url.as_bytes());
        sse::end(buf);
        Ok(())
    }

    fn console(&self, buf: &mut BytesMut, event: &Event, message: &ConsoleMessage) -> Result<(), EncodeError> {
        sse::header(buf, "datastar-console", event.id.as_deref(), event.retry, None)?;
        // The client reads the mode from the first word and the message from the rest of
        // the data, which joins data lines with `\n`.
        buf.put_slice(b"data: ");
        buf.put_slice(message.level.as_str().as_bytes());
        buf.put_u8(b' ');
        let text = message.message.as_bytes();
        let mut start = 0;
        for at in memchr::memchr2_iter(b'\n', b'\r', text) {
            if at < start {
                continue;
            }
            buf.put_slice(&text[start..at]);
            buf.put_slice(b"\ndata: ");
            start = at + 1;
            if text[at] == b'\r' && text.get(at + 1) == Some(&b'\n') {
                start += 1;
            }
        }
        buf.put_slice(&text[start..]);
        buf.put_u8(b'\n');
        sse::end(buf);
        Ok(())
    }
}

fn delete_selector(buf: &mut BytesMut, event: &Event, selector: &str) -> Result<(), EncodeError> {
    sse::single_line("selector", selector)?;
    sse::header(buf, "datastar-delete", event.id.as_deref(), event.retry, None)?;
    sse::line(buf, "selector", selector.as_bytes());
    sse::end(buf);
    Ok(())
}
