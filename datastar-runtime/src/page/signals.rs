//! Typed signals: references to each signal for binds and expressions, from the struct
//! the handler reads with [`Signals<T>`](crate::Signals).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};

use datastar_syntax::PageSyntax;
use maud::Render;
use serde::Serialize;

/// A struct whose fields are a page's signals: implemented by `#[derive(Signals)]`, which
/// also writes its [`Refs`](TypedSignals::Refs), one [`Signal`] per field. A page gets
/// them with [`Page::signals`](super::Page::signals), spelled for its generation.
///
/// ```
/// use datastar_runtime::page::{Page, PageSyntax};
/// use datastar_runtime::{Dialect, Signals};
/// #[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
/// struct Form {
///     input: String,
///     show: bool,
/// }
/// let s = Page::new(Dialect::V1, "").signals::<Form>();
/// assert_eq!(s.input.path(), "input");
/// assert_eq!(datastar_runtime::maud::html! { (s.show) }.into_string(), "$show");
/// let old = Page::new(Dialect::V021, "").signals::<Form>();
/// assert_eq!(datastar_runtime::maud::html! { (old.show) }.into_string(), "show.value");
/// ```
pub trait TypedSignals: Serialize {
    /// One [`Signal`] per field, under the field's name (nested structs: their own refs).
    type Refs;

    /// The references, each path under `parent` (a nested struct's field, or the root).
    fn refs_at(parent: &Signal) -> Self::Refs;

    /// Appends the value as the page's initial signals
    /// ([`InitialSignals`](super::InitialSignals) says how it is spelled). The derive writes
    /// each key as a literal and only serialises values it has no faster writer for; the
    /// default goes through serde. An error means the value's `Serialize` failed.
    fn write_initial(&self, buffer: &mut String) -> fmt::Result {
        super::initial::write_serialized(self, buffer)
    }
}

/// A page may render borrowed signals: `data-signals=(note)` with `note: &Note`.
impl<T: TypedSignals> TypedSignals for &T {
    type Refs = T::Refs;

    fn refs_at(parent: &Signal) -> Self::Refs {
        T::refs_at(parent)
    }

    fn write_initial(&self, buffer: &mut String) -> fmt::Result {
        T::write_initial(self, buffer)
    }
}

/// One signal of a page: rendered as its generation reads it in an expression (`$path`;
/// 0.21: `path.value`), and as its bare path where a page binds it (`data-bind=(s.input)`).
///
/// A `Signal` is `Copy`: its path is a `&'static str`, so a top-level reference costs
/// nothing to make and the compiler sees its text where the page renders it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Signal {
    path: &'static str,
    syntax: PageSyntax,
}

impl Signal {
    /// The root, whose children are the top-level signals of a page in `syntax`.
    pub const fn root(syntax: PageSyntax) -> Signal {
        Signal { path: "", syntax }
    }

    /// The signal `name` under `parent`: `address.city`, or `city` under the root.
    ///
    /// A nested path is joined the first time it is asked for and kept for the life of the
    /// process. There are only as many as the program has nested fields: names come from
    /// `#[derive(Signals)]`, as `&'static str`.
    #[inline]
    pub fn child(parent: &Signal, name: &'static str) -> Signal {
        Signal {
            path: if parent.path.is_empty() {
                name
            } else {
                joined(parent.path, name)
            },
            syntax: parent.syntax,
        }
    }

    /// The dotted path, without the `$`.
    #[inline]
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// Whether the client keeps the signal to itself: a path segment that starts with `_`
    /// (0.19, 0.21 and 1.0 alike never send it to the server).
    pub fn is_local(&self) -> bool {
        self.path.split('.').any(|segment| segment.starts_with('_'))
    }
}

impl Render for Signal {
    #[inline(always)]
    fn render_to(&self, buffer: &mut String) {
        // Field names are Rust identifiers: nothing to escape.
        match self.syntax {
            PageSyntax::V021 => {
                buffer.push_str(self.path);
                buffer.push_str(".value");
            }
            PageSyntax::V019 | PageSyntax::V1 => {
                buffer.push('$');
                buffer.push_str(self.path);
            }
        }
    }
}

/// `parent.name`, joined the first time it is asked for and then shared: a nested
/// reference is made each time a page asks for its signals, and this keeps it a copy.
fn joined(parent: &'static str, name: &'static str) -> &'static str {
    type Joined = HashMap<(&'static str, &'static str), &'static str>;
    static JOINED: OnceLock<Mutex<Joined>> = OnceLock::new();
    let mut joined = JOINED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    joined
        .entry((parent, name))
        .or_insert_with(|| Box::leak(format!("{parent}.{name}").into_boxed_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_local_paths() {
        for (syntax, expected) in [
            (PageSyntax::V019, "$address.city"),
            (PageSyntax::V021, "address.city.value"),
        ] {
            let address = Signal::child(&Signal::root(syntax), "address");
            let city = Signal::child(&address, "city");
            assert_eq!(city.path(), "address.city");
            assert!(!city.is_local());
            assert!(Signal::child(&address, "_open").is_local());
            let mut out = String::new();
            city.render_to(&mut out);
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn a_nested_path_is_joined_once_and_shared() {
        let address = Signal::child(&Signal::root(PageSyntax::V1), "address");
        let first = Signal::child(&address, "street").path();
        let again = Signal::child(&address, "street").path();
        assert_eq!(first, "address.street");
        assert!(std::ptr::eq(first, again), "the second ask reuses the first join");
        assert_eq!(Signal::child(&address, "zip").path(), "address.zip");
    }
}
