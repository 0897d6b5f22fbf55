//! The logic of the Datastar DSL macros, as a plain library over `proc_macro2`: the
//! `datastar-macros` proc-macro crate only forwards to it, and tests call it directly to
//! snapshot expansions (a proc-macro crate can export nothing but macros).
//!
//! Each attribute, and `routes!`, runs the same pipeline: [`parse`](crate::parse) reads the
//! arguments and the function (or the list), `validate` checks everything into a `model`,
//! `expand` writes the code.
//! On any error the function is emitted unchanged, followed by every error found, so the
//! rest of the crate and the IDE keep working.

#![warn(missing_docs)]

mod debug;
mod errors;
mod expand;
mod model;
mod page;
mod parse;
mod route_path;
mod selector;
mod signals_derive;
mod validate;

use datastar_syntax::Method;
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::errors::Errors;
use crate::parse::{Item, Known};
use crate::validate::Found;

pub use crate::debug::{debug_asked, print_if_asked};
pub use crate::page::page;
pub use crate::signals_derive::derive_signals;

/// `#[fragment(…)]`.
pub fn fragment(args: TokenStream, item: TokenStream) -> TokenStream {
    attribute("fragment", args, item)
}

/// `#[signals(…)]`.
pub fn signals(args: TokenStream, item: TokenStream) -> TokenStream {
    attribute("signals", args, item)
}

/// Any attribute of the crate by name: `fragment`, `signals`, `get`, `post`, `put`,
/// `patch` or `delete`.
///
/// # Panics
///
/// On another name: only the macro entry points and tests call this.
pub fn attribute(name: &str, args: TokenStream, item: TokenStream) -> TokenStream {
    let known = match name {
        "fragment" => Known::Fragment,
        "signals" => Known::Signals,
        _ => Known::Route(
            Method::from_name(name).unwrap_or_else(|| panic!("`{name}` is not an attribute of datastar-macros")),
        ),
    };
    let mut errors = Errors::default();
    let function = match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Function(function)) => function,
        Ok(Item::Other(tokens, span)) => {
            errors.span(span, not_a_function(name));
            let errors = errors.to_compile_errors();
            return quote!(#tokens #errors);
        }
        Err(error) => {
            let error = error.to_compile_error();
            return quote!(#item #error);
        }
    };
    let mut found = vec![Found {
        known,
        args,
        at: TokenStream::new(),
    }];
    let mut absorbed = Vec::new();
    let mut function = *function;
    let mut kept = Vec::new();
    for attr in std::mem::take(&mut function.attrs) {
        match parse::known(&attr) {
            Some(known) => {
                match parse::attribute_args(&attr) {
                    Ok(args) => found.push(Found {
                        known,
                        args,
                        at: attr.to_token_stream(),
                    }),
                    Err(error) => errors.push(error),
                }
                absorbed.push(attr.path().to_token_stream());
            }
            None => kept.push(attr),
        }
    }
    function.attrs = kept;
    let used = expand::mark_used(&absorbed);
    match validate::handler(&function, found, &mut errors) {
        Ok(validate::Handled { kind, route }) => {
            let handler = expand::handler(&model::Handler { function, kind, route });
            quote!(#handler #used)
        }
        Err(rejected) => {
            let stand_in = rejected.route_written.then(|| expand::route_stand_in(&function));
            let function = expand::unchanged(&function);
            let errors = errors.to_compile_errors();
            quote!(#function #stand_in #used #errors)
        }
    }
}

fn not_a_function(name: &str) -> String {
    match name {
        "fragment" => "`#[fragment]` goes on a function that returns markup, like `fn greeting() -> Markup`".to_owned(),
        "signals" => "`#[signals]` goes on a function that returns a serialisable value".to_owned(),
        _ => format!(
            "`#[{name}]` goes on a function (an axum handler), like `#[{name}(\"/path\")] async fn handler() -> Markup`"
        ),
    }
}

/// `routes![…]`: the same pipeline; on errors the router is still emitted (with the valid
/// options), so only the mistakes are reported, not the code that uses the router.
pub fn routes(input: TokenStream) -> TokenStream {
    let list = match syn::parse2::<parse::RouteList>(input) {
        Ok(list) => list,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let list = validate::routes(list, &mut errors);
    let router = expand::routes(&list);
    if !errors.any() {
        return router;
    }
    let errors = errors.to_compile_errors();
    quote!({ #errors #router })
}
