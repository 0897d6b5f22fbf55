//! Attribute macros of the Datastar server DSL. Use them through `datastar-runtime`, which
//! re-exports them and provides everything the expansion calls.
//!
//! The logic lives in `datastar-macros-core`, a plain library, so tests can snapshot its
//! expansions; this crate only forwards to it. `DATASTAR_MACROS_DEBUG=1` prints each
//! expansion to stderr while a crate builds (formatted with the `pretty` feature); `DATASTAR_MACROS_DEBUG=name` only
//! those of the function `name` (see docs/macros.md).

#![warn(missing_docs)]

use datastar_macros_core::Attribute;
use proc_macro::TokenStream;

/// Expands `input`, printing the expansion when `DATASTAR_MACROS_DEBUG` asks (the input is
/// kept only then, to find the item's name).
fn run(label: &str, input: TokenStream, expand: impl FnOnce(TokenStream) -> proc_macro2::TokenStream) -> TokenStream {
    let kept = datastar_macros_core::debug_asked().then(|| input.clone());
    let expansion = expand(input);
    if let Some(input) = kept {
        datastar_macros_core::print_if_asked(label, &input.into(), &expansion);
    }
    expansion.into()
}

/// Turns a function returning `maud` markup into a fragment: a value that patches the page.
///
/// The function keeps its name and parameters (any axum extractors); it returns
/// `impl IntoEvents + IntoResponse`, so it composes with other events into one reply and,
/// when `async`, is an axum handler as it is.
///
/// ```
/// use datastar_runtime::maud::{Markup, html};
/// use datastar_runtime::{Dialect, IntoEvents, fragment};
/// use datastar_runtime::reply::EventWriter;
///
/// #[fragment(selector = "#main", merge = "prepend_element")]
/// fn output3() -> Markup {
///     html! { div #output3 { "Check this out!" } }
/// }
///
/// let mut out = EventWriter::new(Dialect::V1);
/// output3().write_events(&mut out);
/// assert_eq!(
///     &out.finish().ready[..],
///     &b"event: datastar-patch-elements\ndata: selector #main\ndata: mode prepend\n\
///        data: elements <div id=\"output3\">Check this out!</div>\n\n"[..]
/// );
/// ```
///
/// Keys, all optional (none: patch each element by its id, morphing it):
///
/// | key | value |
/// |---|---|
/// | `selector` | a CSS selector list, checked at compile time |
/// | `merge` | a 0.x word: `morph`, `inner`, `outer` (replace), `prepend`, `append`, `before`, `after`, `upsert_attributes`, the 2024 `_element` forms, `delete_element` |
/// | `mode` | a 1.0 word: `outer` (morph), `inner`, `replace`, `prepend`, `append`, `before`, `after`, `remove` |
/// | `settle` | milliseconds (0.x clients) |
/// | `view_transition` | `true`/`false`, or the key alone |
/// | `namespace` | `"svg"` or `"mathml"` (1.0) |
/// | `id`, `retry` | the SSE event id and retry milliseconds |
///
/// The function may return `Markup`, `Result<T, E: IntoResponse>`, `Option<T>`, `Vec<T>`,
/// tuples of these, or a `Stream` of `Markup` (a feed, sent as it comes). A removing
/// fragment (`mode = "remove"` or `merge = "delete_element"`, with a `selector`) returns
/// nothing; its body may still do work.
#[proc_macro_attribute]
pub fn fragment(args: TokenStream, item: TokenStream) -> TokenStream {
    run("#[fragment]", item, |item| {
        datastar_macros_core::attribute(Attribute::Fragment, args.into(), item.into())
    })
}

/// Turns a function returning a `serde::Serialize` value into a signals patch, in the
/// dialect of the router that serves it.
///
/// ```
/// use datastar_runtime::{Dialect, IntoEvents, signals};
/// use datastar_runtime::reply::EventWriter;
///
/// #[derive(serde::Serialize)]
/// struct Counter {
///     count: u32,
/// }
///
/// #[signals(only_if_missing)]
/// fn counter() -> Counter {
///     Counter { count: 1 }
/// }
///
/// let mut out = EventWriter::new(Dialect::V019);
/// counter().write_events(&mut out);
/// assert_eq!(
///     &out.finish().ready[..],
///     &b"event: datastar-signal\ndata: onlyIfMissing true\ndata: store {\"count\":1}\n\n"[..]
/// );
/// ```
///
/// A `Result<T, E>` whose `E` is an axum response answers `Err` with that response.
#[proc_macro_attribute]
pub fn signals(args: TokenStream, item: TokenStream) -> TokenStream {
    run("#[signals]", item, |item| {
        datastar_macros_core::attribute(Attribute::Signals, args.into(), item.into())
    })
}

macro_rules! route_attributes {
    ($($name:ident: $method:ident),*) => {$(
        #[doc = concat!(
            "Serves the function for ", stringify!($name), " requests at a path, in a `routes![...]` list.\n\n",
            "The path is checked at compile time against axum 0.8 (`/users/{id}`, `/files/{*rest}`). ",
            "The function's value is sent as it is when it is a response (`Markup` is an HTML page, a ",
            "`#[fragment]` value an SSE reply) and as SSE events otherwise (`impl IntoEvents`). ",
            "It stacks with `#[fragment]` or `#[signals]` in either order; see [`routes!`] for an example."
        )]
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            run(concat!("#[", stringify!($name), "]"), item, |item| {
                let attribute = Attribute::Route(datastar_syntax::Method::$method);
                datastar_macros_core::attribute(attribute, args.into(), item.into())
            })
        }
    )*
        // A proc-macro crate must declare each attribute by hand: the build fails if these
        // and the method table in `datastar-syntax` ever disagree (one per method, each
        // named as its method).
        const _: () = {
            let declared = [$((stringify!($name), datastar_syntax::Method::$method)),*];
            assert!(declared.len() == datastar_syntax::Method::ALL.len(), "one route attribute per method");
            let mut i = 0;
            while i < declared.len() {
                let (name, method) = declared[i];
                assert!(
                    matches!(datastar_syntax::Method::from_name(name), Some(named) if named as u8 == method as u8),
                    "a route attribute named otherwise than its method"
                );
                i += 1;
            }
        };
    };
}
route_attributes!(get: Get, post: Post, put: Put, patch: Patch, delete: Delete);

/// The `axum::Router` of functions annotated with route attributes, in the Datastar 1.0
/// dialect, or in the one named first: `routes![dialect = Dialect::V019; a, b]`.
///
/// When the router is built each `#[fragment]` and `#[signals]` route is checked against
/// the dialect, and one it cannot express panics at start-up, naming the route. The result
/// nests, merges with other routers and takes state like any axum router.
///
/// ```
/// use axum::Router;
/// use axum::extract::State;
/// use datastar_runtime::maud::{Markup, html};
/// use datastar_runtime::{Dialect, IntoEvents, fragment, get, routes};
///
/// #[derive(Clone)]
/// struct Db;
///
/// #[fragment]
/// fn output2(_db: &Db) -> Markup {
///     html! { div #output2 { "Backend State" } }
/// }
///
/// #[fragment(selector = "#main", merge = "prepend_element")]
/// fn output3() -> Markup {
///     html! { div #output3 { "Check this out!" } }
/// }
///
/// #[get("/get")]
/// async fn get_state(State(db): State<Db>) -> impl IntoEvents {
///     (output2(&db), output3())
/// }
///
/// #[get("/")]
/// async fn index() -> Markup {
///     html! { main #main {} }
/// }
///
/// let app: Router = Router::new()
///     .merge(routes![index, get_state])
///     .nest("/old", routes![dialect = Dialect::V019; get_state])
///     .with_state(Db);
/// # let _ = app;
/// ```
#[proc_macro]
pub fn routes(input: TokenStream) -> TokenStream {
    run("routes!", input, |input| datastar_macros_core::routes(input.into()))
}

/// A page written once, in Datastar 1.0's attribute syntax, for every client generation:
/// `page!(p, { …maud markup… })` renders it in the syntax of the [`Page`]'s dialect and
/// returns `Result<Markup, PageError>`, an error naming the first attribute that
/// generation lacks.
///
/// `data-signals=(value)` takes a `#[derive(Signals)]` value, `data-bind=(signal)` a
/// signal reference; other `data-` attributes are renamed per generation, the rest are
/// maud's. See the `page` module of `datastar-runtime` and `docs/pages.md`.
///
/// [`Page`]: ../datastar_runtime/page/struct.Page.html
#[proc_macro]
pub fn page(input: TokenStream) -> TokenStream {
    run("page!", input, |input| datastar_macros_core::page(input.into()))
}

/// The fields of a serde struct as a page's signals: with `let s = page.signals::<Form>()`,
/// `s.input` renders `$input` in expressions and binds with `data-bind=(s.input)`, `data-signals=(form)`
/// renders the initial signals in the page's generation. Mark a field whose type is
/// itself a `Signals` struct with `#[signal(nested)]`.
///
/// ```
/// use datastar_runtime::page::Page;
/// use datastar_runtime::{Dialect, Signals};
///
/// #[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
/// struct Address {
///     city: String,
/// }
///
/// #[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
/// struct Form {
///     input: String,
///     #[signal(nested)]
///     address: Address,
/// }
///
/// let s = Page::new(Dialect::V1, "").signals::<Form>();
/// assert_eq!(s.address.city.path(), "address.city");
/// ```
#[proc_macro_derive(Signals, attributes(signal))]
pub fn derive_signals(input: TokenStream) -> TokenStream {
    run("#[derive(Signals)]", input, |input| {
        datastar_macros_core::derive_signals(input.into())
    })
}
