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
mod id;
mod signals;

pub use action::Action;
pub use datastar_syntax::{PageError, PageSyntax};
pub use id::Id;
pub use signals::{InitialSignals, Signal, TypedSignals};

use crate::encode::Dialect;
use crate::routing::Route;

/// Where a page is served: the dialect of the router its actions go to, and that router's
/// `routes![prefix = …]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page<'a> {
    dialect: Dialect,
    prefix: &'a str,
}

impl<'a> Page<'a> {
    /// A page whose actions go to routes served in `dialect` under `prefix` (`""` for none).
    pub const fn new(dialect: Dialect, prefix: &'a str) -> Self {
        Page { dialect, prefix }
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
    /// compile error here.
    pub fn action<R: Route>(&self) -> Action<'a> {
        const {
            assert!(
                !action::has_capture(R::ROUTE.path),
                "`Page::action` names a route with path captures; typed capture arguments are not supported yet"
            )
        };
        Action {
            syntax: self.syntax(),
            prefix: self.prefix,
            method: R::ROUTE.method,
            path: R::ROUTE.path,
        }
    }
}

/// The initial signals of `value`, as `data-signals=(value)` in a [`page!`](crate::page!)
/// renders them. Only `#[derive(Signals)]` structs are accepted.
#[doc(hidden)]
pub fn initial<T: TypedSignals>(value: &T) -> InitialSignals<'_, T> {
    InitialSignals(value)
}

/// `docs/pages.md`'s examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/pages.md")]
pub struct PagesGuide;
