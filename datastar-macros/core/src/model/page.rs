//! A checked `page!`: its markup with each Datastar attribute found, for `expand` to spell
//! in every page syntax.

use proc_macro2::{Group, Span, TokenStream, TokenTree};

/// `page!(page, { markup })`.
pub struct Page {
    /// The expression of the `Page`.
    pub page: TokenStream,
    pub markup: Vec<Piece>,
}

/// A piece of the markup.
pub enum Piece {
    /// A token of maud's syntax or a Rust expression, kept as written.
    Token(TokenTree),
    /// An element's body, `{ … }`, whose attributes are found too.
    Body(Span, Vec<Piece>),
    /// A `data-` attribute's name, and its value when the attribute is typed.
    Attribute(PageAttribute),
}

/// A `data-` attribute as the page wrote it, in 1.0 syntax.
pub struct PageAttribute {
    /// The name's tokens (`data`, `-`, `on`, `:`, `click`).
    pub tokens: Vec<TokenTree>,
    /// The name as one string: `data-on:click`.
    pub name: String,
    /// `on` in `data-on:click`.
    pub plugin: String,
    /// `click` in `data-on:click`; none for the value form.
    pub key: Option<String>,
    /// Where the name starts.
    pub span: Span,
    /// The value of a typed attribute, `=(…)`.
    pub typed: Option<Typed>,
}

/// A typed attribute's value, which the expansion hands to the runtime's check.
pub struct Typed {
    pub kind: TypedKind,
    /// The `=` between the name and the value.
    pub eq: TokenTree,
    /// The parenthesised value.
    pub value: Group,
}

/// Which typed attribute.
#[derive(Clone, Copy)]
pub enum TypedKind {
    /// `data-signals=(value)`: a `#[derive(Signals)]` value.
    Signals,
    /// `data-bind=(signal)`: a signal reference.
    Bind,
}
