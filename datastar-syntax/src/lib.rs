//! The words of Datastar's wire dialects, shared by `datastar-runtime` (which re-exports
//! them) and `datastar-macros` (which checks them at compile time), so each table exists once.

mod mode;
mod suggest;

pub use mode::{Mode, ModeParseError, Vocabulary};
pub use suggest::closest;
