//! `DATASTAR_MACROS_DEBUG`: expansions printed to stderr while the crate builds, formatted
//! as rustfmt would with the `pretty` feature (`prettyplease`), as plain token text without.
//!
//! `1` prints every expansion; a name (or several, comma-separated) prints only the
//! attributes on functions of that name and the `routes!` lists naming them:
//! `DATASTAR_MACROS_DEBUG=put_input`. The variable is read when a macro runs; cargo does
//! not rebuild for it, so touch a source file (or `cargo clean -p your-crate`) after
//! setting it.

use proc_macro2::{TokenStream, TokenTree};

use crate::tokens;

/// Whether `DATASTAR_MACROS_DEBUG` asks for any expansion.
pub fn debug_asked() -> bool {
    std::env::var("DATASTAR_MACROS_DEBUG").is_ok_and(|v| !v.trim().is_empty() && v.trim() != "0")
}

/// Prints `expansion` of `input` under `label` when `DATASTAR_MACROS_DEBUG` asks for it.
pub fn print_if_asked(label: &str, input: &TokenStream, expansion: &TokenStream) {
    let Ok(wanted) = std::env::var("DATASTAR_MACROS_DEBUG") else {
        return;
    };
    if !wants(&wanted, label, input) {
        return;
    }
    eprintln!("── datastar-macros: {label} ──\n{}\n", format(expansion).trim_end());
}

/// Whether the variable's value asks for this expansion.
fn wants(wanted: &str, label: &str, input: &TokenStream) -> bool {
    let wanted = wanted.trim();
    if wanted.is_empty() || wanted == "0" {
        return false;
    }
    if wanted == "1" {
        return true;
    }
    let names: Vec<&str> = wanted.split(',').map(str::trim).collect();
    if label == "routes!" {
        return tokens::mentions(input.clone(), &names);
    }
    function_name(input).is_some_and(|name| names.contains(&name.as_str()))
}

/// The name after the item's top-level `fn`.
fn function_name(item: &TokenStream) -> Option<String> {
    let mut tokens = item.clone().into_iter();
    while let Some(token) = tokens.next() {
        if matches!(&token, TokenTree::Ident(ident) if ident == "fn") {
            return match tokens.next() {
                Some(TokenTree::Ident(name)) => Some(name.to_string()),
                _ => None,
            };
        }
    }
    None
}

/// The expansion as plain token text (build with the `pretty` feature to format it).
#[cfg(not(feature = "pretty"))]
fn format(expansion: &TokenStream) -> String {
    expansion.to_string()
}

/// The expansion as formatted code: items as a file, an expression (`routes!`) as the
/// body of a function, unwrapped again. Tokens that parse as neither (an expansion with
/// errors) print as they are.
#[cfg(feature = "pretty")]
fn format(expansion: &TokenStream) -> String {
    use proc_macro2::{Delimiter, TokenTree};

    if let Ok(file) = syn::parse2::<syn::File>(expansion.clone()) {
        return prettyplease::unparse(&file);
    }
    let wrapped = TokenStream::from_iter([
        TokenTree::Ident(proc_macro2::Ident::new("fn", proc_macro2::Span::call_site())),
        TokenTree::Ident(proc_macro2::Ident::new("expression", proc_macro2::Span::call_site())),
        TokenTree::Group(proc_macro2::Group::new(Delimiter::Parenthesis, TokenStream::new())),
        TokenTree::Group(proc_macro2::Group::new(Delimiter::Brace, expansion.clone())),
    ]);
    match syn::parse2::<syn::File>(wrapped) {
        Ok(file) => {
            let text = prettyplease::unparse(&file);
            let lines: Vec<&str> = text.lines().collect();
            let body = &lines[1..lines.len().saturating_sub(1).max(1)];
            body.iter()
                .map(|line| line.strip_prefix("    ").unwrap_or(line))
                .collect::<Vec<_>>()
                .join("\n")
        }
        Err(_) => expansion.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;

    use super::{format, wants};

    fn tokens(text: &str) -> TokenStream {
        text.parse().expect("tokens")
    }

    #[test]
    #[cfg(not(feature = "pretty"))]
    fn without_the_pretty_feature_expansions_print_as_token_text() {
        assert_eq!(format(&tokens("fn a() -> u8 { x }")), "fn a () -> u8 { x }");
    }

    #[test]
    #[cfg(feature = "pretty")]
    fn items_and_expressions_are_formatted() {
        assert_eq!(
            format(&tokens("fn a() -> u8 { let x = 1; x }")),
            "fn a() -> u8 {\n    let x = 1;\n    x\n}\n"
        );
        assert_eq!(
            format(&tokens("Routes :: new (d) . finish ()")),
            "Routes::new(d).finish()"
        );
    }

    #[test]
    fn a_name_selects_its_function_and_the_lists_naming_it() {
        let function = tokens("async fn put_input() {}");
        let list = tokens("index, put_input");
        assert!(wants("1", "#[get]", &function));
        assert!(!wants("0", "#[get]", &function));
        assert!(wants("put_input", "#[get]", &function));
        assert!(wants("index, put_input", "routes!", &list));
        assert!(!wants("get_state", "#[get]", &function));
        assert!(!wants("get_state", "routes!", &list));
    }
}
