//! The struct under `#[derive(Signals)]` and what its `#[serde(…)]` and `#[signal(…)]`
//! attributes say, key by key; which keys a page and its handler could not agree on is
//! `validate`'s judgement.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Type, Visibility};

use crate::errors::Errors;

/// The derive's input.
pub struct SignalsInput {
    pub vis: Visibility,
    pub ident: Ident,
    pub generics: Generics,
    /// The named fields, or what the item is when it is not a struct with named fields.
    pub fields: Result<Vec<Field>, Shape>,
    /// The keys of the struct's own attributes.
    pub container: Vec<Key>,
}

/// What the item is when it is not a struct with named fields.
pub enum Shape {
    NotAStruct,
    Unnamed,
}

/// A named field and the keys of its attributes.
pub struct Field {
    pub ident: Ident,
    pub ty: Type,
    pub keys: Vec<Key>,
}

/// One key of a `#[serde(…)]` or `#[signal(…)]` attribute.
pub struct Key {
    /// Written in `#[signal(…)]`, not `#[serde(…)]`.
    pub signal: bool,
    /// The key's name (empty for a path of several segments, which no key is).
    pub word: String,
    /// The key as written, for errors about it.
    pub path: TokenStream,
    pub value: KeyValue,
}

/// A key's value.
pub enum KeyValue {
    /// `key` alone.
    None,
    /// `key = "text"`.
    Str(syn::LitStr),
    /// `key = expression` of another kind.
    Other(TokenStream),
    /// `key(…)`.
    List,
}

/// Reads the struct; attributes that do not parse as `key = value` lists are errors.
pub fn signals_input(input: DeriveInput, errors: &mut Errors) -> SignalsInput {
    let container = keys(&input.attrs, errors);
    let fields = match input.data {
        Data::Struct(data) => match data.fields {
            Fields::Named(named) => Ok(named
                .named
                .into_iter()
                .filter_map(|field| {
                    let keys = keys(&field.attrs, errors);
                    Some(Field {
                        ident: field.ident?,
                        ty: field.ty,
                        keys,
                    })
                })
                .collect()),
            Fields::Unnamed(_) | Fields::Unit => Err(Shape::Unnamed),
        },
        Data::Enum(_) | Data::Union(_) => Err(Shape::NotAStruct),
    };
    SignalsInput {
        vis: input.vis,
        ident: input.ident,
        generics: input.generics,
        fields,
        container,
    }
}

/// The keys of the `#[serde(…)]` and `#[signal(…)]` attributes among `attrs`.
fn keys(attrs: &[syn::Attribute], errors: &mut Errors) -> Vec<Key> {
    let mut keys = Vec::new();
    for attr in attrs {
        let signal = attr.path().is_ident("signal");
        if !(signal || attr.path().is_ident("serde")) || !matches!(attr.meta, syn::Meta::List(_)) {
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let value = if meta.input.peek(syn::Token![=]) {
                match meta.value()?.parse::<syn::Expr>()? {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) => KeyValue::Str(text),
                    other => KeyValue::Other(other.to_token_stream()),
                }
            } else if meta.input.peek(syn::token::Paren) {
                meta.parse_nested_meta(|inner| {
                    if inner.input.peek(syn::Token![=]) {
                        inner.value()?.parse::<syn::Expr>()?;
                    }
                    Ok(())
                })?;
                KeyValue::List
            } else {
                KeyValue::None
            };
            keys.push(Key {
                signal,
                word: meta.path.get_ident().map(ToString::to_string).unwrap_or_default(),
                path: meta.path.to_token_stream(),
                value,
            });
            Ok(())
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    keys
}
