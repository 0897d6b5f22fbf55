//! The merge-fragments protocol of Datastar 0.20, 0.21 and 1.0.0-beta.
//! Only non-default lines are written, as that generation's SDKs did.

use bytes::BytesMut;

use super::{Dialect, EncodeError};
use crate::event::{Event, EventKind, Namespace};
use crate::mode::Mode;
use crate::sse;

const DEFAULT_RETRY_MS: Option<u128> = Some(1000);
const DEFAULT_SETTLE_MS: u128 = 300;

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
                Mode::UpsertAttributes => Some("upsertAttributes"),
                Mode::Remove => {
                    let Some(selector) = &patch.selector else {
                        return Err(EncodeError::Unsupported {
                            dialect: Dialect::V021,
                            feature: "removing elements named only by their ids",
                            help: "give the patch a selector, or use RemoveElements",
                        });
                    };
                    sse::single_line("selector", selector)?;
                    return remove_fragments(buf, event, selector, patch.settle, patch.view_transition);
                }
            };
            if patch.namespace != Namespace::Html {
                return Err(EncodeError::Unsupported {
                    dialect: Dialect::V021,
                    feature: "SVG or MathML namespaces",
                    help: "wrap the elements in their <svg> or <math> root",
                });
            }
            if let Some(selector) = &patch.selector {
                sse::single_line("selector", selector)?;
            }
            sse::header(buf, "datastar-merge-fragments", id, event.retry, DEFAULT_RETRY_MS)?;
            if let Some(selector) = &patch.selector {
                sse::line(buf, "selector", selector.as_bytes());
            }
            if let Some(mode) = mode {
                sse::line(buf, "mergeMode", mode.as_bytes());
            }
            settle(buf, patch.settle);
            if patch.view_transition {
                sse::line(buf, "useViewTransition", b"true");
            }
            sse::lines(buf, "fragments", &patch.elements);
            sse::end(buf);
            Ok(())
        }
        EventKind::RemoveElements(remove) => {
            sse::single_line("selector", &remove.selector)?;
            remove_fragments(buf, event, &remove.selector, remove.settle, remove.view_transition)
        }
        EventKind::PatchSignals(patch) => {
            sse::header(buf, "datastar-merge-signals", id, event.retry, DEFAULT_RETRY_MS)?;
            if patch.only_if_missing {
                sse::line(buf, "onlyIfMissing", b"true");
            }
            sse::lines(buf, "signals", &patch.json);
            sse::end(buf);
            Ok(())
        }
        EventKind::RemoveSignals(remove) => {
            for path in &remove.paths {
                sse::single_line("signal path", path)?;
            }
            sse::header(buf, "datastar-remove-signals", id, event.retry, DEFAULT_RETRY_MS)?;
            for path in &remove.paths {
                sse::line(buf, "paths", path.as_bytes());
            }
            sse::end(buf);
            Ok(())
        }
        EventKind::ExecuteScript(script) => {
            execute_script(buf, event, &script.script, &script.attributes, script.auto_remove)
        }
        EventKind::Redirect(redirect) => {
            sse::single_line("URL", &redirect.url)?;
            execute_script(buf, event, &super::redirect_script(&redirect.url), &[], true)
        }
        EventKind::Console(message) => execute_script(buf, event, &super::console_script(message), &[], true),
    }
}

fn settle(buf: &mut BytesMut, settle: Option<std::time::Duration>) {
    if let Some(settle) = settle {
        let ms = settle.as_millis();
        if ms != DEFAULT_SETTLE_MS {
            sse::number(buf, "settleDuration", ms);
        }
    }
}

fn remove_fragments(
    buf: &mut BytesMut,
    event: &Event,
    selector: &str,
    settle_duration: Option<std::time::Duration>,
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
    settle(buf, settle_duration);
    if view_transition {
        sse::line(buf, "useViewTransition", b"true");
    }
    sse::end(buf);
    Ok(())
}

fn execute_script(
    buf: &mut BytesMut,
    event: &Event,
    script: &str,
    attributes: &[(crate::event::Text, crate::event::Text)],
    auto_remove: bool,
) -> Result<(), EncodeError> {
    for (name, value) in attributes {
        super::attribute_name(name)?;
        sse::single_line("attribute value", value)?;
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
            buf.extend_from_slice(value.as_bytes());
            buf.extend_from_slice(b"\n");
        }
    }
    sse::lines(buf, "script", script);
    sse::end(buf);
    Ok(())
}
