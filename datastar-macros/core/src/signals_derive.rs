//! `#[derive(Signals)]`: a struct's fields as a page's signals. Writes a `…Signals` struct
//! with one `Signal` per field (a nested struct's own refs for `#[signal(nested)]`
//! fields) and the `TypedSignals` impl that builds it and writes the page's initial signals
//! with the keys as literals.
//!
//! Serde decides the wire names, so the derive reads the serde attributes that change
//! them or drop fields, and refuses those that would make the page's initial signals and
//! the handler's `Signals<T>` disagree.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, LitStr, Meta};

use crate::errors::Errors;

/// What one field's serde and signals attributes say.
#[derive(Default)]
struct FieldAttrs {
    rename: Option<String>,
    skip: bool,
    default: bool,
    nested: bool,
}

/// The expansion of `#[derive(Signals)]`.
pub fn derive_signals(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<DeriveInput>(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let Data::Struct(data) = &input.data else {
        return syn::Error::new_spanned(
            &input.ident,
            "`#[derive(Signals)]` goes on a struct with named fields, one per signal",
        )
        .to_compile_error();
    };
    let Fields::Named(fields) = &data.fields else {
        return syn::Error::new_spanned(
            &input.ident,
            "`#[derive(Signals)]` needs named fields: each field's name is its signal's",
        )
        .to_compile_error();
    };
    if !input.generics.params.is_empty() {
        errors.at(&input.generics, "`#[derive(Signals)]` does not take generic structs");
    }
    let container = serde_attrs(&input.attrs, &mut errors, true);
    let name = &input.ident;
    let refs = format_ident!("{}Signals", name);
    let vis = &input.vis;
    let mut declared = Vec::new();
    let mut built = Vec::new();
    // The initial signals' text between values, keys spelled now (`{ input: `, `, show: `).
    let mut separators = Vec::new();
    let mut written = Vec::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().expect("named fields have names");
        let attrs = serde_attrs(&field.attrs, &mut errors, false);
        if attrs.skip {
            continue;
        }
        let signal = attrs.rename.unwrap_or_else(|| {
            let ident = ident.to_string();
            ident.strip_prefix("r#").map_or(ident.clone(), str::to_owned)
        });
        if signal.starts_with('_') && !attrs.default && !container.default {
            errors.at(
                ident,
                format!(
                    "`{signal}` is a local signal: clients never send it, so `Signals<{name}>` could never read it; give it `#[serde(default)]`"
                ),
            );
        }
        let mut separator = String::from(if separators.is_empty() { "{ " } else { ", " });
        datastar_syntax::push_signal_key(&signal, &mut separator);
        separator.push_str(": ");
        separators.push(separator);
        written.push(if attrs.nested {
            quote! { ::datastar_runtime::page::TypedSignals::write_initial(&self.#ident, buffer)? }
        } else {
            quote! { (&Value(&self.#ident)).datastar_signal_value(buffer)? }
        });
        let ty = &field.ty;
        let doc = format!("`${signal}`");
        if attrs.nested {
            declared.push(quote! { #[doc = #doc] pub #ident: <#ty as ::datastar_runtime::page::TypedSignals>::Refs });
            built.push(quote! {
                #ident: <#ty as ::datastar_runtime::page::TypedSignals>::refs_at(
                    &::datastar_runtime::page::Signal::child(parent, #signal),
                )
            });
        } else {
            declared.push(quote! { #[doc = #doc] pub #ident: ::datastar_runtime::page::Signal });
            built.push(quote! { #ident: ::datastar_runtime::page::Signal::child(parent, #signal) });
        }
    }
    let close = if separators.is_empty() { "{}" } else { " }" };
    let doc = format!("The signals of [`{name}`], one reference per field (`page.signals::<{name}>()`).");
    let errors = errors.to_compile_errors();
    quote! {
        #errors
        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        #vis struct #refs { #(#declared,)* }

        impl ::datastar_runtime::page::TypedSignals for #name {
            type Refs = #refs;

            fn refs_at(parent: &::datastar_runtime::page::Signal) -> #refs {
                #refs { #(#built,)* }
            }

            fn write_initial(&self, buffer: &mut ::std::string::String) -> ::std::fmt::Result {
                #[allow(unused_imports)]
                use ::datastar_runtime::__private::{SerializedValue as _, SignalValue as _, Value};
                #(buffer.push_str(#separators); #written;)*
                buffer.push_str(#close);
                ::std::result::Result::Ok(())
            }
        }
    }
}

/// Reads `#[serde(…)]` and `#[signal(…)]`, refusing what the page and handler could not
/// agree on.
fn serde_attrs(attrs: &[syn::Attribute], errors: &mut Errors, container: bool) -> FieldAttrs {
    let mut found = FieldAttrs::default();
    for attr in attrs {
        let is_serde = attr.path().is_ident("serde");
        let is_signals = attr.path().is_ident("signal");
        if !is_serde && !is_signals {
            continue;
        }
        if !matches!(attr.meta, Meta::List(_)) {
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let word = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
            if is_signals {
                return match word.as_str() {
                    "nested" if !container => {
                        found.nested = true;
                        Ok(())
                    }
                    _ => Err(meta.error("`#[signal(…)]` takes `nested`: this field's type also derives `Signals`")),
                };
            }
            match word.as_str() {
                "rename" if !container => {
                    found.rename = Some(meta.value()?.parse::<LitStr>()?.value());
                    Ok(())
                }
                "default" => {
                    found.default = true;
                    if meta.input.peek(syn::Token![=]) {
                        meta.value()?.parse::<LitStr>()?;
                    }
                    Ok(())
                }
                "skip" => {
                    found.skip = true;
                    Ok(())
                }
                "rename_all" | "flatten" | "skip_serializing" | "skip_serializing_if" | "serialize_with" | "with"
                | "rename" | "tag" | "untagged" | "transparent" | "into" => Err(meta.error(format!(
                    "`#[derive(Signals)]` cannot follow `#[serde({word})]`: the page's signals and the handler's `Signals<T>` must have the same fields under the same names"
                ))),
                _ => {
                    // Other serde keys (deny_unknown_fields, alias, …) change neither the
                    // names nor the set of fields; consume their value if any.
                    if meta.input.peek(syn::Token![=]) {
                        meta.value()?.parse::<syn::Expr>()?;
                    } else if meta.input.peek(syn::token::Paren) {
                        meta.parse_nested_meta(|inner| {
                            if inner.input.peek(syn::Token![=]) {
                                inner.value()?.parse::<syn::Expr>()?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                }
            }
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    found
}
