//! `page!(p, { … })`: a maud page written once in Datastar 1.0's attribute syntax,
//! compiled once per page syntax with each Datastar attribute spelled as that generation
//! spells it (the table is `datastar_syntax::page_attribute`).
//!
//! The page is `maud::html!` input; only attribute names that start with `data-` are
//! touched, plus the values of the two typed attributes: `data-signals=(value)` must be a
//! `#[derive(Signals)]` value and `data-bind=(signal)` a signal reference. An attribute a
//! generation lacks makes that generation's branch an `Err(PageError)` at render time (the
//! page works for the others); 0.x spellings in the source are compile errors, since 1.0
//! ignores them.

use datastar_syntax::{PageSyntax, is_page_attribute, page_attribute};
use proc_macro2::{Delimiter, Group, Literal, Span, TokenStream, TokenTree};
use quote::quote;

use crate::errors::Errors;

/// The expansion of `page!(page, { markup })`.
pub fn page(input: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let Some(comma) = tokens
        .iter()
        .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
    else {
        return syn::Error::new(Span::call_site(), "expected `page!(page, { markup })`").to_compile_error();
    };
    let page: TokenStream = tokens[..comma].iter().cloned().collect();
    let mut body: TokenStream = tokens[comma + 1..].iter().cloned().collect();
    if let [TokenTree::Group(group)] = &tokens[comma + 1..]
        && group.delimiter() == Delimiter::Brace
    {
        body = group.stream();
    }
    let mut errors = Errors::default();
    let arms = PageSyntax::ALL.map(|syntax| {
        let mut rewrite = Rewrite {
            syntax,
            // The checks are the same for every syntax: report them once.
            errors: (syntax == PageSyntax::V1).then_some(&mut errors),
            missing: None,
        };
        let markup = rewrite.stream(body.clone());
        let variant = syntax_path(syntax);
        let value = match rewrite.missing {
            None => quote! {
                ::core::result::Result::Ok::<_, ::datastar_runtime::page::PageError>(::datastar_runtime::maud::html! { #markup })
            },
            Some(attribute) => quote! {
                ::core::result::Result::Err::<::datastar_runtime::maud::Markup, _>(::datastar_runtime::page::PageError::Attribute(
                    ::datastar_runtime::page::AttributeError {
                        attribute: ::std::borrow::ToOwned::to_owned(#attribute),
                        syntax: #variant,
                    },
                ))
            },
        };
        quote!(#variant => #value,)
    });
    let errors = errors.to_compile_errors();
    quote! {{
        #errors
        match ::datastar_runtime::page::Page::syntax(&(#page)) { #(#arms)* }
    }}
}

fn syntax_path(syntax: PageSyntax) -> TokenStream {
    match syntax {
        PageSyntax::V019 => quote!(::datastar_runtime::page::PageSyntax::V019),
        PageSyntax::V021 => quote!(::datastar_runtime::page::PageSyntax::V021),
        PageSyntax::V1 => quote!(::datastar_runtime::page::PageSyntax::V1),
    }
}

struct Rewrite<'a> {
    syntax: PageSyntax,
    errors: Option<&'a mut Errors>,
    /// The first attribute this syntax lacks, as the page wrote it.
    missing: Option<String>,
}

impl Rewrite<'_> {
    fn error(&mut self, span: Span, message: String) {
        if let Some(errors) = &mut self.errors {
            errors.span(span, message);
        }
    }

    /// Rewrites one level of markup, descending into element bodies (`{ … }`) but not
    /// into Rust expressions (`( … )`) or toggles (`[ … ]`).
    fn stream(&mut self, input: TokenStream) -> TokenStream {
        let tokens: Vec<TokenTree> = input.into_iter().collect();
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            if let Some(end) = attribute_name_end(&tokens, i) {
                i = self.attribute(&tokens, i, end, &mut out);
                continue;
            }
            match &tokens[i] {
                TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                    let mut inner = Group::new(Delimiter::Brace, self.stream(group.stream()));
                    inner.set_span(group.span());
                    out.push(TokenTree::Group(inner));
                }
                other => out.push(other.clone()),
            }
            i += 1;
        }
        out.into_iter().collect()
    }

    /// Handles the attribute whose name is `tokens[start..end]`; returns where to go on.
    fn attribute(&mut self, tokens: &[TokenTree], start: usize, end: usize, out: &mut Vec<TokenTree>) -> usize {
        let name: String = tokens[start..end].iter().map(text).collect();
        let span = tokens[start].span();
        let rest = &name["data-".len()..];
        let (plugin, key) = match rest.split_once(':') {
            Some((plugin, key)) => (plugin, Some(key)),
            None => (rest, None),
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
            self.error(
                span,
                format!("`{name}` is 0.x syntax, which Datastar 1.0 ignores; a page is written in 1.0 syntax: {hint}"),
            );
        }
        match page_attribute(self.syntax, plugin, key) {
            Ok(None) => out.extend(tokens[start..end].iter().cloned()),
            Ok(Some(spelled)) => {
                let mut literal = Literal::string(&spelled);
                literal.set_span(span);
                out.push(TokenTree::Literal(literal));
            }
            Err(_) => {
                self.missing.get_or_insert(name.clone());
                out.extend(tokens[start..end].iter().cloned());
            }
        }
        let typed = match (plugin, key) {
            ("signals", None) => Some((
                quote!(::datastar_runtime::page::initial),
                "`data-signals` takes a `#[derive(Signals)]` value: `data-signals=(Form::default())`",
            )),
            ("bind", None) => Some((
                quote!(::datastar_runtime::page::Signal::path),
                "`data-bind` takes a signal: `data-bind=(s.input)` with `let s = p.signals::<Form>();`",
            )),
            _ => None,
        };
        let Some((wrap, usage)) = typed else { return end };
        match (tokens.get(end), tokens.get(end + 1)) {
            (Some(TokenTree::Punct(eq)), Some(TokenTree::Group(value)))
                if eq.as_char() == '=' && value.delimiter() == Delimiter::Parenthesis =>
            {
                out.push(tokens[end].clone());
                let expr = value.stream();
                let mut wrapped = Group::new(Delimiter::Parenthesis, quote!(#wrap(&(#expr))));
                wrapped.set_span(value.span());
                out.push(TokenTree::Group(wrapped));
                end + 2
            }
            _ => {
                self.error(span, usage.to_owned());
                end
            }
        }
    }
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
    use super::*;

    fn arm(syntax: PageSyntax, body: TokenStream) -> (String, Option<String>) {
        let mut errors = Errors::default();
        let mut rewrite = Rewrite {
            syntax,
            errors: Some(&mut errors),
            missing: None,
        };
        let out = rewrite.stream(body).to_string();
        (out, rewrite.missing)
    }

    #[test]
    fn names_are_spelled_per_syntax_and_other_attributes_kept() {
        let body = quote!(button data-on:click=(a) title="t" data-testid="x" { span data-show=(s.show) {} });
        let (v019, _) = arm(PageSyntax::V019, body.clone());
        assert_eq!(
            v019,
            quote!(button "data-on-click"=(a) title="t" data-testid="x" { span "data-show"=(s.show) {} }).to_string()
        );
        let (v1, _) = arm(PageSyntax::V1, body);
        assert!(v1.contains("\"data-on:click\""), "{v1}");
    }

    #[test]
    fn typed_values_are_wrapped_and_missing_forms_recorded() {
        let (out, missing) = arm(PageSyntax::V019, quote!(input data-bind=(s.input) data-indicator:busy;));
        assert!(
            out.contains(":: datastar_runtime :: page :: Signal :: path (& (s . input))"),
            "{out}"
        );
        assert_eq!(missing.as_deref(), Some("data-indicator:busy"));
    }

    #[test]
    fn old_syntax_and_untyped_values_are_errors() {
        let expansion = page(quote!(p, { div data-on-click="x" data-bind="input" {} })).to_string();
        assert!(expansion.contains("is 0.x syntax"), "{expansion}");
        assert!(expansion.contains("takes a signal"), "{expansion}");
    }
}
