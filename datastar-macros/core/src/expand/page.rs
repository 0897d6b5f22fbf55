//! `page!`: the markup compiled once per page syntax, each Datastar attribute spelled as
//! that generation spells it (the table is `datastar_syntax::page_attribute`), chosen by
//! the page's syntax when it renders.

use datastar_syntax::{PageSyntax, page_attribute};
use proc_macro2::{Delimiter, Group, Literal, TokenStream, TokenTree};
use quote::quote;

use super::variant;
use crate::model::{Page, PageAttribute, Piece, TypedKind};

/// A `match` on the page's syntax with an arm per syntax: the markup rendered, or the
/// error naming the first attribute that syntax lacks.
pub fn page(page: &Page) -> TokenStream {
    let arms = PageSyntax::ALL.map(|syntax| {
        let mut missing = None;
        let markup = spell(&page.markup, syntax, &mut missing);
        let variant = variant(syntax);
        let variant = quote!(::datastar_runtime::__private::PageSyntax::#variant);
        let value = match missing {
            None => quote! {
                ::core::result::Result::Ok::<_, ::datastar_runtime::__private::PageError>(
                    ::datastar_runtime::__private::html! { #markup }
                )
            },
            Some(attribute) => quote!(::datastar_runtime::__private::missing_attribute(#attribute, #variant)),
        };
        quote!(#variant => #value,)
    });
    let expression = &page.page;
    quote! {
        match ::datastar_runtime::__private::Page::syntax(&(#expression)) { #(#arms)* }
    }
}

/// The markup in `syntax`, noting in `missing` the first attribute it lacks.
fn spell(pieces: &[Piece], syntax: PageSyntax, missing: &mut Option<String>) -> TokenStream {
    let mut out = TokenStream::new();
    for piece in pieces {
        match piece {
            Piece::Token(token) => out.extend([token.clone()]),
            Piece::Body(span, inner) => {
                let mut group = Group::new(Delimiter::Brace, spell(inner, syntax, missing));
                group.set_span(*span);
                out.extend([TokenTree::Group(group)]);
            }
            Piece::Attribute(attribute) => out.extend(spell_attribute(attribute, syntax, missing)),
        }
    }
    out
}

fn spell_attribute(attribute: &PageAttribute, syntax: PageSyntax, missing: &mut Option<String>) -> TokenStream {
    let mut out = TokenStream::new();
    match page_attribute(syntax, &attribute.plugin, attribute.key.as_deref()) {
        Ok(Some(spelled)) => {
            let mut literal = Literal::string(&spelled);
            literal.set_span(attribute.span);
            out.extend([TokenTree::Literal(literal)]);
        }
        Ok(None) => out.extend(attribute.tokens.iter().cloned()),
        Err(_) => {
            missing.get_or_insert_with(|| attribute.name.clone());
            out.extend(attribute.tokens.iter().cloned());
        }
    }
    if let Some(typed) = &attribute.typed {
        let check = match typed.kind {
            TypedKind::Signals => quote!(::datastar_runtime::__private::initial),
            TypedKind::Bind => quote!(::datastar_runtime::__private::Signal::path),
        };
        let expression = typed.value.stream();
        let mut value = Group::new(Delimiter::Parenthesis, quote!(#check(&(#expression))));
        value.set_span(typed.value.span());
        out.extend([typed.eq.clone(), TokenTree::Group(value)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use datastar_syntax::PageSyntax;
    use quote::quote;

    use super::spell;
    use crate::errors::Errors;
    use crate::parse::PageInput;
    use crate::validate;

    fn spelled(syntax: PageSyntax, markup: proc_macro2::TokenStream) -> (String, Option<String>) {
        let input = syn::parse2::<PageInput>(quote!(p, { #markup })).expect("input");
        let page = validate::page(input, &mut Errors::default());
        let mut missing = None;
        (spell(&page.markup, syntax, &mut missing).to_string(), missing)
    }

    #[test]
    fn names_are_spelled_per_syntax_and_other_attributes_kept() {
        let body = quote!(button data-on:click=(a) title="t" data-testid="x" { span data-show=(s.show) {} });
        let (v019, _) = spelled(PageSyntax::V019, body.clone());
        assert_eq!(
            v019,
            quote!(button "data-on-click"=(a) title="t" data-testid="x" { span "data-show"=(s.show) {} }).to_string()
        );
        let (v1, _) = spelled(PageSyntax::V1, body);
        assert!(v1.contains("\"data-on:click\""), "{v1}");
    }

    #[test]
    fn typed_values_are_wrapped_and_missing_forms_recorded() {
        let (out, missing) = spelled(PageSyntax::V019, quote!(input data-bind=(s.input) data-indicator:busy;));
        assert!(
            out.contains(":: datastar_runtime :: __private :: Signal :: path (& (s . input))"),
            "{out}"
        );
        assert_eq!(missing.as_deref(), Some("data-indicator:busy"));
    }
}
