//! `routes![…]`: the list's router, in its dialect.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};

use super::route::HANDLER;
use crate::model::RouteList;

/// The router: each route's description and handler, added in the list's dialect.
pub fn routes(list: &RouteList) -> TokenStream {
    let dialect = list
        .dialect
        .clone()
        .unwrap_or_else(|| quote!(::datastar_runtime::__private::Dialect::V1));
    let routes = list.routes.iter().map(|path| {
        let span = path.segments.last().map_or_else(Span::call_site, |s| s.ident.span());
        let handler = Ident::new(HANDLER, span);
        // The name only ever as a type (`<path>::…`, not `path::…`): an unknown name is
        // then an unknown type, with rustc's "a struct with a similar name exists", not a
        // missing crate, and a plain function is one error, not three.
        quote_spanned!(span=> .with_route(<#path as ::datastar_runtime::__private::Route>::ROUTE, <#path>::#handler))
    });
    let prefix = list.prefix.as_ref().map(|prefix| quote!(.prefix(#prefix)));
    quote! {
        ::datastar_runtime::__private::Routes::new(#dialect)
            #prefix
            #(#routes)*
            .finish()
    }
}
