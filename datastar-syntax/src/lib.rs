//! The words of Datastar's wire dialects, shared by `datastar-runtime` (which re-exports
//! them) and `datastar-macros` (which checks them at compile time), so each table exists once.

mod generation;
mod method;
mod mode;
mod namespace;
mod page;
mod suggest;
mod text;

pub use generation::Generation;
pub use method::Method;
pub use mode::{Mode, ModeParseError, Vocabulary};
pub use namespace::Namespace;
pub use page::{AttributeError, PageSyntax, is_page_attribute, page_attribute};
pub use suggest::closest;
