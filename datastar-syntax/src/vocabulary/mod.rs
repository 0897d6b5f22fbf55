//! The Datastar 1.0 attribute language, stated once, with each page syntax's spelling.
//!
//! A typed page is written in Datastar 1.0's attribute syntax and rendered for each client
//! generation. These tables say, for every attribute plugin, modifier, fetch action option
//! and client action that the published 1.0 clients (1.0.1 and 1.0.2) read, how the 0.21
//! (0.21.4) and 0.19 (0.19.9) clients spell the same meaning, or that they cannot. They are
//! `const` data so that a proc-macro can check a page when it compiles and the runtime can
//! render it from the same rows; `docs/vocabulary.md` is their commentary.
//!
//! The published bundles are the truth, not Datastar's source: each row carries the string
//! that a test finds in the bundle of each generation that has it (`tests/bundles.rs`), so
//! a row cannot claim what a client does not read. A `…` in such a string stands for one
//! minified name, which differs between builds.
//!
//! ```
//! use datastar_syntax::PageSyntax;
//! use datastar_syntax::vocabulary::parse_attribute;
//!
//! let attribute = parse_attribute("data-on:input__debounce.500ms.leading").unwrap();
//! assert_eq!(attribute.plugin.name, "on");
//! assert_eq!(attribute.key, Some("input"));
//! assert_eq!(attribute.spell(PageSyntax::V021).unwrap(), "data-on-input__debounce.500ms.leading");
//! assert_eq!(attribute.spell(PageSyntax::V019).unwrap(), "data-on-input.debounce_500ms_leading");
//! ```

mod actions;
mod modifiers;
mod parse;
mod plugins;

pub use actions::{
    ACTION_OPTIONS, ActionOption, BACKEND_ACTIONS, BackendAction, CLIENT_ACTIONS, Call, ClientAction, OptionSpelling,
    OptionValue, action_option, action_sigil, client_action,
};
pub use modifiers::{Flag, Lead, MODIFIERS, Modifier, ModifierDef, ModifierSyntax, Tags};
pub use parse::{Attribute, Missing, ParseError, SpellError, Tag, Used, parse_attribute};
pub use plugins::{
    Accepts, Forms, LEGACY_ATTRIBUTES, LegacyAttribute, Need, Operand, PLUGINS, Part, Plugin, Presence, Support, plugin,
};

use crate::PageSyntax;

/// One value per page syntax: the tables' columns.
///
/// Named fields rather than an array, so that a row reads as what it says about each
/// generation.
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::BySyntax;
/// let join = BySyntax { v019: '-', v021: '-', v1: ':' };
/// assert_eq!(*join.get(PageSyntax::V1), ':');
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BySyntax<T> {
    /// What the 0.19 page syntax (checked against the 0.19.9 client) has.
    pub v019: T,
    /// What the 0.21 page syntax (checked against the 0.21.4 client) has.
    pub v021: T,
    /// What Datastar 1.0 (checked against the 1.0.1 and 1.0.2 clients) has.
    pub v1: T,
}

impl<T> BySyntax<T> {
    /// The value for `syntax`.
    pub const fn get(&self, syntax: PageSyntax) -> &T {
        match syntax {
            PageSyntax::V019 => &self.v019,
            PageSyntax::V021 => &self.v021,
            PageSyntax::V1 => &self.v1,
        }
    }
}

/// The same value for every page syntax.
pub(crate) const fn every<T: Copy>(value: T) -> BySyntax<T> {
    BySyntax {
        v019: value,
        v021: value,
        v1: value,
    }
}
