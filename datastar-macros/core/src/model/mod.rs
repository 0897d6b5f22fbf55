//! What the macros understood: a checked description of a handler, a route list, a page
//! or a signals struct, built by `validate` and read by `expand`. Everything here is known
//! to be valid.

mod derive;
mod page;

pub use derive::{SignalField, SignalsStruct};
pub use page::{Page, PageAttribute, Piece, Typed, TypedKind};

use datastar_syntax::{Method, Mode, Namespace};
use proc_macro2::{Span, TokenStream};
use syn::Path;

use crate::parse::Function;

/// An annotated function and everything its attributes said about it.
pub struct Handler {
    pub function: Function,
    pub kind: Kind,
    pub route: Option<Route>,
}

/// What the function's value becomes.
pub enum Kind {
    /// Nothing: a route whose value is a response or events already.
    Plain,
    Fragment(Fragment),
    Signals(Signals),
}

/// `#[fragment(…)]`.
#[derive(Default)]
pub struct Fragment {
    pub selector: Option<Text>,
    pub mode: Mode,
    pub settle_ms: Option<u64>,
    pub view_transition: bool,
    pub namespace: Namespace,
    pub id: Option<Text>,
    pub retry: Option<u64>,
}

impl Fragment {
    /// Whether an option is computed when the event is built.
    pub fn has_run_time_options(&self) -> bool {
        [&self.selector, &self.id]
            .into_iter()
            .any(|text| matches!(text, Some(Text::RunTime(_))))
    }
}

/// A string option: a literal, checked at compile time, or an expression, checked when
/// the event is encoded.
pub enum Text {
    Literal(String),
    RunTime(TokenStream),
}

/// `#[signals(…)]`.
#[derive(Default)]
pub struct Signals {
    pub only_if_missing: bool,
}

/// `#[get("/path")]` and its siblings.
pub struct Route {
    pub method: Method,
    pub path: String,
    /// How many captures the path has (`{id}`, `{*rest}`).
    pub captures: usize,
    /// The path literal's span, for errors the compiler reports at the route.
    pub span: Span,
}

/// `routes![…]`.
pub struct RouteList {
    /// The dialect expression; the default dialect (1.0) when absent.
    pub dialect: Option<TokenStream>,
    /// The path the routes are mounted under, if any.
    pub prefix: Option<TokenStream>,
    pub routes: Vec<Path>,
}
