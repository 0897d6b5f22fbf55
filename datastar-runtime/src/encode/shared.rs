//! The checks and lines more than one dialect writes the same way: the selectors of patches
//! and removals, signal paths, the 0.x merge of a patch, the 0.x settle line.

use std::time::Duration;

use bytes::BytesMut;

use datastar_syntax::Generation;

use crate::encode::{Dialect, EncodeError, sse};
use crate::event::{Mode, Namespace, PatchElements, Text};

/// The error for a feature `dialect` cannot express, with what to do instead.
pub(super) fn unsupported(dialect: Dialect, feature: &'static str, help: &'static str) -> EncodeError {
    EncodeError::Unsupported { dialect, feature, help }
}

/// The selector of a patch, checked, where an empty one means none (every client falls
/// back to the elements' ids for an empty selector).
pub(super) fn patch_selector(patch: &PatchElements) -> Result<Option<&str>, EncodeError> {
    let selector = patch.selector.as_deref().filter(|s| !s.is_empty());
    if let Some(selector) = selector {
        sse::single_line("selector", selector)?;
    }
    Ok(selector)
}

/// The view-transition selector of a patch, checked, when the patch runs in a view
/// transition (it means nothing otherwise); an empty one means none.
pub(super) fn view_transition_selector(patch: &PatchElements) -> Result<Option<&str>, EncodeError> {
    let selector = patch.view_transition_selector.as_deref().filter(|s| !s.is_empty());
    if let Some(selector) = selector {
        sse::single_line("view transition selector", selector)?;
    }
    Ok(selector.filter(|_| patch.view_transition))
}

/// The selector of a removal, which every client needs.
pub(super) fn removal_selector(selector: &str) -> Result<&str, EncodeError> {
    sse::single_line("selector", selector)?;
    if selector.is_empty() {
        return Err(EncodeError::Empty { field: "selector" });
    }
    Ok(selector)
}

/// Checks signal paths: no line breaks, none empty.
pub(super) fn signal_paths(paths: &[Text]) -> Result<(), EncodeError> {
    for path in paths {
        sse::single_line("signal path", path)?;
    }
    if paths.iter().any(|path| path.is_empty()) {
        return Err(EncodeError::Empty { field: "signal path" });
    }
    Ok(())
}

/// How a 0.x client is told to apply a patch.
pub(super) enum Merge<'a> {
    /// Merge the fragment into the target (`None`: the elements' ids) with this merge word
    /// (`None`: the default, morph).
    Fragment {
        /// The target.
        selector: Option<&'a str>,
        /// The merge word.
        word: Option<&'static str>,
    },
    /// Remove what the selector matches, with the dialect's own removal event (0.19 and
    /// 0.21 have no merge word for removing).
    Remove(&'a str),
}

/// Checks a patch for a 0.x dialect and says how its client is told to apply it. None of
/// them can create SVG or MathML elements or scope a view transition, and a removal
/// without a merge word needs a selector.
pub(super) fn merge(dialect: Dialect, patch: &PatchElements) -> Result<Merge<'_>, EncodeError> {
    let selector = patch_selector(patch)?;
    let scoped = view_transition_selector(patch)?;
    if scoped.is_some() {
        return Err(unsupported(
            dialect,
            "view transitions scoped to an element",
            "Datastar 1.0.2 added viewTransitionSelector; leave it out for a transition of the whole document",
        ));
    }
    let word = dialect.generation().word(patch.mode);
    if patch.mode == Mode::Remove && word.is_none() {
        let Some(selector) = selector else {
            return Err(unsupported(
                dialect,
                "removing elements named only by their ids",
                "give the patch a selector, or use RemoveElements",
            ));
        };
        return Ok(Merge::Remove(selector));
    }
    if patch.namespace != Namespace::Html {
        return Err(unsupported(
            dialect,
            "SVG or MathML namespaces",
            "wrap the elements in their <svg> or <math> root",
        ));
    }
    let word = if patch.mode == Mode::default() { None } else { word };
    Ok(Merge::Fragment { selector, word })
}

/// Writes the settle line when a settle duration is set and differs from the client's
/// default (capped like a retry, at what browser timers can wait).
pub(super) fn settle(buf: &mut BytesMut, key: &str, default_ms: u128, settle: Option<Duration>) {
    if let Some(ms) = settle.map(|s| s.as_millis().min(sse::MAX_RETRY_MS))
        && ms != default_ms
    {
        sse::number(buf, key, ms);
    }
}

/// A generation's word for a mode it has a word for, for constants: a missing word stops
/// the build instead of the program.
pub(super) const fn word(generation: Generation, mode: Mode) -> &'static str {
    match generation.word(mode) {
        Some(word) => word,
        None => panic!("the generation has no word for this mode"),
    }
}
