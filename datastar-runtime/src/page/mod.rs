//! Typed pages: one page source for every client generation.
//!
//! A page is written once, in Datastar 1.0's attribute syntax, inside [`page!`](crate::page!)
//! instead of `maud::html!`. The macro compiles the page once per page syntax (0.19, which
//! the 2024 clients share, 0.21 and 1.0), renaming each Datastar attribute; the [`Page`]
//! picks the one for the dialect it serves, so rendering costs what the same page written
//! by hand costs. Signals come from a `#[derive(Signals)]` struct, actions from route
//! items, ids from [`Id`] constants: a renamed field, route or id breaks the build.
//!
//! ```
//! use datastar_runtime::maud::Markup;
//! use datastar_runtime::page::{Page, PageError};
//! use datastar_runtime::{Dialect, Signals, page, put};
//!
//! #[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
//! struct Form {
//!     input: String,
//! }
//!
//! #[put("/save")]
//! async fn save(Signals(form): Signals<Form>) -> String {
//!     form.input
//! }
//!
//! fn form(p: Page) -> Result<Markup, PageError> {
//!     let s = p.signals::<Form>();
//!     page!(p, {
//!         main data-signals=(Form::default()) {
//!             input data-bind=(s.input);
//!             button data-on:click=(p.action::<save>()) { "Save" }
//!         }
//!     })
//! }
//!
//! assert_eq!(
//!     form(Page::new(Dialect::V019, "/old")).unwrap().into_string(),
//!     r#"<main data-store="{ input: &quot;&quot; }"><input data-model="input">"#.to_owned()
//!         + r#"<button data-on-click="$$put('/old/save')">Save</button></main>"#
//! );
//! assert_eq!(
//!     form(Page::new(Dialect::V1, "")).unwrap().into_string(),
//!     r#"<main data-signals="{ input: &quot;&quot; }"><input data-bind="input">"#.to_owned()
//!         + r#"<button data-on:click="@put('/save')">Save</button></main>"#
//! );
//! ```
//!
//! See `docs/pages.md` for every attribute and how each generation spells it.

mod action;
mod captures;
mod error;
mod id;
pub(crate) mod initial;
mod signals;

pub use action::Action;
pub use datastar_syntax::PageSyntax;
pub use error::{AttributeError, CaptureError, PageError};
pub use id::Id;
pub use initial::InitialSignals;
pub use signals::{Signal, TypedSignals};

use crate::encode::Dialect;
use crate::mount::mounted;
use crate::routing::Route;

/// Where a page is served: the dialect of the router its actions go to, and that router's
/// `routes![prefix = …]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page<'a> {
    dialect: Dialect,
    prefix: &'a str,
    /// Whether the prefix holds nothing an action must escape, so actions copy it as it is.
    plain_prefix: bool,
}

impl<'a> Page<'a> {
    /// A page whose actions go to routes served in `dialect` under `prefix` (`""` for none).
    pub const fn new(dialect: Dialect, prefix: &'a str) -> Self {
        Page {
            dialect,
            prefix,
            plain_prefix: datastar_syntax::is_plain_url(prefix),
        }
    }

    /// The dialect.
    pub const fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The attribute syntax of the dialect's clients.
    pub const fn syntax(&self) -> PageSyntax {
        match self.dialect {
            Dialect::Fragment2024 { .. } | Dialect::V019 => PageSyntax::V019,
            Dialect::V021 => PageSyntax::V021,
            Dialect::V1 => PageSyntax::V1,
        }
    }

    /// References to the signals of `T`, spelled for this page's generation:
    /// `let s = p.signals::<Form>();` then `data-bind=(s.input)`, `data-show=(s.show)`.
    pub fn signals<T: TypedSignals>(&self) -> T::Refs {
        T::refs_at(&Signal::root(self.syntax()))
    }

    /// The action that sends the page's signals to route `R`, under the page's prefix:
    /// `p.action::<save>()` renders `@put('/save')`. A route with path captures is a
    /// compile error here: use [`action_with`](Self::action_with).
    pub fn action<R: Route + NoCaptures>(&self) -> Action<'a> {
        let route = R::ROUTE;
        // The attribute spelled the path as written, which is what `mounted` keeps but for
        // `/` under a prefix (the prefix alone): that one takes the general way.
        let around = (mounted(self.prefix, route.path)[1] == route.path).then(|| R::ACTIONS[self.syntax().index()]);
        Action {
            around,
            ..self.to::<R>(std::borrow::Cow::Borrowed(route.path))
        }
    }

    /// The action to route `R` with its path captures filled from `captures`, a value of the
    /// type the handler's `Path<T>` reads (`String`s when it has no `Path` argument):
    /// `p.action_with::<user>(7)?` renders `@get('/users/7')` for `#[get("/users/{id}")]`.
    /// A value of another type is a compile error; one whose shape does not fit the path
    /// (a `None`, a nested list) is a [`PageError::Capture`].
    ///
    /// ```
    /// use axum::extract::Path;
    /// use datastar_runtime::page::Page;
    /// use datastar_runtime::{Dialect, get};
    ///
    /// #[get("/teams/{team}/users/{name}")]
    /// async fn member(Path((team, name)): Path<(u32, String)>) -> String {
    ///     format!("{team}/{name}")
    /// }
    ///
    /// let p = Page::new(Dialect::V1, "/app");
    /// let action = p.action_with::<member>((7, "Zoë O'Neil".to_owned())).unwrap();
    /// assert_eq!(
    ///     datastar_runtime::maud::html! { button data-on:click=(action) {} }.into_string(),
    ///     r#"<button data-on:click="@get('/app/teams/7/users/Zo%C3%AB%20O%27Neil')"></button>"#
    /// );
    /// ```
    pub fn action_with<R: Route>(
        &self,
        captures: impl PathCaptures<R> + serde::Serialize,
    ) -> Result<Action<'a>, PageError> {
        let path = captures::fill(R::ROUTE.path, &captures)?;
        Ok(self.to::<R>(std::borrow::Cow::Owned(path)))
    }

    fn to<R: Route>(&self, path: std::borrow::Cow<'static, str>) -> Action<'a> {
        Action {
            syntax: self.syntax(),
            prefix: self.prefix,
            plain_prefix: self.plain_prefix,
            method: R::ROUTE.method,
            path,
            around: None,
        }
    }
}

/// A route whose path has no captures, with its action spelled: a bound of
/// [`Page::action`], so an action to a route with captures is refused when the page is
/// compiled. The route attribute implements it, for routes without captures only.
#[diagnostic::on_unimplemented(
    message = "`Page::action` names a route with path captures",
    label = "the route's path has captures",
    note = "pass their values, of the type the handler's `Path<T>` reads: `p.action_with::<route>(values)?`"
)]
pub trait NoCaptures {
    /// The route's action in each page syntax ([`PageSyntax::ALL`]'s order), as the text
    /// before and after the prefix it is mounted under: `("$$put('", "/put')")`. Spelled
    /// when the attribute compiled, so rendering an action copies three constant strings,
    /// as the same action written by hand would.
    const ACTIONS: [(&'static str, &'static str); PageSyntax::ALL.len()];
}

/// A value that fills the path captures of route `R`: the route attribute implements it for
/// the `T` of the handler's `Path<T>` (a `String` per capture when the handler reads none),
/// so a page and its handler agree on the type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not what the path captures of route `{R}` are filled from",
    label = "not the type the handler reads with `Path<T>`",
    note = "pass a value of the `T` in the handler's `Path<T>`, or a `String` per capture when it reads none"
)]
pub trait PathCaptures<R> {}

/// `docs/pages.md`'s examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/pages.md")]
pub struct PagesGuide;
