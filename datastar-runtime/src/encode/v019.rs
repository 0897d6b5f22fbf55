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
//!   a line starting with a key word, so HTML travels on one line ([`crate::one_line`]).
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

use super::{Dialect, EncodeError, patch_selector, removal_selector};
use super::{html as one_line, sse};
use crate::event::Mode;
use crate::event::{Event, EventKind, Namespace};

const DEFAULT_SETTLE_MS: u128 = 500;

fn unsupported(feature: &'static str, help: &'static str) -> EncodeError {
    EncodeError::Unsupported {
        dialect: Dialect::V019,
        feature,
        help,
    }
}

pub(super) fn encode(event: &Event, buf: &mut BytesMut) -> Result<(), EncodeError> {
    let id = event.id.as_deref();
    match &event.kind {
        EventKind::PatchElements(patch) => {
            let selector = patch_selector(patch);
            if let Some(selector) = selector {
                sse::single_line("selector", selector)?;
            }
            let mode = match patch.mode {
                Mode::Morph => None,
                Mode::Inner => Some("inner"),
                Mode::Replace => Some("outer"),
                Mode::Prepend => Some("prepend"),
                Mode::Append => Some("append"),
                Mode::Before => Some("before"),
                Mode::After => Some("after"),
                Mode::UpsertAttributes => Some("upsert_attributes"),
                Mode::Remove => {
                    let Some(selector) = selector else {
                        return Err(unsupported(
                            "removing elements named only by their ids",
                            "give the patch a selector, or use RemoveElements",
                        ));
                    };
                    return delete_selector(buf, event, selector);
                }
            };
            if patch.namespace != Namespace::Html {
                return Err(unsupported(
                    "SVG or MathML namespaces",
                    "wrap the elements in their <svg> or <math> root",
                ));
            }
            sse::header(buf, "datastar-fragment", id, event.retry, None)?;
            if let Some(selector) = selector {
                sse::line(buf, "selector", selector.as_bytes());
            }
            if let Some(mode) = mode {
                sse::line(buf, "merge", mode.as_bytes());
            }
            if let Some(settle) = patch.settle.map(|s| s.as_millis().min(sse::MAX_RETRY_MS))
                && settle != DEFAULT_SETTLE_MS
            {
                sse::number(buf, "settle", settle);
            }
            sse::line(buf, "vt", if patch.view_transition { b"true" } else { b"false" });
            buf.put_slice(b"data: fragment ");
            one_line::write_html(buf, &patch.elements);
            buf.put_u8(b'\n');
            sse::end(buf);
            Ok(())
        }
        EventKind::RemoveElements(remove) => delete_selector(buf, event, removal_selector(&remove.selector)?),
        EventKind::PatchSignals(patch) => {
            sse::header(buf, "datastar-signal", id, event.retry, None)?;
            if patch.only_if_missing {
                sse::line(buf, "onlyIfMissing", b"true");
            }
            buf.put_slice(b"data: store ");
            one_line::write_json(buf, &patch.json);
            buf.put_u8(b'\n');
            sse::end(buf);
            Ok(())
        }
        EventKind::RemoveSignals(remove) => {
            super::signal_paths(&remove.paths)?;
            if remove.paths.iter().any(|path| path.contains(one_line::is_js_space)) {
                return Err(unsupported(
                    "signal paths containing whitespace",
                    "0.19 separates paths with spaces; rename the signal",
                ));
            }
            sse::header(buf, "datastar-delete", id, event.retry, None)?;
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
        EventKind::ExecuteScript(_) => Err(unsupported(
            "running scripts",
            "0.19 has no script event and never runs patched <script> elements",
        )),
        EventKind::Redirect(redirect) => {
            sse::single_line("URL", &redirect.url)?;
            sse::header(buf, "datastar-redirect", id, event.retry, None)?;
            sse::line(buf, "url", redirect.url.as_bytes());
            sse::end(buf);
            Ok(())
        }
        EventKind::Console(message) => {
            sse::header(buf, "datastar-console", id, event.retry, None)?;
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
}

fn delete_selector(buf: &mut BytesMut, event: &Event, selector: &str) -> Result<(), EncodeError> {
    sse::single_line("selector", selector)?;
    sse::header(buf, "datastar-delete", event.id.as_deref(), event.retry, None)?;
    sse::line(buf, "selector", selector.as_bytes());
    sse::end(buf);
    Ok(())
}
