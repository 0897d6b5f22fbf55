//! Every error of one macro call, collected so the user sees them all at once (serde's
//! `Ctxt` idea): a wrong key does not hide a bad path three lines below.

use std::fmt::Display;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

/// The errors found so far.
#[derive(Default)]
pub(crate) struct Errors {
    all: Option<syn::Error>,
}

impl Errors {
    /// Records an error.
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.all {
            Some(all) => all.combine(error),
            None => self.all = Some(error),
        }
    }

    /// Records `message` on the tokens of `at` (their whole extent).
    pub(crate) fn at(&mut self, at: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(at, message));
    }

    /// Records `message` at `span`.
    pub(crate) fn span(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Whether any error was recorded.
    pub(crate) fn any(&self) -> bool {
        self.all.is_some()
    }

    /// One `compile_error!` per recorded error.
    pub(crate) fn to_compile_errors(&self) -> TokenStream {
        self.all.as_ref().map(syn::Error::to_compile_error).unwrap_or_default()
    }
}
