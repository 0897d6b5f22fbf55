//! Expansion snapshots: each `expand/NAME.rs` is expanded by the macros' own logic
//! (`datastar-macros-core`, the library behind the proc-macro crate), formatted with
//! prettyplease and compared with `expand/NAME.expanded.rs`. Any difference fails with a
//! diff; `UPDATE_EXPAND=1` rewrites the snapshots.

use std::fs;
use std::path::Path;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::ToTokens;

use datastar_runtime::routing::Method;

/// The crate's attributes: the two kinds and one per route method.
fn is_attribute(name: &str) -> bool {
    name == "fragment" || name == "signals" || Method::from_name(name).is_some()
}

#[test]
fn expansions_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("expand");
    let update = std::env::var_os("UPDATE_EXPAND").is_some_and(|v| v != "0");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .expect("tests/expand")
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.to_string_lossy().ends_with(".expanded.rs"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 5, "expected the snapshot inputs in {}", dir.display());
    let mut failures = Vec::new();
    for input in inputs {
        let source = fs::read_to_string(&input).expect("input");
        let expanded = expand_file(&source);
        let snapshot = input.with_extension("expanded.rs");
        if update {
            fs::write(&snapshot, &expanded).expect("write snapshot");
            continue;
        }
        let expected = fs::read_to_string(&snapshot).unwrap_or_default();
        if expected != expanded {
            failures.push(format!(
                "{} differs from its snapshot (UPDATE_EXPAND=1 rewrites it):\n{}",
                input.display(),
                diff(&expected, &expanded)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Expands the crate's attributes on each item, then `routes![…]` anywhere.
fn expand_file(source: &str) -> String {
    let file: syn::File = syn::parse_str(source).expect("the input parses");
    let mut out = TokenStream::new();
    for item in file.items {
        out.extend(expand_item(item));
    }
    let file: syn::File = syn::parse2(expand_routes(out)).expect("the expansion parses");
    prettyplease::unparse(&file)
}

fn expand_item(item: syn::Item) -> TokenStream {
    let syn::Item::Fn(mut function) = item else {
        return item.into_token_stream();
    };
    let Some(at) = function
        .attrs
        .iter()
        .position(|a| a.path().get_ident().is_some_and(|i| is_attribute(&i.to_string())))
    else {
        return function.into_token_stream();
    };
    let attr = function.attrs.remove(at);
    let name = attr.path().get_ident().expect("an ident").to_string();
    let args = match attr.meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    datastar_macros_core::attribute(&name, args, function.into_token_stream())
}

fn expand_routes(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        match token {
            TokenTree::Ident(ident) if ident == "routes" => {
                let bang = matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if !bang {
                    out.push(TokenTree::Ident(ident));
                    continue;
                }
                iter.next();
                let Some(TokenTree::Group(group)) = iter.next() else {
                    panic!("routes! without its list");
                };
                let expansion = datastar_macros_core::routes(group.stream());
                out.push(TokenTree::Group(Group::new(Delimiter::None, expansion)));
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), expand_routes(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// A line diff (longest common subsequence): `-` expected, `+` actual.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+{:>4} | {}\n", j + 1, b[j]));
            j += 1;
        } else {
            out.push_str(&format!("-{:>4} | {}\n", i + 1, a[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn the_diff_names_each_changed_line() {
    assert_eq!(diff("a\nb\nc", "a\nx\nc"), "+   2 | x\n-   2 | b\n");
    assert_eq!(diff("a", "a"), "");
}

/// `#[get]` over `#[fragment]` and `#[fragment]` over `#[get]` expand to the same code:
/// whichever runs first expands both (it only differs in which import it marks as used).
#[test]
fn stacked_attributes_expand_the_same_in_either_order() {
    let body = quote::quote! {
        async fn put_input(State(db): State<Db>) -> Markup { html! { p { (db.0) } } }
    };
    let route_first = datastar_macros_core::attribute(
        "put",
        quote::quote!("/put"),
        quote::quote!(#[fragment(selector = "#output", mode = "inner")] #body),
    );
    let fragment_first = datastar_macros_core::attribute(
        "fragment",
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
        a.contains("struct put_input {}") && a.contains(".mode(::datastar_runtime::Mode::Inner)"),
        "{a}"
    );
    assert_eq!(a, b, "{}", diff(&a, &b));
}
