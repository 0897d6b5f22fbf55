//! Merge modes: re-exported from `datastar-syntax`, which the macros share.

pub use datastar_syntax::{Mode, ModeParseError, Vocabulary};
