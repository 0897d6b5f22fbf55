//! Attribute macros of the Datastar server DSL. Use them through `datastar-runtime`, which
//! re-exports them and provides everything the expansion calls; they are documented there.
//!
//! The logic lives in `datastar-macros-core` so tests can snapshot its expansions.

use proc_macro::TokenStream;

fn run(label: &str, expand: impl FnOnce() -> proc_macro2::TokenStream) -> TokenStream {
    let expansion = expand();
    datastar_macros_core::print_if_asked(label, &expansion);
    expansion.into()
}

/// Turns a function returning `maud::Markup` into a Datastar fragment.
#[proc_macro_attribute]
pub fn fragment(args: TokenStream, item: TokenStream) -> TokenStream {
    run("#[fragment]", || {
        datastar_macros_core::fragment(args.into(), item.into())
    })
}

/// Turns a function returning a serialisable value into a signals patch.
#[proc_macro_attribute]
pub fn signals(args: TokenStream, item: TokenStream) -> TokenStream {
    run("#[signals]", || datastar_macros_core::signals(args.into(), item.into()))
}

macro_rules! route_attributes {
    ($($name:ident),*) => {$(
        #[doc = concat!("Serves the function at a path for the ", stringify!($name), " method.")]
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            run(concat!("#[", stringify!($name), "]"), || {
                datastar_macros_core::attribute(stringify!($name), args.into(), item.into())
            })
        }
    )*};
}
route_attributes!(get, post, put, patch, delete);

/// The router of a list of route functions.
#[proc_macro]
pub fn routes(input: TokenStream) -> TokenStream {
    run("routes!", || datastar_macros_core::routes(input.into()))
}
