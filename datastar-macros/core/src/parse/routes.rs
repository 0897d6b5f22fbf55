//! The `routes![...]` list: options, then the routes.

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, Path, Token};

/// `routes![dialect = EXPR, prefix = EXPR; a, b, c]`, options optional and in any order.
pub struct RouteList {
    /// The options as written; `validate` judges their keys and values.
    pub options: Vec<RouteOption>,
    pub routes: Punctuated<Path, Token![,]>,
}

/// `key = EXPR` before the routes.
pub struct RouteOption {
    pub key: Ident,
    /// The value's tokens, empty when the key has none.
    pub value: TokenStream,
}

/// The options' syntax, for messages.
pub const ROUTES_EXAMPLE: &str = "`routes![dialect = Dialect::V019, prefix = \"/old\"; a, b]`";

impl Parse for RouteList {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut options = Vec::new();
        while input.peek(Ident) && input.peek2(Token![=]) {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let mut value = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![;]) && !input.peek(Token![,]) {
                value.extend([input.parse::<TokenTree>()?]);
            }
            options.push(RouteOption { key, value });
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            }
        }
        if let Some(last) = options.last() {
            if !input.peek(Token![;]) {
                return Err(syn::Error::new(
                    last.key.span(),
                    format!("end the options with `;` before the routes: {ROUTES_EXAMPLE}"),
                ));
            }
            input.parse::<Token![;]>()?;
        }
        let routes = Punctuated::parse_terminated_with(input, Path::parse_mod_style)?;
        Ok(RouteList { options, routes })
    }
}
