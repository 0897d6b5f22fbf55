//! Code generation from the checked `model`. Generated code names the runtime only through
//! `::datastar_runtime::__private` (and the standard library by absolute path), and adds
//! no name to the user's scope besides the route type that shares the function's name.
//!
//! One file per thing expanded: `fragment`, `signals`, `route` (a route attribute's items),
//! `routes` (a `routes!` list), `page` (a `page!`) and `derive` (`#[derive(Signals)]`); what
//! the function wrappers share is here.

mod derive;
mod fragment;
mod page;
mod route;
mod routes;
mod signals;

use std::fmt::Debug;

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::{FnArg, GenericParam, Pat, ReturnType};

use crate::model::{Handler, Kind};
use crate::parse::Function;
use crate::tokens;

pub use derive::signals_struct;
pub use page::page;
pub use route::{HANDLER, route_type};
pub use routes::routes;

/// The function, rewritten for its kind, and its route items.
pub fn handler(handler: &Handler) -> TokenStream {
    let function = match &handler.kind {
        Kind::Plain => unchanged(&handler.function),
        Kind::Fragment(spec) => fragment::fragment(&handler.function, spec),
        Kind::Signals(spec) => signals::signals(&handler.function, spec),
    };
    let route = handler
        .route
        .as_ref()
        .map(|route| route::route_items(&handler.function, route, &handler.kind));
    quote!(#function #route)
}

/// The function as written (attributes of this crate removed).
pub fn unchanged(function: &Function) -> TokenStream {
    let Function { attrs, vis, sig, body } = function;
    quote!(#(#attrs)* #vis #sig #body)
}

/// The parameters of a wrapper that forwards to the user's function, and the call.
///
/// Plain `name: Type` parameters keep their names; patterns (`State(db): State<Db>`) get
/// generated ones, hygienic so they cannot meet a user's name.
struct Forward {
    params: Vec<TokenStream>,
    args: Vec<Ident>,
    call: TokenStream,
    /// Each pattern parameter with the name it is forwarded under.
    patterns: Vec<(TokenStream, Ident)>,
}

fn forward(function: &Function) -> Forward {
    let mut params = Vec::new();
    let mut args = Vec::new();
    let mut patterns = Vec::new();
    for (i, input) in function.sig.inputs.iter().enumerate() {
        let FnArg::Typed(typed) = input else { continue };
        let name = match &*typed.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
            pat => {
                let name = Ident::new(&format!("arg{i}"), Span::mixed_site());
                patterns.push((pat.to_token_stream(), name.clone()));
                name
            }
        };
        let ty = &typed.ty;
        params.push(quote!(#name: #ty));
        args.push(name);
    }
    let ident = &function.sig.ident;
    let await_ = function.sig.asyncness.as_ref().map(|_| quote!(.await));
    let call = quote!(#ident(#(#args),*) #await_);
    Forward {
        params,
        args,
        call,
        patterns,
    }
}

/// The wrapper's signature: the user's, with `params` and the output `output` (the `fn`
/// keeps the user's span: see [`user_body`]).
fn outer_signature(function: &Function, params: &[TokenStream], output: TokenStream) -> TokenStream {
    let sig = &function.sig;
    let (constness, asyncness, unsafety, abi, ident, generics) = (
        &sig.constness,
        &sig.asyncness,
        &sig.unsafety,
        &sig.abi,
        &sig.ident,
        &sig.generics,
    );
    let (fn_token, where_clause) = (&sig.fn_token, &generics.where_clause);
    quote!(#constness #asyncness #unsafety #abi #fn_token #ident #generics (#(#params),*) -> #output #where_clause)
}

/// A body of `statements` in braces spanned like the user's body. With the signature's
/// `fn`, that makes the rewritten function span what the user wrote, which the compiler
/// needs to report it (a function that is never used) as it reports the function written
/// without the attribute, rather than as code of another crate's macro.
fn user_body(function: &Function, statements: TokenStream) -> Group {
    let mut body = Group::new(Delimiter::Brace, statements);
    body.set_span(function.body.span());
    body
}

/// What a fragment or signals function returns: events that are also an axum response.
///
/// The value borrows nothing from the arguments (markup is owned), so the type captures
/// only the generics it may hold (`use<…>`): `(output(&db), other())` can then be returned
/// while `db` is a local. When the user's return type may borrow (`&`, `'_`) or a parameter
/// is `impl Trait` (which `use<…>` cannot name), the default capture rules stay.
fn events_and_response(function: &Function) -> TokenStream {
    let bound = quote!(impl ::datastar_runtime::__private::IntoEvents + ::datastar_runtime::__private::IntoResponse);
    let sig = &function.sig;
    let apit = sig
        .inputs
        .iter()
        .any(|input| matches!(input, FnArg::Typed(t) if tokens::mentions(t.ty.to_token_stream(), &["impl"])));
    let output = match &sig.output {
        ReturnType::Default => TokenStream::new(),
        ReturnType::Type(_, ty) => ty.to_token_stream(),
    };
    if apit || tokens::may_borrow(output.clone()) {
        return bound;
    }
    let output_text = output.to_string();
    let captured = sig.generics.params.iter().filter_map(|param| match param {
        GenericParam::Type(t) => Some(t.ident.to_token_stream()),
        GenericParam::Const(c) => Some(c.ident.to_token_stream()),
        GenericParam::Lifetime(l) => {
            let name = l.lifetime.to_string();
            output_text.contains(&name).then(|| l.lifetime.to_token_stream())
        }
    });
    quote!(#bound + use<#(#captured),*>)
}

/// The declared return type, when the value's type is the one written: no `impl Trait`
/// and none of the function's type parameters.
fn named_return(function: &Function) -> Option<&syn::Type> {
    let ReturnType::Type(_, ty) = &function.sig.output else {
        return None;
    };
    let mut names = vec!["impl".to_owned()];
    names.extend(function.sig.generics.params.iter().filter_map(|param| match param {
        GenericParam::Type(t) => Some(t.ident.to_string()),
        _ => None,
    }));
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    (!tokens::mentions(ty.to_token_stream(), &names)).then_some(&**ty)
}

/// The runtime's variant for a word's meaning. The runtime names the `datastar-syntax`
/// types (or mirrors their variants), and a fieldless enum's derived `Debug` is its
/// variant's name: so the name comes from the type itself, not from a second table here.
fn variant(value: impl Debug) -> Ident {
    format_ident!("{value:?}")
}

/// Uses the paths of the attributes this expansion handled for the other attribute on the
/// function (`#[put]` under `#[fragment]`), so their imports do not look unused.
pub fn mark_used(paths: &[TokenStream]) -> TokenStream {
    if paths.is_empty() {
        return TokenStream::new();
    }
    quote!(const _: () = { #(use #paths as _;)* };)
}

#[cfg(test)]
mod tests {
    use datastar_syntax::{Method, Mode, Namespace};

    use super::variant;

    #[test]
    fn variants_are_the_syntax_types_own_names() {
        assert_eq!(variant(Mode::UpsertAttributes).to_string(), "UpsertAttributes");
        assert_eq!(variant(Namespace::MathMl).to_string(), "MathMl");
        assert_eq!(variant(Method::Delete).to_string(), "Delete");
    }
}
