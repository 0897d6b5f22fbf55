//! `#[fragment]`: the function whose markup becomes a patch, with its options.

use datastar_syntax::{Mode, Namespace};
use proc_macro2::{Ident, Literal, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::FnArg;
use syn::spanned::Spanned;

use super::{Forward, events_and_response, forward, named_return, outer_signature, user_body, variant};
use crate::model::{Fragment, Text};
use crate::parse::Function;
use crate::tokens;

/// An outer function with the same name and parameters whose body holds the user's
/// function unchanged, calls it, and pairs its markup with the fragment's options; or, when
/// the body allows, one function (see [`one_function`]).
///
/// When the declared return type can be named, the fragment's type is its
/// `FragmentBody::Output`, a concrete type: two fragments returning `Markup` are one type,
/// so `if`/`match` arms may return either. Otherwise (`impl Stream`, a generic) the value's
/// kind is chosen by what its type implements.
pub(super) fn fragment(function: &Function, spec: &Fragment) -> TokenStream {
    let Function { attrs, vis, body, .. } = function;
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
        let body = quote_spanned!(ty.span()=> <#ty as ::datastar_runtime::__private::FragmentBody>);
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
            quote_spanned! {function.return_span()=>
                (&value).datastar_fragment_kind().fragment_with(value, &const { #options }, &#run_time_var)
            }
        } else {
            quote_spanned! {function.return_span()=>
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
    let inner = inner_signature(function, spec);
    let outer = user_body(
        function,
        quote! {
            #inner #body
            #run_time
            #value
        },
    );
    quote!(#(#attrs)* #vis #signature #outer)
}

/// The inner function's signature: the user's, but that a parameter the run-time options
/// may read (`selector = format!("#row_{id}")`) is not reported unused for the body not
/// reading it. Any other parameter is reported as it would be in the function as written.
fn inner_signature(function: &Function, spec: &Fragment) -> TokenStream {
    let expressions: Vec<&TokenStream> = [&spec.selector, &spec.id]
        .into_iter()
        .filter_map(|text| match text {
            Some(Text::RunTime(expression)) => Some(expression),
            _ => None,
        })
        .collect();
    let sig = &function.sig;
    let inputs = sig.inputs.iter().map(|input| {
        let read = matches!(input, FnArg::Typed(typed) if tokens::any(typed.pat.to_token_stream(), &mut |token, _| {
            matches!(token, TokenTree::Ident(binding)
                if expressions.iter().any(|expression| tokens::may_read((*expression).clone(), binding)))
        }));
        let allow = read.then(|| quote!(#[allow(unused_variables)]));
        quote!(#allow #input)
    });
    let (constness, asyncness, unsafety, abi, ident, generics, output) = (
        &sig.constness,
        &sig.asyncness,
        &sig.unsafety,
        &sig.abi,
        &sig.ident,
        &sig.generics,
        &sig.output,
    );
    let (fn_token, where_clause) = (&sig.fn_token, &generics.where_clause);
    quote!(#constness #asyncness #unsafety #abi #fn_token #ident #generics (#(#inputs),*) #output #where_clause)
}

/// A fragment whose body can be its own: one function with the user's parameters and body,
/// whose value is paired with the options at the end. An async handler is then one state
/// machine, as a hand-written one is, not an outer one awaiting the user's inner one.
fn one_function(function: &Function, ty: &syn::Type, options: TokenStream) -> TokenStream {
    let Function { attrs, vis, sig, body } = function;
    let body_type = quote_spanned!(ty.span()=> <#ty as ::datastar_runtime::__private::FragmentBody>);
    let params: Vec<_> = sig.inputs.iter().map(ToTokens::to_token_stream).collect();
    let sig = outer_signature(function, &params, quote_spanned!(ty.span()=> #body_type::Output));
    // Spanned on the return type, so a type that is not markup is one error, there.
    let into = quote_spanned! {ty.span()=>
        #body_type::into_fragment(value, &const { #options }, ::core::option::Option::None)
    };
    let body = user_body(
        function,
        quote! {
            let value: #ty = #body;
            #into
        },
    );
    quote!(#(#attrs)* #vis #sig #body)
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
    let name = &function.sig.ident;
    !tokens::any(function.body.stream(), &mut |token, previous| match token {
        // The name after `#` or `.` is markup's id or class, or a field or method.
        TokenTree::Ident(ident) => {
            let after_dot = matches!(previous, Some(TokenTree::Punct(p)) if matches!(p.as_char(), '#' | '.'));
            ident == "return" || (ident == name && !after_dot)
        }
        TokenTree::Punct(p) if p.as_char() == '?' => !result,
        // `!=`, or `!` (not) after a keyword or an operator, or `name!`: a macro
        TokenTree::Punct(p) if p.as_char() == '!' && p.spacing() == Spacing::Alone => match previous {
            Some(TokenTree::Ident(ident)) => {
                let name = ident.to_string();
                ![STAYING_MACROS, BEFORE_NOT]
                    .iter()
                    .any(|list| list.split_whitespace().any(|m| m == name))
            }
            _ => false,
        },
        _ => false,
    })
}

/// The variable holding the run-time strings: hygienic, so a parameter of the same name
/// is still the one forwarded.
fn run_time_var() -> Ident {
    Ident::new("run_time", Span::mixed_site())
}

/// The strings computed when the fragment is built, as `let run_time = …;`, evaluated
/// before the call so the expressions may read the arguments (pattern parameters are
/// matched again by reference, so their bindings are in scope too; a binding the
/// expressions do not read is not reported, as the parameter is the user's to judge).
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
    let rebind = forward
        .patterns
        .iter()
        .map(|(pat, name)| quote!(#[allow(unused_variables)] let #pat = &#name;));
    let run_time_var = run_time_var();
    Some(quote! {
        let #run_time_var = {
            #(#rebind)*
            ::datastar_runtime::__private::run_time(#options)
        };
    })
}

/// The `FragmentOptions` of a fragment, as a constant expression.
pub(super) fn options(spec: &Fragment) -> TokenStream {
    let mut options = quote!(::datastar_runtime::__private::FragmentOptions::new());
    if let Some(Text::Literal(selector)) = &spec.selector {
        options.extend(quote!(.selector(#selector)));
    }
    if spec.mode != Mode::Morph {
        let mode = variant(spec.mode);
        options.extend(quote!(.mode(::datastar_runtime::__private::Mode::#mode)));
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
        options.extend(quote!(.namespace(::datastar_runtime::__private::Namespace::#namespace)));
    }
    if let Some(Text::Literal(id)) = &spec.id {
        options.extend(quote!(.id(#id)));
    }
    if let Some(ms) = spec.retry {
        let ms = Literal::u64_unsuffixed(ms);
        options.extend(quote!(.retry(::core::time::Duration::from_millis(#ms))));
    }
    options
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;
    use syn::ReturnType;

    use super::body_stays_in;
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
}
