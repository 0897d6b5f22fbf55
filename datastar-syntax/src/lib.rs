//! The words of Datastar's wire dialects, shared by `datastar-runtime` (which re-exports
//! them) and `datastar-macros` (which checks them at compile time), so each table exists once.

mod method;
mod mode;
mod namespace;
mod suggest;

pub use method::Method;
pub use mode::{Mode, ModeParseError, Vocabulary};
pub use namespace::Namespace;
pub use suggest::closest;
