//! A route attribute's items: a type named like the function that describes the route
//! (what `routes!` and pages read) and holds the axum handler.

use datastar_syntax::{Mode, PageSyntax};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::FnArg;
use syn::spanned::Spanned;

use super::{Forward, forward, fragment, named_return, variant};
use crate::model::{Kind, Route, Text};
use crate::parse::Function;

/// The name of the route type's handler function. Its leading `_` keeps it out of the
/// dead-code lint, which then reports the user's function instead when the route is in no
/// `routes!` list, as it would report the function written without the attribute.
pub const HANDLER: &str = "__handler";

/// A route attribute: a type named like the function (types and functions live in different
/// namespaces) that `routes!` finds by that name, describing the route and holding the axum
/// handler, which turns the function's value into a response.
pub(super) fn route_items(function: &Function, route: &Route, kind: &Kind) -> TokenStream {
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let Forward { params, args, .. } = forward(function);
    let method = variant(route.method);
    let mut path = Literal::string(&route.path);
    path.set_span(route.span);
    let sends = match kind {
        Kind::Plain => None,
        Kind::Fragment(spec) => {
            let mut options = fragment::options(spec);
            if matches!(spec.selector, Some(Text::RunTime(_))) {
                options.extend(quote!(.run_time_selector()));
            }
            Some(quote!(.fragment(#options)))
        }
        Kind::Signals(_) => Some(quote!(.signals())),
    };
    let builders = sends.unwrap_or_default();
    // The handler is a plain function returning the future axum awaits: the function's own
    // (an async fragment adds no state machine), or its value made ready. A fragment's or
    // signals' value is a response, so it goes to axum as it is, its type written out when
    // it can be; any other value is sent as a response or as events by what its type
    // implements, which only trait selection can tell.
    let call = quote!(#ident(#(#args),*));
    let is_async = function.sig.asyncness.is_some();
    let (output, future) = if let Kind::Plain = kind {
        let future = if is_async {
            call
        } else {
            quote!(::core::future::ready(#call))
        };
        let respond = quote_spanned! {function.return_span()=>
            (&future).datastar_reply_kind().respond(future)
        };
        let output = quote!(impl ::core::future::Future<Output = impl ::datastar_runtime::__private::IntoResponse>);
        let future = quote! {
            use ::datastar_runtime::__private::{EventsKind as _, ResponseKind as _};
            let future = #future;
            #respond
        };
        (output, future)
    } else {
        let named = match kind {
            Kind::Fragment(spec) if spec.mode != Mode::Remove => named_return(function),
            _ => None,
        };
        let value = match named {
            Some(ty) => quote_spanned!(ty.span()=> <#ty as ::datastar_runtime::__private::FragmentBody>::Output),
            None => quote!(impl ::datastar_runtime::__private::IntoResponse),
        };
        if is_async {
            (quote!(impl ::core::future::Future<Output = #value>), call)
        } else {
            (
                quote!(::core::future::Ready<#value>),
                quote!(::core::future::ready(#call)),
            )
        }
    };
    let captures = captures(function, route);
    let signals_checks = signals_types(function)
        .map(|ty| quote_spanned!(ty.span()=> ::datastar_runtime::__private::signals_type::<#ty>();));
    let route_type = route_type(function, quote!(#method), &path, builders, captures);
    let handler = Ident::new(HANDLER, Span::call_site());
    quote! {
        #route_type

        impl #ident {
            #[doc(hidden)]
            #vis fn #handler(#(#params),*) -> #output {
                #(#signals_checks)*
                #future
            }
        }
    }
}

/// The type a route attribute names after the function, and its `Route` impl: what
/// `routes!` and `Page::action` read.
pub fn route_type(
    function: &Function,
    method: TokenStream,
    path: &Literal,
    builders: TokenStream,
    captures: TokenStream,
) -> TokenStream {
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let name = Literal::string(&format!("::{ident}"));
    quote! {
        // Never constructed: it is only a name, which `routes!` and pages look up.
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #ident {}

        impl ::datastar_runtime::__private::Route for #ident {
            const ROUTE: ::datastar_runtime::__private::RouteInfo = ::datastar_runtime::__private::RouteInfo::new(
                ::datastar_runtime::__private::Method::#method,
                #path,
                ::core::concat!(::core::module_path!(), #name),
            ) #builders;
        }
        #captures
    }
}

/// The `T` of each `Signals<T>` parameter, to check where it is written that it can be
/// deserialised (the extractor's own bound shows only as "not a `Handler`" at `routes!`).
fn signals_types(function: &Function) -> impl Iterator<Item = &syn::Type> {
    extractor_types(function, "Signals")
}

/// What a page needs of the route: for a path with captures, what fills them (the `T` of
/// the handler's `Path<T>`, so the page and the handler agree on the type; a `String` per
/// capture when the handler reads none); for one without, its action in each page syntax,
/// spelled now but for the prefix, so rendering it costs what the same action written by
/// hand costs.
fn captures(function: &Function, route: &Route) -> TokenStream {
    let ident = &function.sig.ident;
    // The captures' type is the `Self` of an impl, not an associated type of the route: a
    // route as visible as its function may then read a `Path<T>` of a less visible `T`.
    let filled_from = match (route.captures, extractor_types(function, "Path").next()) {
        (0, _) => {
            let syntaxes = Literal::usize_unsuffixed(PageSyntax::ALL.len());
            let actions = PageSyntax::ALL.map(|syntax| {
                let (open, close) = syntax.action_around(route.method, &route.path);
                quote!((#open, #close))
            });
            return quote! {
                impl ::datastar_runtime::__private::NoCaptures for #ident {
                    const ACTIONS: [(&'static str, &'static str); #syntaxes] = [#(#actions),*];
                }
            };
        }
        (_, Some(ty)) => quote!(#ty),
        (1, None) => quote!(::std::string::String),
        (n, None) => {
            let strings = (0..n).map(|_| quote!(::std::string::String));
            quote!((#(#strings,)*))
        }
    };
    quote!(impl ::datastar_runtime::__private::PathCaptures<#ident> for #filled_from {})
}

/// The `T` of each parameter typed `Name<T>` (by the last path segment, as written).
fn extractor_types<'f>(function: &'f Function, name: &'static str) -> impl Iterator<Item = &'f syn::Type> {
    function.sig.inputs.iter().filter_map(move |input| {
        let FnArg::Typed(typed) = input else { return None };
        let syn::Type::Path(path) = &*typed.ty else { return None };
        let last = path.path.segments.last()?;
        if last.ident != name {
            return None;
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        match args.args.first() {
            Some(syn::GenericArgument::Type(ty)) if args.args.len() == 1 => Some(ty),
            _ => None,
        }
    })
}
