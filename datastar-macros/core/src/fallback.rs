//! What a macro emits when its input has errors (tokio-macros' way): the item as written,
//! so the rest of the crate and the IDE keep working, every error found, and stand-ins for
//! the names other code looks up (a route's type, for `routes!` and pages), so that only
//! the mistakes are reported, not the code around them.

use datastar_syntax::PageSyntax;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use syn::FnArg;

use crate::errors::Errors;
use crate::expand::{self, HANDLER};
use crate::parse::{Attribute, Function};

/// A function with errors: as written (the crate's attributes off it), with a stand-in
/// route when it has a route attribute.
pub fn function(function: &Function, route_written: bool, errors: &Errors) -> TokenStream {
    let stand_in = route_written.then(|| route(function));
    let function = expand::unchanged(function);
    let errors = errors.to_compile_errors();
    quote!(#function #stand_in #errors)
}

/// An attribute on something that is not a function: the item as written and the error.
pub fn not_a_function(attribute: Attribute, item: TokenStream, span: Span) -> TokenStream {
    let name = attribute.name();
    let message = match attribute {
        Attribute::Fragment => {
            "`#[fragment]` goes on a function that returns markup, like `fn greeting() -> Markup`".to_owned()
        }
        Attribute::Signals => "`#[signals]` goes on a function that returns a serialisable value".to_owned(),
        Attribute::Route(_) => format!(
            "`#[{name}]` goes on a function (an axum handler), like `#[{name}(\"/path\")] async fn handler() -> Markup`"
        ),
    };
    let error = syn::Error::new(span, message).to_compile_error();
    quote!(#item #error)
}

/// Input the compiler's parser accepted but this macro's did not: as it was, and why.
pub fn unparsed(item: TokenStream, error: &syn::Error) -> TokenStream {
    let error = error.to_compile_error();
    quote!(#item #error)
}

/// A route of the function's name, for `routes!` and pages to find, so they add no error
/// of their own to the ones reported (a method has no route to stand in for: `routes!`
/// cannot name it).
fn route(function: &Function) -> TokenStream {
    if matches!(function.sig.inputs.first(), Some(FnArg::Receiver(_))) {
        return TokenStream::new();
    }
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let syntaxes = Literal::usize_unsuffixed(PageSyntax::ALL.len());
    let page = quote! {
        impl ::datastar_runtime::__private::NoCaptures for #ident {
            const ACTIONS: [(&'static str, &'static str); #syntaxes] = [("", ""); #syntaxes];
        }
    };
    let route_type = expand::route_type(function, quote!(Get), &Literal::string("/"), TokenStream::new(), page);
    let handler = Ident::new(HANDLER, Span::call_site());
    quote! {
        #route_type

        impl #ident {
            #[doc(hidden)]
            #vis fn #handler() -> ::core::future::Ready<()> {
                ::core::future::ready(())
            }
        }
    }
}
