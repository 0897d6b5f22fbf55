//! The words of Datastar's wire dialects, shared by `datastar-runtime` (which re-exports
//! them) and `datastar-macros` (which checks them at compile time), so each table exists once.

#![warn(missing_docs)]

mod action_text;
mod generation;
mod method;
mod mode;
mod namespace;
mod page;
mod signals_text;
mod suggest;
mod text;
pub mod vocabulary;

pub use action_text::{is_plain_url, push_action_url};
pub use generation::Generation;
pub use method::Method;
pub use mode::{Mode, ModeParseError, Vocabulary};
pub use namespace::Namespace;
pub use page::{AttributeError, PageSyntax, is_page_attribute, page_attribute};
pub use signals_text::{push_signal_key, push_signal_string};
pub use suggest::closest;
