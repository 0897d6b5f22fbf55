//! The crate's attributes (the one table of them) and their stack on one function: the
//! attribute being expanded and any written with it (`#[get]` over `#[fragment]`), so
//! whichever runs first expands them all and the order does not matter.

use datastar_syntax::Method;
use proc_macro2::TokenStream;
use quote::ToTokens;

use super::args::{Args, RouteArgs};
use super::item::Function;
use crate::errors::Errors;

/// An attribute of `datastar-macros`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    /// `#[fragment(…)]`.
    Fragment,
    /// `#[signals(…)]`.
    Signals,
    /// `#[get("/path")]` and its siblings, one per method.
    Route(Method),
}

impl Attribute {
    /// Every attribute: the two kinds, then one route attribute per method of
    /// `datastar_syntax::Method`.
    pub const ALL: [Attribute; 2 + Method::ALL.len()] = {
        let mut all = [Attribute::Fragment; 2 + Method::ALL.len()];
        all[1] = Attribute::Signals;
        let mut i = 0;
        while i < Method::ALL.len() {
            all[2 + i] = Attribute::Route(Method::ALL[i]);
            i += 1;
        }
        all
    };

    /// The attribute written `#[name]`.
    pub fn from_name(name: &str) -> Option<Attribute> {
        Attribute::ALL.into_iter().find(|attribute| attribute.name() == name)
    }

    /// Its name: `fragment`, `signals`, `get`, ….
    pub const fn name(self) -> &'static str {
        match self {
            Attribute::Fragment => "fragment",
            Attribute::Signals => "signals",
            Attribute::Route(method) => method.name(),
        }
    }

    /// The attribute `attr` is, written bare or through `datastar_runtime::` /
    /// `datastar_macros::`.
    fn recognise(attr: &syn::Attribute) -> Option<Attribute> {
        let path = attr.path();
        let ours = match path.segments.len() {
            1 => path.leading_colon.is_none(),
            2 => {
                let first = &path.segments[0].ident;
                first == "datastar_runtime" || first == "datastar_macros"
            }
            _ => false,
        };
        if !ours {
            return None;
        }
        Attribute::from_name(&path.segments.last()?.ident.to_string())
    }
}

/// A function and the crate's attributes on it, taken off it.
pub struct Stack {
    /// The function, with only its other attributes.
    pub function: Function,
    /// The attribute being expanded first, then the stacked ones in the order written.
    pub written: Vec<Written>,
    /// The paths of the stacked attributes, whose imports this expansion uses.
    pub absorbed: Vec<TokenStream>,
}

/// One attribute of the stack, its arguments read.
pub struct Written {
    pub arguments: Arguments,
    /// The attribute's tokens, for errors about it as a whole (empty for the attribute
    /// being expanded, whose errors go to the call site, which is that attribute).
    pub at: TokenStream,
}

/// An attribute and its arguments, as its kind reads them.
pub enum Arguments {
    /// `#[fragment(key = value, …)]` (no keys when they did not parse).
    Fragment(Args),
    /// `#[signals(key = value, …)]` (no keys when they did not parse).
    Signals(Args),
    /// A route attribute and its path; `None` when the arguments did not parse.
    Route(Method, Option<RouteArgs>),
}

impl Arguments {
    /// The attribute they are the arguments of.
    pub fn attribute(&self) -> Attribute {
        match self {
            Arguments::Fragment(_) => Attribute::Fragment,
            Arguments::Signals(_) => Attribute::Signals,
            Arguments::Route(method, _) => Attribute::Route(*method),
        }
    }
}

/// Takes the crate's attributes off `function`, `attribute(args)` being the one expanded.
pub fn stack(attribute: Attribute, args: TokenStream, mut function: Function, errors: &mut Errors) -> Stack {
    let mut written = vec![Written {
        arguments: arguments(attribute, args, errors),
        at: TokenStream::new(),
    }];
    let mut absorbed = Vec::new();
    let mut kept = Vec::new();
    for attr in std::mem::take(&mut function.attrs) {
        let Some(stacked) = Attribute::recognise(&attr) else {
            kept.push(attr);
            continue;
        };
        match &attr.meta {
            syn::Meta::Path(_) => written.push(Written {
                arguments: arguments(stacked, TokenStream::new(), errors),
                at: attr.to_token_stream(),
            }),
            syn::Meta::List(list) => written.push(Written {
                arguments: arguments(stacked, list.tokens.clone(), errors),
                at: attr.to_token_stream(),
            }),
            syn::Meta::NameValue(nv) => errors.at(
                nv,
                "write the arguments in parentheses, for example `#[fragment(selector = \"#main\")]`",
            ),
        }
        absorbed.push(attr.path().to_token_stream());
    }
    function.attrs = kept;
    Stack {
        function,
        written,
        absorbed,
    }
}

fn arguments(attribute: Attribute, args: TokenStream, errors: &mut Errors) -> Arguments {
    let mut keys = || {
        syn::parse2(args.clone()).unwrap_or_else(|error| {
            errors.push(error);
            Args { list: Vec::new() }
        })
    };
    match attribute {
        Attribute::Fragment => Arguments::Fragment(keys()),
        Attribute::Signals => Arguments::Signals(keys()),
        Attribute::Route(method) => {
            Arguments::Route(method, syn::parse2(args).map_err(|error| errors.push(error)).ok())
        }
    }
}
