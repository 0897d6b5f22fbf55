//! `page!`: finds each `data-` attribute of the markup, refuses 0.x spellings (a page is
//! written in 1.0 syntax, and 1.0 ignores them) and typed attributes without a typed
//! value. Whether a generation has an attribute is not an error here: the page still
//! renders for the others.

use datastar_syntax::is_page_attribute;
use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::errors::Errors;
use crate::model::{Page, PageAttribute, Piece, Typed, TypedKind};
use crate::parse::PageInput;

/// The checked page.
pub fn page(input: PageInput, errors: &mut Errors) -> Page {
    Page {
        page: input.page,
        markup: markup(input.markup, errors),
    }
}

/// One level of markup, descending into element bodies (`{ … }`) but not into Rust
/// expressions (`( … )`) or toggles (`[ … ]`).
fn markup(input: TokenStream, errors: &mut Errors) -> Vec<Piece> {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let mut pieces = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some(end) = attribute_name_end(&tokens, i) {
            let (attribute, next) = attribute(&tokens, i, end, errors);
            pieces.push(Piece::Attribute(attribute));
            i = next;
            continue;
        }
        pieces.push(match &tokens[i] {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                Piece::Body(group.span(), markup(group.stream(), errors))
            }
            other => Piece::Token(other.clone()),
        });
        i += 1;
    }
    pieces
}

/// The attribute whose name is `tokens[start..end]`, and where the markup goes on.
fn attribute(tokens: &[TokenTree], start: usize, end: usize, errors: &mut Errors) -> (PageAttribute, usize) {
    let name: String = tokens[start..end].iter().map(text).collect();
    let span = tokens[start].span();
    let rest = &name["data-".len()..];
    let (plugin, key) = match rest.split_once(':') {
        Some((plugin, key)) => (plugin.to_owned(), Some(key.to_owned())),
        None => (rest.to_owned(), None),
    };
    if key.is_none()
        && let Some((first, tail)) = plugin.split_once('-')
        && is_page_attribute(first)
    {
        let hint = if first == "on" && tail == "load" {
            "`data-init`".to_owned()
        } else {
            format!("`data-{first}:{tail}`")
        };
        errors.span(
            span,
            format!("`{name}` is 0.x syntax, which Datastar 1.0 ignores; a page is written in 1.0 syntax: {hint}"),
        );
    }
    let typed = match (plugin.as_str(), &key) {
        ("signals", None) => Some((
            TypedKind::Signals,
            "`data-signals` takes a `#[derive(Signals)]` value: `data-signals=(Form::default())`",
        )),
        ("bind", None) => Some((
            TypedKind::Bind,
            "`data-bind` takes a signal: `data-bind=(s.input)` with `let s = p.signals::<Form>();`",
        )),
        _ => None,
    };
    let mut next = end;
    let typed = typed.and_then(|(kind, usage)| match (tokens.get(end), tokens.get(end + 1)) {
        (Some(eq @ TokenTree::Punct(p)), Some(TokenTree::Group(value)))
            if p.as_char() == '=' && value.delimiter() == Delimiter::Parenthesis =>
        {
            next = end + 2;
            Some(Typed {
                kind,
                eq: eq.clone(),
                value: value.clone(),
            })
        }
        _ => {
            errors.span(span, usage);
            None
        }
    });
    let attribute = PageAttribute {
        tokens: tokens[start..end].to_vec(),
        name,
        plugin,
        key,
        span,
        typed,
    };
    (attribute, next)
}

/// Where the attribute name starting at `tokens[i]` ends, when one starts there: `data`,
/// then `-` or `:` joined parts, not itself part of a longer name.
fn attribute_name_end(tokens: &[TokenTree], i: usize) -> Option<usize> {
    let TokenTree::Ident(first) = &tokens[i] else {
        return None;
    };
    if first != "data" || !is_joiner(tokens.get(i + 1)) {
        return None;
    }
    if i > 0
        && (is_joiner(tokens.get(i - 1))
            || matches!(&tokens[i - 1], TokenTree::Punct(p) if matches!(p.as_char(), '.' | '#' | '@')))
    {
        return None;
    }
    let mut end = i + 1;
    while is_joiner(tokens.get(end)) && matches!(tokens.get(end + 1), Some(TokenTree::Ident(_) | TokenTree::Literal(_)))
    {
        end += 2;
    }
    Some(end)
}

fn is_joiner(token: Option<&TokenTree>) -> bool {
    matches!(token, Some(TokenTree::Punct(p)) if matches!(p.as_char(), '-' | ':'))
}

/// A name part's text: a literal's without its quotes.
fn text(token: &TokenTree) -> String {
    match token {
        TokenTree::Literal(literal) => {
            let text = literal.to_string();
            text.strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .map_or(text.clone(), str::to_owned)
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::page;
    use crate::errors::Errors;
    use crate::model::Piece;
    use crate::parse::PageInput;

    fn check(markup: proc_macro2::TokenStream) -> (Vec<Piece>, String) {
        let mut errors = Errors::default();
        let page = page(
            syn::parse2::<PageInput>(quote!(p, { #markup })).expect("input"),
            &mut errors,
        );
        (page.markup, errors.to_compile_errors().to_string())
    }

    #[test]
    fn attributes_are_found_with_their_typed_values() {
        let (pieces, errors) = check(quote!(input data-bind=(s.input) data-on:click=(a) title="t";));
        assert_eq!(errors, "");
        let Piece::Attribute(bind) = &pieces[1] else {
            panic!("data-bind")
        };
        assert_eq!(
            (bind.name.as_str(), bind.plugin.as_str(), bind.key.as_deref()),
            ("data-bind", "bind", None)
        );
        assert!(bind.typed.is_some());
        let Piece::Attribute(click) = &pieces[2] else {
            panic!("data-on:click")
        };
        assert_eq!((click.plugin.as_str(), click.key.as_deref()), ("on", Some("click")));
        assert!(click.typed.is_none());
    }

    #[test]
    fn old_syntax_and_untyped_values_are_errors() {
        let (_, errors) = check(quote!(div data-on-click="x" data-bind="input" {}));
        assert!(errors.contains("is 0.x syntax"), "{errors}");
        assert!(errors.contains("takes a signal"), "{errors}");
    }
}
