//! The annotated item: a function parsed up to its body, or anything else, kept as written.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, ReturnType, Signature, Visibility};

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

impl Function {
    /// The span of the return type, or of the name when there is none: where errors about
    /// the value the function returns belong.
    pub fn return_span(&self) -> Span {
        match &self.sig.output {
            ReturnType::Type(_, ty) => ty.span(),
            ReturnType::Default => self.sig.ident.span(),
        }
    }
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
