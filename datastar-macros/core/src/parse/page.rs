//! `page!(page, { markup })`: the page expression and the markup.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::Token;
use syn::parse::{Parse, ParseStream};

/// The two parts of `page!(page, { markup })`, split at the first comma.
pub struct PageInput {
    /// The expression of the `Page` the markup is rendered for.
    pub page: TokenStream,
    /// maud markup in 1.0 attribute syntax, without its braces.
    pub markup: TokenStream,
}

impl Parse for PageInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut page = TokenStream::new();
        while !input.peek(Token![,]) {
            if input.is_empty() {
                return Err(syn::Error::new(Span::call_site(), "expected `page!(page, { markup })`"));
            }
            page.extend([input.parse::<TokenTree>()?]);
        }
        input.parse::<Token![,]>()?;
        let rest: TokenStream = input.parse()?;
        let mut tokens = rest.clone().into_iter();
        let markup = match (tokens.next(), tokens.next()) {
            (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Brace => group.stream(),
            _ => rest,
        };
        Ok(PageInput { page, markup })
    }
}
