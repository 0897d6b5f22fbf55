//! Code generation from the checked `model`. Generated code names everything by absolute
//! path (`::datastar_runtime::…`) and adds no name to the user's scope besides the route
//! type that shares the function's name.

use std::fmt::Debug;

use datastar_syntax::{Mode, Namespace, PageSyntax};
use proc_macro2::{Ident, Literal, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, GenericParam, Pat, ReturnType};

use crate::model::{Fragment, Handler, Kind, Route, RouteList, Signals, Text};
use crate::parse::Function;
use crate::validate::return_span;

/// The function, rewritten for its kind, and its route items.
pub fn handler(handler: &Handler) -> TokenStream {
    let function = match &handler.kind {
        Kind::Plain => unchanged(&handler.function),
        Kind::Fragment(spec) => fragment(&handler.function, spec),
        Kind::Signals(spec) => signals(&handler.function, spec),
    };
    let route = handler
        .route
        .as_ref()
        .map(|route| route_items(&handler.function, route, &handler.kind));
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

/// The wrapper's signature: the user's, with `params` and the output `output`.
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
    let where_clause = &generics.where_clause;
    quote!(#constness #asyncness #unsafety #abi fn #ident #generics (#(#params),*) -> #output #where_clause)
}

/// What a fragment or signals function returns: events that are also an axum response.
///
/// The value borrows nothing from the arguments (markup is owned), so the type captures
/// only the generics it may hold (`use<…>`): `(output(&db), other())` can then be returned
/// while `db` is a local. When the user's return type may borrow (`&`, `'_`) or a parameter
/// is `impl Trait` (which `use<…>` cannot name), the default capture rules stay.
fn events_and_response(function: &Function) -> TokenStream {
    let bound = quote!(impl ::datastar_runtime::IntoEvents + ::datastar_runtime::__private::IntoResponse);
    let sig = &function.sig;
    let apit = sig
        .inputs
        .iter()
        .any(|input| matches!(input, FnArg::Typed(t) if mentions_impl_trait(t.ty.to_token_stream())));
    let output = match &sig.output {
        ReturnType::Default => TokenStream::new(),
        ReturnType::Type(_, ty) => ty.to_token_stream(),
    };
    if apit || may_borrow(output.clone()) {
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

fn mentions_impl_trait(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "impl",
        TokenTree::Group(group) => mentions_impl_trait(group.stream()),
        _ => false,
    })
}

fn may_borrow(tokens: TokenStream) -> bool {
    let mut previous_quote = false;
    tokens.into_iter().any(|token| {
        let borrows = match &token {
            TokenTree::Punct(p) => p.as_char() == '&',
            TokenTree::Ident(ident) => previous_quote && ident == "_",
            TokenTree::Group(group) => may_borrow(group.stream()),
            TokenTree::Literal(_) => false,
        };
        previous_quote = matches!(&token, TokenTree::Punct(p) if p.as_char() == '\'');
        borrows
    })
}

/// `#[fragment]`: an outer function with the same name and parameters whose body holds the
/// user's function unchanged, calls it, and pairs its markup with the fragment's options.
///
/// When the declared return type can be named, the fragment's type is its
/// `FragmentBody::Output`, a concrete type: two fragments returning `Markup` are one type,
/// so `if`/`match` arms may return either. Otherwise (`impl Stream`, a generic) the value's
/// kind is chosen by what its type implements.
fn fragment(function: &Function, spec: &Fragment) -> TokenStream {
    let Function { attrs, vis, sig, body } = function;
    let forward = forward(function);
    let Forward { params, call, .. } = &forward;
    let options = options(spec);
    let run_time = run_time_options(spec, &forward);
    let has_run_time = run_time.is_some();
    let run_time_var = run_time_var();
    let (output, value) = if spec.mode == Mode::Remove {
        let remove = if has_run_time {
            quote!(::datastar_runtime::__private::remove_with(&const { #options }, #run_time_var))
        } else {
            quote!(::datastar_runtime::__private::remove(&const { #options }))
        };
        (events_and_response(function), quote!(#call; #remove))
    } else if let Some(ty) = named_return(function) {
        if !has_run_time && body_stays_in(function, ty) {
            return one_function(function, ty, options);
        }
        let body = quote_spanned!(ty.span()=> <#ty as ::datastar_runtime::reply::FragmentBody>);
        let run_time = if has_run_time {
            quote!(::core::option::Option::Some(&#run_time_var))
        } else {
            quote!(::core::option::Option::None)
        };
        // Spanned on the return type, so a type that is not markup is one error, there.
        let into = quote_spanned!(ty.span()=> #body::into_fragment(value, &const { #options }, #run_time));
        let value = quote! {
            let value = #call;
            #into
        };
        (quote_spanned!(ty.span()=> #body::Output), value)
    } else {
        let dispatch = if has_run_time {
            quote_spanned! {return_span(function)=>
                (&value).datastar_fragment_kind().fragment_with(value, &const { #options }, &#run_time_var)
            }
        } else {
            quote_spanned! {return_span(function)=>
                (&value).datastar_fragment_kind().fragment(value, &const { #options })
            }
        };
        let value = quote! {
            use ::datastar_runtime::__private::{BodyKind as _, FeedKind as _};
            let value = #call;
            #dispatch
        };
        (events_and_response(function), value)
    };
    let signature = outer_signature(function, params, output);
    // A parameter read only by a run-time option (`selector = format!("#row_{id}")`) is used,
    // though not by the body the inner function keeps.
    let allow_unused = has_run_time.then(|| quote!(#[allow(unused_variables)]));
    quote! {
        #(#attrs)*
        #vis #signature {
            #allow_unused
            #sig #body
            #run_time
            #value
        }
    }
}

/// A fragment whose body can be its own: one function with the user's parameters and body,
/// whose value is paired with the options at the end. An async handler is then one state
/// machine, as a hand-written one is, not an outer one awaiting the user's inner one.
fn one_function(function: &Function, ty: &syn::Type, options: TokenStream) -> TokenStream {
    let Function { attrs, vis, sig, body } = function;
    let body_type = quote_spanned!(ty.span()=> <#ty as ::datastar_runtime::reply::FragmentBody>);
    let params: Vec<_> = sig.inputs.iter().map(ToTokens::to_token_stream).collect();
    let sig = outer_signature(function, &params, quote_spanned!(ty.span()=> #body_type::Output));
    // Spanned on the return type, so a type that is not markup is one error, there.
    let into = quote_spanned! {ty.span()=>
        #body_type::into_fragment(value, &const { #options }, ::core::option::Option::None)
    };
    quote! {
        #(#attrs)*
        #vis #sig {
            let value: #ty = #body;
            #into
        }
    }
}

/// Macros known to leave their expression only by panicking (`maud::html!` and the
/// standard library's): any other may hide a `return`.
const STAYING_MACROS: &str = "html format format_args vec concat stringify matches write writeln print println \
    eprint eprintln dbg assert assert_eq assert_ne debug_assert debug_assert_eq debug_assert_ne panic todo \
    unimplemented unreachable include_str include_bytes env line column file module_path cfg";

/// Keywords a `!` (not) may follow.
const BEFORE_NOT: &str = "if while match in";

/// Whether the body's value is only ever its last expression, so it can be the body of the
/// fragment function itself (see [`one_function`]): no `return`, no `?` (except on a
/// `Result`, whose error type the fragment keeps), no macro that might hide either, and no
/// call of the function itself (which would now return the fragment, not the markup).
fn body_stays_in(function: &Function, ty: &syn::Type) -> bool {
    let result = matches!(ty, syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Result"));
    stays_in(function.body.stream(), &function.sig.ident, result)
}

fn stays_in(tokens: TokenStream, name: &Ident, question_mark: bool) -> bool {
    let mut previous: Option<TokenTree> = None;
    for token in tokens {
        let fine = match &token {
            // The name after `#` or `.` is markup's id or class, or a field or method.
            TokenTree::Ident(ident) => {
                let after_dot = matches!(&previous, Some(TokenTree::Punct(p)) if matches!(p.as_char(), '#' | '.'));
                ident != "return" && (ident != name || after_dot)
            }
            TokenTree::Punct(p) if p.as_char() == '?' => question_mark,
            // `!=`, or `!` (not) after a keyword or an operator, or `name!`: a macro
            TokenTree::Punct(p) if p.as_char() == '!' && p.spacing() == Spacing::Alone => match &previous {
                Some(TokenTree::Ident(ident)) => {
                    let name = ident.to_string();
                    [STAYING_MACROS, BEFORE_NOT]
                        .iter()
                        .any(|list| list.split_whitespace().any(|m| m == name))
                }
                _ => true,
            },
            TokenTree::Group(group) => stays_in(group.stream(), name, question_mark),
            _ => true,
        };
        if !fine {
            return false;
        }
        previous = Some(token);
    }
    true
}

/// The variable holding the run-time strings: hygienic, so a parameter of the same name
/// is still the one forwarded.
fn run_time_var() -> Ident {
    Ident::new("run_time", Span::mixed_site())
}

/// The declared return type, when the value's type is the one written: no `impl Trait`
/// and none of the function's type parameters.
fn named_return(function: &Function) -> Option<&syn::Type> {
    let ReturnType::Type(_, ty) = &function.sig.output else {
        return None;
    };
    let tokens = ty.to_token_stream();
    let generic = function.sig.generics.params.iter().any(|param| match param {
        GenericParam::Type(t) => mentions_ident(tokens.clone(), &t.ident),
        _ => false,
    });
    (!generic && !mentions_impl_trait(tokens)).then_some(&**ty)
}

fn mentions_ident(tokens: TokenStream, name: &Ident) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == *name,
        TokenTree::Group(group) => mentions_ident(group.stream(), name),
        _ => false,
    })
}

/// The strings computed when the fragment is built, as `let run_time = …;`, evaluated
/// before the call so the expressions may read the arguments (pattern parameters are
/// matched again by reference, so their bindings are in scope too).
fn run_time_options(spec: &Fragment, forward: &Forward) -> Option<TokenStream> {
    if !spec.has_run_time_options() {
        return None;
    }
    let mut options = quote!(::datastar_runtime::__private::RunTimeOptions::new());
    for (method, text) in [("selector", &spec.selector), ("id", &spec.id)] {
        if let Some(Text::RunTime(expression)) = text {
            let method = Ident::new(method, Span::call_site());
            options.extend(quote_spanned!(expression.span()=> .#method(#expression)));
        }
    }
    let rebind = forward.patterns.iter().map(|(pat, name)| quote!(let #pat = &#name;));
    let run_time_var = run_time_var();
    Some(quote! {
        #[allow(unused_variables)]
        let #run_time_var = {
            #(#rebind)*
            ::datastar_runtime::__private::run_time(#options)
        };
    })
}

/// The `FragmentOptions` of a fragment, as a constant expression.
fn options(spec: &Fragment) -> TokenStream {
    let mut options = quote!(::datastar_runtime::FragmentOptions::new());
    if let Some(Text::Literal(selector)) = &spec.selector {
        options.extend(quote!(.selector(#selector)));
    }
    if spec.mode != Mode::Morph {
        let mode = variant(spec.mode);
        options.extend(quote!(.mode(::datastar_runtime::Mode::#mode)));
    }
    if let Some(ms) = spec.settle_ms {
        let ms = Literal::u64_unsuffixed(ms);
        options.extend(quote!(.settle(::core::time::Duration::from_millis(#ms))));
    }
    if spec.view_transition {
        options.extend(quote!(.view_transition(true)));
    }
    if spec.namespace != Namespace::Html {
        let namespace = variant(spec.namespace);
        options.extend(quote!(.namespace(::datastar_runtime::Namespace::#namespace)));
    }
    if let Some(Text::Literal(id)) = &spec.id {
        options.extend(quote!(.id(#id)));
    }
    if let Some(ms) = spec.retry_ms {
        let ms = Literal::u64_unsuffixed(ms);
        options.extend(quote!(.retry_ms(#ms)));
    }
    options
}

/// The runtime's variant for a word's meaning. The runtime names the `datastar-syntax`
/// types (or mirrors their variants), and a fieldless enum's derived `Debug` is its
/// variant's name: so the name comes from the type itself, not from a second table here.
fn variant(value: impl Debug) -> Ident {
    format_ident!("{value:?}")
}

/// `#[signals]`: like a fragment, the value becomes a signals patch.
fn signals(function: &Function, spec: &Signals) -> TokenStream {
    let Function { attrs, vis, sig, body } = function;
    let Forward { params, call, .. } = forward(function);
    let signature = outer_signature(function, &params, events_and_response(function));
    let only_if_missing = spec.only_if_missing;
    let dispatch = quote_spanned! {return_span(function)=>
        (&value).datastar_signals_kind().signals(value, #only_if_missing)
    };
    quote! {
        #(#attrs)*
        #vis #signature {
            #sig #body
            use ::datastar_runtime::__private::{ResultSignalsKind as _, ValueSignalsKind as _};
            let value = #call;
            #dispatch
        }
    }
}

/// A route attribute: a type named like the function (types and functions live in different
/// namespaces) that `routes!` finds by that name, describing the route and holding the axum
/// handler, which turns the function's value into a response.
fn route_items(function: &Function, route: &Route, kind: &Kind) -> TokenStream {
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let Forward { params, args, .. } = forward(function);
    let method = variant(route.method);
    let mut path = Literal::string(&route.path);
    path.set_span(route.span);
    let sends = match kind {
        Kind::Plain => None,
        Kind::Fragment(spec) => {
            let mut options = options(spec);
            if matches!(spec.selector, Some(Text::RunTime(_))) {
                options.extend(quote!(.run_time_selector()));
            }
            Some(quote!(.fragment(#options)))
        }
        Kind::Signals(_) => Some(quote!(.signals())),
    };
    // A page's action to the route is spelled now, but for the prefix (and for captures,
    // which only the page knows): rendering it then costs what the same action written by
    // hand costs.
    let actions = (route.captures == 0).then(|| {
        let pairs = PageSyntax::ALL.map(|syntax| {
            let (open, close) = syntax.action_around(route.method, &route.path);
            quote!((#open, #close))
        });
        quote!(.actions([#(#pairs),*]))
    });
    let builders = quote!(#sends #actions);
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
        let respond = quote_spanned! {return_span(function)=>
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
            Some(ty) => quote_spanned!(ty.span()=> <#ty as ::datastar_runtime::reply::FragmentBody>::Output),
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
    let captures = captures_type(function, route);
    let signals_checks = signals_types(function)
        .map(|ty| quote_spanned!(ty.span()=> ::datastar_runtime::__private::signals_type::<#ty>();));
    let route_type = route_type(function, quote!(#method), &path, builders, captures);
    quote! {
        #route_type

        #[allow(dead_code)]
        impl #ident {
            #[doc(hidden)]
            #vis fn handler(#(#params),*) -> #output {
                #(#signals_checks)*
                #future
            }
        }
    }
}

/// The type a route attribute names after the function, and its `Route` impl: what
/// `routes!` and `Page::action` read.
fn route_type(
    function: &Function,
    method: TokenStream,
    path: &Literal,
    builders: TokenStream,
    captures: Option<TokenStream>,
) -> TokenStream {
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let name = Literal::string(&format!("::{ident}"));
    // The captures' type is the `Self` of an impl, not an associated type of the route: a
    // route as visible as its function may then read a `Path<T>` of a less visible `T`.
    let captures = match captures {
        Some(ty) => quote!(impl ::datastar_runtime::page::PathCaptures<#ident> for #ty {}),
        None => quote!(impl ::datastar_runtime::page::NoCaptures for #ident {}),
    };
    quote! {
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

/// What a page passes to fill the route's path captures: the `T` of the handler's `Path<T>`,
/// so the page and the handler agree on the type; a `String` per capture when the handler
/// reads none; `None` for a path without captures.
fn captures_type(function: &Function, route: &Route) -> Option<TokenStream> {
    match (route.captures, extractor_types(function, "Path").next()) {
        (0, _) => None,
        (_, Some(ty)) => Some(quote!(#ty)),
        (1, None) => Some(quote!(::std::string::String)),
        (n, None) => {
            let strings = (0..n).map(|_| quote!(::std::string::String));
            Some(quote!((#(#strings,)*)))
        }
    }
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

/// What a route attribute on a function with errors leaves for `routes!` to find: a route
/// of that name, so the list adds no error of its own to the ones reported.
pub fn route_stand_in(function: &Function) -> TokenStream {
    if matches!(function.sig.inputs.first(), Some(FnArg::Receiver(_))) {
        return TokenStream::new();
    }
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let route_type = route_type(function, quote!(Get), &Literal::string("/"), TokenStream::new(), None);
    quote! {
        #route_type

        #[allow(dead_code)]
        impl #ident {
            #[doc(hidden)]
            #vis fn handler() -> ::core::future::Ready<()> {
                ::core::future::ready(())
            }
        }
    }
}

/// Uses the paths of the attributes this expansion handled for the other attribute on the
/// function (`#[put]` under `#[fragment]`), so their imports do not look unused.
pub fn mark_used(paths: &[TokenStream]) -> TokenStream {
    if paths.is_empty() {
        return TokenStream::new();
    }
    quote!(const _: () = { #(use #paths as _;)* };)
}

/// `routes![…]`: the list's router, in its dialect.
pub fn routes(list: &RouteList) -> TokenStream {
    let dialect = list
        .dialect
        .clone()
        .unwrap_or_else(|| quote!(::datastar_runtime::Dialect::V1));
    let routes = list.routes.iter().map(|path| {
        let span = path.segments.last().map_or_else(Span::call_site, |s| s.ident.span());
        // The name only ever as a type (`<path>::handler`, not `path::handler`): an unknown
        // name is then an unknown type, with rustc's "a struct with a similar name exists",
        // not a missing crate, and a plain function is one error, not three.
        quote_spanned!(span=> .with_route(<#path as ::datastar_runtime::__private::Route>::ROUTE, <#path>::handler))
    });
    let prefix = list.prefix.as_ref().map(|prefix| quote!(.prefix(#prefix)));
    quote! {
        ::datastar_runtime::__private::Routes::new(#dialect)
            #prefix
            #(#routes)*
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use datastar_syntax::{Method, Mode, Namespace};
    use proc_macro2::TokenStream;
    use quote::quote;
    use syn::ReturnType;

    use super::{body_stays_in, variant};
    use crate::parse::Item;

    /// Whether `body` may be the fragment function's own, for `fn row(..) -> #ty`.
    fn stays(ty: TokenStream, body: TokenStream) -> bool {
        let Ok(Item::Function(function)) = syn::parse2(quote!(fn row() -> #ty { #body })) else {
            panic!("a function");
        };
        let ReturnType::Type(_, ty) = &function.sig.output else {
            panic!("a return type");
        };
        body_stays_in(&function, ty)
    }

    #[test]
    fn a_body_is_inlined_only_when_its_value_is_its_last_expression() {
        assert!(stays(quote!(Markup), quote!(let n = 1; html! { p { (n) } })));
        assert!(stays(
            quote!(Markup),
            quote!(if !done && a != b {
                html! {}
            } else {
                html! { p {} }
            })
        ));
        assert!(stays(
            quote!(Result<Markup, E>),
            quote!(let n = load()?; Ok(html! { (n) }))
        ));
        assert!(!stays(quote!(Markup), quote!(if x { return html! {}; } html! { p {} })));
        assert!(!stays(
            quote!(Option<Markup>),
            quote!(let n = find()?; Some(html! { (n) }))
        ));
        assert!(!stays(
            quote!(Result<Markup, E>),
            quote!(ensure!(ok, "no"); Ok(html! {}))
        ));
        assert!(!stays(quote!(Markup), quote!(html! { (row()) })));
        let id_class_field = "html! { div #row .row { (n.row) } }".parse().expect("tokens");
        assert!(stays(quote!(Markup), id_class_field));
    }

    #[test]
    fn variants_are_the_syntax_types_own_names() {
        assert_eq!(variant(Mode::UpsertAttributes).to_string(), "UpsertAttributes");
        assert_eq!(variant(Namespace::MathMl).to_string(), "MathMl");
        assert_eq!(variant(Method::Delete).to_string(), "Delete");
    }
}
