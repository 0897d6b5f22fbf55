//! The logic of the Datastar DSL macros, as a plain library over `proc_macro2`: the
//! `datastar-macros` proc-macro crate only forwards to it, and tests call it directly to
//! snapshot expansions (a proc-macro crate can export nothing but macros).
//!
//! Every macro runs the same pipeline: `parse` reads the input as written (an attribute's
//! arguments and the attributes stacked with it, a `routes!` list, a `page!`, a struct to
//! derive for), `validate` checks everything into a `model`, collecting every error, and
//! `expand` writes the code from the model. On errors, `fallback` emits the item as written
//! with the errors, so the rest of the crate and the IDE keep working.

#![warn(missing_docs)]

mod debug;
mod errors;
mod expand;
mod fallback;
mod model;
mod parse;
mod route_path;
mod selector;
mod tokens;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;
use crate::parse::Item;

pub use crate::debug::{debug_asked, print_if_asked};
pub use crate::parse::Attribute;

/// `#[fragment(…)]`, `#[signals(…)]` or a route attribute on `item`, with `args` between
/// its parentheses.
pub fn attribute(attribute: Attribute, args: TokenStream, item: TokenStream) -> TokenStream {
    let function = match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Function(function)) => *function,
        Ok(Item::Other(tokens, span)) => return fallback::not_a_function(attribute, tokens, span),
        Err(error) => return fallback::unparsed(item, &error),
    };
    let mut errors = Errors::default();
    let stack = parse::stack(attribute, args, function, &mut errors);
    let used = expand::mark_used(&stack.absorbed);
    match validate::handler(stack, &mut errors) {
        Ok(handler) => {
            let handler = expand::handler(&handler);
            quote!(#handler #used)
        }
        Err(rejected) => {
            let function = fallback::function(&rejected.function, rejected.route_written, &errors);
            quote!(#function #used)
        }
    }
}

/// `routes![…]`. On errors the router is still emitted (with the valid options), so only
/// the mistakes are reported, not the code that uses the router.
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

/// `page!(page, { markup })`. The checks are the same for every generation and reported
/// with the expansion, which still renders the page.
pub fn page(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<parse::PageInput>(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let page = validate::page(input, &mut errors);
    let page = expand::page(&page);
    let errors = errors.to_compile_errors();
    quote!({ #errors #page })
}

/// `#[derive(Signals)]`. Errors in the serde attributes are reported with the expansion
/// (the fields they concern still get their signals); a struct without named fields is
/// only an error.
pub fn derive_signals(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let input = parse::signals_input(input, &mut errors);
    let expansion = validate::signals_struct(input, &mut errors).map(|checked| expand::signals_struct(&checked));
    let errors = errors.to_compile_errors();
    quote!(#errors #expansion)
}
