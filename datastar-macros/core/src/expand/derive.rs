//! `#[derive(Signals)]`: a `…Signals` struct with one `Signal` per field (a nested struct's
//! own references for `#[signal(nested)]` fields) and the `TypedSignals` impl that builds
//! it and writes the page's initial signals with the keys as literals.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::SignalsStruct;

/// The references struct and the `TypedSignals` impl.
pub fn signals_struct(checked: &SignalsStruct) -> TokenStream {
    let SignalsStruct {
        vis,
        ident: name,
        fields,
    } = checked;
    let refs = format_ident!("{}Signals", name);
    let mut declared = Vec::new();
    let mut built = Vec::new();
    // The initial signals' text between values, keys spelled now (`{ input: `, `, show: `).
    let mut separators = Vec::new();
    let mut written = Vec::new();
    for field in fields {
        let (ident, ty, signal) = (&field.ident, &field.ty, &field.signal);
        let mut separator = String::from(if separators.is_empty() { "{ " } else { ", " });
        datastar_syntax::push_signal_key(signal, &mut separator);
        separator.push_str(": ");
        separators.push(separator);
        let doc = format!("`${signal}`");
        if field.nested {
            written.push(quote! { ::datastar_runtime::__private::TypedSignals::write_initial(&self.#ident, buffer)? });
            declared
                .push(quote! { #[doc = #doc] pub #ident: <#ty as ::datastar_runtime::__private::TypedSignals>::Refs });
            built.push(quote! {
                #ident: <#ty as ::datastar_runtime::__private::TypedSignals>::refs_at(
                    &::datastar_runtime::__private::Signal::child(parent, #signal),
                )
            });
        } else {
            written.push(quote! { (&Value(&self.#ident)).datastar_signal_value(buffer)? });
            declared.push(quote! { #[doc = #doc] pub #ident: ::datastar_runtime::__private::Signal });
            built.push(quote! { #ident: ::datastar_runtime::__private::Signal::child(parent, #signal) });
        }
    }
    let close = if separators.is_empty() { "{}" } else { " }" };
    let doc = format!("The signals of [`{name}`], one reference per field (`page.signals::<{name}>()`).");
    // Each field's type picks one of the two writer traits, so one (or, with no plain
    // field, all) of these generated imports may go unused; nothing the user wrote is in
    // their scope.
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        #vis struct #refs { #(#declared,)* }

        impl ::datastar_runtime::__private::TypedSignals for #name {
            type Refs = #refs;

            fn refs_at(parent: &::datastar_runtime::__private::Signal) -> #refs {
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
