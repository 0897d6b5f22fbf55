//! Attribute macros of the Datastar server DSL. Use them through `datastar-runtime`,
//! which re-exports them and provides everything the expansion calls.

use proc_macro::TokenStream;

/// Turns a function returning `maud::Markup` into a Datastar fragment.
#[proc_macro_attribute]
pub fn fragment(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}
