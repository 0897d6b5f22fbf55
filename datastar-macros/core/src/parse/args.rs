//! Attribute arguments: `key = value, …` for `#[fragment]` and `#[signals]`, the path
//! literal for a route attribute.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Lit, LitBool, LitInt, LitStr, Token};

/// `key = value, key, …`: the arguments of `#[fragment(…)]` or `#[signals(…)]`.
pub struct Args {
    pub list: Vec<Arg>,
}

/// One argument: a key, with a value unless written alone.
pub struct Arg {
    pub key: Ident,
    pub value: Option<Value>,
}

/// An argument's value, classified by its literal kind.
pub enum Value {
    Str(LitStr),
    Int(LitInt),
    Bool(LitBool),
    /// Anything else, kept for the error's span.
    Other(TokenStream),
}

impl Value {
    /// The value's tokens, to point an error at.
    pub fn tokens(&self) -> TokenStream {
        match self {
            Value::Str(lit) => quote::quote!(#lit),
            Value::Int(lit) => quote::quote!(#lit),
            Value::Bool(lit) => quote::quote!(#lit),
            Value::Other(tokens) => tokens.clone(),
        }
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut list = Vec::new();
        while !input.is_empty() {
            let key = match input.call(Ident::parse_any) {
                Ok(key) => key,
                Err(_) => {
                    return Err(input.error("expected `key = value`, for example `selector = \"#main\"`"));
                }
            };
            let value = if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                let mut tokens = TokenStream::new();
                while !input.is_empty() && !input.peek(Token![,]) {
                    tokens.extend([input.parse::<TokenTree>()?]);
                }
                if tokens.is_empty() {
                    return Err(syn::Error::new(key.span(), format!("`{key} =` needs a value")));
                }
                Some(classify(tokens))
            } else {
                None
            };
            list.push(Arg { key, value });
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(Args { list })
    }
}

fn classify(tokens: TokenStream) -> Value {
    match syn::parse2::<Lit>(tokens.clone()) {
        Ok(Lit::Str(lit)) => Value::Str(lit),
        Ok(Lit::Int(lit)) => Value::Int(lit),
        Ok(Lit::Bool(lit)) => Value::Bool(lit),
        _ => Value::Other(tokens),
    }
}

/// The argument of a route attribute: the path literal.
pub struct RouteArgs {
    pub path: Option<LitStr>,
    /// Tokens that are not a string literal, for the error.
    pub other: Option<TokenStream>,
}

impl Parse for RouteArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Ok(RouteArgs {
                path: None,
                other: None,
            });
        }
        if input.peek(LitStr) {
            let path: LitStr = input.parse()?;
            if input.is_empty() {
                return Ok(RouteArgs {
                    path: Some(path),
                    other: None,
                });
            }
        }
        let other: TokenStream = input.parse()?;
        Ok(RouteArgs {
            path: None,
            other: Some(other),
        })
    }
}
