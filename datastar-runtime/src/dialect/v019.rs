//! `@sudodevnull/datastar` 0.19: `datastar-fragment`, `datastar-signal`, `datastar-delete`,
//! `datastar-redirect`, `datastar-console`.
//!
//! This client misreads multi-line data (a continuation line starting with a key word
//! switches keys), so every value travels on one line: HTML through [`crate::one_line`],
//! JSON with its line breaks as spaces.

use bytes::{BufMut, BytesMut};

use super::{Dialect, EncodeError};
use crate::event::{Event, EventKind, Namespace};
use crate::mode::Mode;
use crate::{one_line, sse};

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
                    let Some(selector) = &patch.selector else {
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
            if let Some(selector) = &patch.selector {
                sse::single_line("selector", selector)?;
            }
            sse::header(buf, "datastar-fragment", id, event.retry, None)?;
            if let Some(selector) = &patch.selector {
                sse::line(buf, "selector", selector.as_bytes());
            }
            if let Some(mode) = mode {
                sse::line(buf, "merge", mode.as_bytes());
            }
            if let Some(settle) = patch.settle.map(|s| s.as_millis()) {
                if settle != DEFAULT_SETTLE_MS {
                    sse::number(buf, "settle", settle);
                }
            }
            // 0.19.9 starts a view transition unless told not to; overlapping ones are
            // skipped with an uncaught error, so "no transition" must be said.
            sse::line(buf, "vt", if patch.view_transition { b"true" } else { b"false" });
            buf.put_slice(b"data: fragment ");
            one_line::write_html(buf, &patch.elements);
            buf.put_u8(b'\n');
            sse::end(buf);
            Ok(())
        }
        EventKind::RemoveElements(remove) => delete_selector(buf, event, &remove.selector),
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
            for path in &remove.paths {
                sse::single_line("signal path", path)?;
                if path.contains(char::is_whitespace) || path.is_empty() {
                    return Err(unsupported(
                        "signal paths that are empty or contain whitespace",
                        "0.19 separates paths with spaces; rename the signal",
                    ));
                }
            }
            sse::header(buf, "datastar-delete", id, event.retry, None)?;
            buf.put_slice(b"data: paths");
            for path in &remove.paths {
                buf.put_u8(b' ');
                buf.put_slice(path.as_bytes());
            }
            buf.put_u8(b'\n');
            sse::end(buf);
            Ok(())
        }
        EventKind::ExecuteScript(_) => Err(unsupported(
            "running scripts",
            "0.19 has no script event; patch an element whose data-on-load expression does the work",
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
            buf.put_slice(b"data: ");
            buf.put_slice(message.level.as_str().as_bytes());
            buf.put_u8(b' ');
            // The console shows U+2028 as a line break; a real one would end the data line.
            let text = message
                .message
                .replace("\r\n", "\u{2028}")
                .replace(['\r', '\n'], "\u{2028}");
            buf.put_slice(text.as_bytes());
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
