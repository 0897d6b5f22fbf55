//! `#[signals]`: the function whose value becomes a signals patch.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::{Forward, events_and_response, forward, outer_signature, user_body};
use crate::model::Signals;
use crate::parse::Function;

/// Like a fragment's outer function: the user's function inside, its value a signals patch.
pub(super) fn signals(function: &Function, spec: &Signals) -> TokenStream {
    let Function { attrs, vis, sig, body } = function;
    let Forward { params, call, .. } = forward(function);
    let signature = outer_signature(function, &params, events_and_response(function));
    let only_if_missing = spec.only_if_missing;
    let dispatch = quote_spanned! {function.return_span()=>
        (&value).datastar_signals_kind().signals(value, #only_if_missing)
    };
    let outer = user_body(
        function,
        quote! {
            #sig #body
            use ::datastar_runtime::__private::{ResultSignalsKind as _, ValueSignalsKind as _};
            let value = #call;
            #dispatch
        },
    );
    quote!(#(#attrs)* #vis #signature #outer)
}
