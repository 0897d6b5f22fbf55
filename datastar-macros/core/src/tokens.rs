//! Questions asked of tokens the macros do not parse (a type as written, a function's
//! body, an option's expression): one walk over every token, into every group, each token
//! seen with the one before it in its group.

use proc_macro2::{Ident, TokenStream, TokenTree};

/// Whether `found` holds for any token, given the token before it in the same group
/// (`None` first in a group).
pub fn any(tokens: TokenStream, found: &mut impl FnMut(&TokenTree, Option<&TokenTree>) -> bool) -> bool {
    let mut previous = None;
    for token in tokens {
        if found(&token, previous.as_ref()) {
            return true;
        }
        if let TokenTree::Group(group) = &token
            && any(group.stream(), found)
        {
            return true;
        }
        previous = Some(token);
    }
    false
}

/// Whether an identifier of `tokens` is one of `names`.
pub fn mentions(tokens: TokenStream, names: &[&str]) -> bool {
    any(
        tokens,
        &mut |token, _| matches!(token, TokenTree::Ident(ident) if names.iter().any(|name| ident == name)),
    )
}

/// Whether a type, as written, may borrow: a reference or an elided lifetime `'_`.
pub fn may_borrow(tokens: TokenStream) -> bool {
    any(tokens, &mut |token, previous| match token {
        TokenTree::Punct(p) => p.as_char() == '&',
        TokenTree::Ident(ident) => ident == "_" && matches!(previous, Some(TokenTree::Punct(p)) if p.as_char() == '\''),
        _ => false,
    })
}

/// Whether an expression may read the variable `name`: names it, or holds a string with
/// `{name}` or `{name:…}` in it, which a formatting macro reads as the variable.
pub fn may_read(tokens: TokenStream, name: &Ident) -> bool {
    let name = name.to_string();
    let (inline, formatted) = (format!("{{{name}}}"), format!("{{{name}:"));
    any(tokens, &mut |token, _| match token {
        TokenTree::Ident(ident) => *ident == name,
        TokenTree::Literal(literal) => {
            let text = literal.to_string();
            text.contains(&inline) || text.contains(&formatted)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use proc_macro2::{Ident, Span, TokenStream};

    use super::{may_borrow, may_read, mentions};

    fn tokens(text: &str) -> TokenStream {
        text.parse().expect("tokens")
    }

    #[test]
    fn names_are_found_inside_groups() {
        assert!(mentions(tokens("Vec<(u8, impl Trait)>"), &["impl"]));
        assert!(mentions(tokens("a, b"), &["c", "b"]));
        assert!(!mentions(tokens("\"impl\" + x"), &["impl"]));
    }

    #[test]
    fn borrows_are_references_and_elided_lifetimes() {
        assert!(may_borrow(tokens("Option<&str>")));
        assert!(may_borrow(tokens("Cow<'_, str>")));
        assert!(!may_borrow(tokens("Cow<'static, str>")));
        assert!(!may_borrow(tokens("Vec<_>")));
    }

    #[test]
    fn a_variable_is_read_by_name_or_by_a_format_string() {
        let id = Ident::new("id", Span::call_site());
        assert!(may_read(tokens("format!(\"#row_{id}\")"), &id));
        assert!(may_read(tokens("format!(\"#row_{id:>3}\")"), &id));
        assert!(may_read(tokens("row_selector(id)"), &id));
        assert!(!may_read(tokens("format!(\"#row_{idx}\", idx = 1)"), &id));
    }
}
