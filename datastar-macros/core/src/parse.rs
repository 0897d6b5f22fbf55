//! The macros' input as written: attribute arguments, the annotated function and the
//! `routes![...]` list. Syntax only; every judgement is in `validate`.

use datastar_syntax::Method;
use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Lit, LitBool, LitInt, LitStr, Path, Signature, Token, Visibility};

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

/// The annotated item: a function, or something else the attribute does not apply to.
pub enum Item {
    Function(Box<Function>),
    /// Not a function: kept as written, with the span of its first token.
    Other(TokenStream, Span),
}

/// A function, parsed up to its body, which stays unparsed tokens (faster, and any body
/// the compiler accepts passes through untouched).
pub struct Function {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub sig: Signature,
    pub body: Group,
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let fork = input.fork();
        if let Ok(function) = parse_function(&fork)
            && fork.is_empty()
        {
            input.advance_to(&fork);
            return Ok(Item::Function(Box::new(function)));
        }
        let tokens: TokenStream = input.parse()?;
        let span = first_significant_span(&tokens);
        Ok(Item::Other(tokens, span))
    }
}

fn parse_function(input: ParseStream) -> syn::Result<Function> {
    let attrs = input.call(Attribute::parse_outer)?;
    let vis = input.parse()?;
    let sig = input.parse()?;
    let body: Group = input.parse()?;
    if body.delimiter() != Delimiter::Brace {
        return Err(syn::Error::new(body.span(), "expected the function body"));
    }
    Ok(Function { attrs, vis, sig, body })
}

/// The span of the item's keyword (`struct`, `impl`, …), past attributes and visibility.
fn first_significant_span(tokens: &TokenStream) -> Span {
    let mut iter = tokens.clone().into_iter().peekable();
    while let Some(token) = iter.next() {
        match &token {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                iter.next();
            }
            TokenTree::Ident(ident) if ident == "pub" => {
                if let Some(TokenTree::Group(g)) = iter.peek()
                    && g.delimiter() == Delimiter::Parenthesis
                {
                    iter.next();
                }
            }
            _ => return token.span(),
        }
    }
    Span::call_site()
}

/// An attribute of this crate found on a function, so the first of two stacked attributes
/// (`#[get]` and `#[fragment]`) can expand both and the order does not matter.
pub enum Known {
    Fragment,
    Signals,
    Route(Method),
}

/// Recognises `#[fragment]`, `#[signals]` and the route attributes, bare or through
/// `datastar_runtime::` / `datastar_macros::`.
pub fn known(attr: &Attribute) -> Option<Known> {
    let path = attr.path();
    let last = path.segments.last()?.ident.to_string();
    let ours = match path.segments.len() {
        1 => path.leading_colon.is_none(),
        2 => {
            let first = path.segments[0].ident.to_string();
            first == "datastar_runtime" || first == "datastar_macros"
        }
        _ => false,
    };
    if !ours {
        return None;
    }
    match last.as_str() {
        "fragment" => Some(Known::Fragment),
        "signals" => Some(Known::Signals),
        name => Method::from_name(name).map(Known::Route),
    }
}

/// The tokens between an attribute's parentheses (none for `#[fragment]` alone).
pub fn attribute_args(attr: &Attribute) -> syn::Result<TokenStream> {
    match &attr.meta {
        syn::Meta::Path(_) => Ok(TokenStream::new()),
        syn::Meta::List(list) => Ok(list.tokens.clone()),
        syn::Meta::NameValue(nv) => Err(syn::Error::new_spanned(
            nv,
            "write the arguments in parentheses, for example `#[fragment(selector = \"#main\")]`",
        )),
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
