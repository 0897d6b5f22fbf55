//! Expansion snapshots: each `expand/NAME.rs` is expanded by the macros' own logic
//! (`datastar-macros-core`, the library behind the proc-macro crate), formatted with
//! prettyplease and compared with `expand/snapshots/NAME.snap` by `insta`. A difference
//! fails the test; outside CI insta also writes `NAME.snap.new` beside it, to review with
//! `cargo insta review` (or accept with `INSTA_UPDATE=always`). Under `CI=true` it writes
//! nothing and only fails.

use std::fs;
use std::path::Path;

use datastar_macros_core::Attribute;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::ToTokens;

#[test]
fn expansions_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("expand");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .expect("tests/expand")
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 7, "expected the snapshot inputs in {}", dir.display());
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir.join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for input in inputs {
            let name = input
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a file name")
                .to_owned();
            let source = fs::read_to_string(&input).expect("input");
            let mut named = insta::Settings::clone_current();
            // The snapshot's header names its input.
            named.set_input_file(&input);
            named.bind(|| insta::assert_snapshot!(name, expand_file(&source)));
        }
    });
}

/// Expands the crate's attributes and derive on each item, then `routes![…]` and
/// `page!(…)` anywhere.
fn expand_file(source: &str) -> String {
    let file: syn::File = syn::parse_str(source).expect("the input parses");
    let mut out = TokenStream::new();
    for item in file.items {
        out.extend(expand_item(item));
    }
    let file: syn::File = syn::parse2(expand_macros(out)).expect("the expansion parses");
    prettyplease::unparse(&file)
}

fn expand_item(item: syn::Item) -> TokenStream {
    match item {
        syn::Item::Fn(function) => expand_function(function),
        syn::Item::Struct(item) if derives_signals(&item.attrs) => {
            let derived = datastar_macros_core::derive_signals(item.to_token_stream());
            let mut out = item.into_token_stream();
            out.extend(derived);
            out
        }
        other => other.into_token_stream(),
    }
}

/// The first of the crate's attributes on the function, expanded (it expands those
/// stacked with it too).
fn expand_function(mut function: syn::ItemFn) -> TokenStream {
    let found = function.attrs.iter().enumerate().find_map(|(at, attr)| {
        let name = attr.path().get_ident()?.to_string();
        Attribute::from_name(&name).map(|attribute| (at, attribute))
    });
    let Some((at, attribute)) = found else {
        return function.into_token_stream();
    };
    let args = match function.attrs.remove(at).meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    datastar_macros_core::attribute(attribute, args, function.into_token_stream())
}

fn derives_signals(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("derive")
            && attr
                .meta
                .to_token_stream()
                .into_iter()
                .any(|token| matches!(token, TokenTree::Group(g) if g.stream().into_iter().any(|t| matches!(t, TokenTree::Ident(i) if i == "Signals"))))
    })
}

/// `routes![…]` and `page!(…)`, wherever they are.
fn expand_macros(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        match token {
            TokenTree::Ident(ident) if ident == "routes" || ident == "page" => {
                let bang = matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if !bang {
                    out.push(TokenTree::Ident(ident));
                    continue;
                }
                iter.next();
                let Some(TokenTree::Group(group)) = iter.next() else {
                    panic!("{ident}! without its input");
                };
                let expansion = if ident == "routes" {
                    datastar_macros_core::routes(group.stream())
                } else {
                    datastar_macros_core::page(group.stream())
                };
                out.push(TokenTree::Group(Group::new(Delimiter::None, expansion)));
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), expand_macros(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// `#[get]` over `#[fragment]` and `#[fragment]` over `#[get]` expand to the same code:
/// whichever runs first expands both (it only differs in which import it marks as used).
#[test]
fn stacked_attributes_expand_the_same_in_either_order() {
    let body = quote::quote! {
        async fn put_input(State(db): State<Db>) -> Markup { html! { p { (db.0) } } }
    };
    let route_first = datastar_macros_core::attribute(
        Attribute::Route(datastar_runtime::routing::Method::Put),
        quote::quote!("/put"),
        quote::quote!(#[fragment(selector = "#output", mode = "inner")] #body),
    );
    let fragment_first = datastar_macros_core::attribute(
        Attribute::Fragment,
        quote::quote!(selector = "#output", mode = "inner"),
        quote::quote!(#[put("/put")] #body),
    );
    let without_marks = |tokens: TokenStream| {
        let text = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
        let cut = text.find("const _: () = {").expect("the used-import mark");
        text[..cut].to_owned()
    };
    let (a, b) = (without_marks(route_first), without_marks(fragment_first));
    assert!(
        a.contains("struct put_input {}") && a.contains(".mode(::datastar_runtime::__private::Mode::Inner)"),
        "{a}"
    );
    assert_eq!(a, b);
}
