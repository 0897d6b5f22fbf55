//! Typed signals: the page's initial signals, and references to each signal for binds and
//! expressions, from the struct the handler reads with [`Signals<T>`](crate::Signals).

use std::borrow::Cow;
use std::io;

use maud::Render;
use serde::Serialize;

/// A struct whose fields are a page's signals: implemented by `#[derive(Signals)]`, which
/// also writes its [`Refs`](TypedSignals::Refs), one [`Signal`] per field.
///
/// ```
/// use datastar_runtime::Signals;
/// use datastar_runtime::page::TypedSignals;
/// #[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
/// struct Form {
///     input: String,
///     show: bool,
/// }
/// let s = Form::signals();
/// assert_eq!(s.input.path(), "input");
/// assert_eq!(datastar_runtime::maud::html! { (s.show) }.into_string(), "$show");
/// ```
pub trait TypedSignals: Serialize {
    /// One [`Signal`] per field, under the field's name (nested structs: their own refs).
    type Refs;

    /// The references, each path under `parent` (a nested struct's field) or at the top.
    fn refs_at(parent: Option<&Signal>) -> Self::Refs;

    /// The references to the top-level signals.
    fn signals() -> Self::Refs {
        Self::refs_at(None)
    }
}

/// One signal of a page: rendered as `$path` in an expression, and as its bare path where
/// a page binds it (`data-bind=(s.input)`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signal {
    path: Cow<'static, str>,
}

impl Signal {
    /// The signal `name` under `parent`: `address.city`, or `city` at the top.
    pub fn child(parent: Option<&Signal>, name: &'static str) -> Signal {
        Signal {
            path: match parent {
                None => Cow::Borrowed(name),
                Some(parent) => Cow::Owned(format!("{}.{name}", parent.path)),
            },
        }
    }

    /// The dotted path, without the `$`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the client keeps the signal to itself: a path segment that starts with `_`
    /// (0.19, 0.21 and 1.0 alike never send it to the server).
    pub fn is_local(&self) -> bool {
        self.path.split('.').any(|segment| segment.starts_with('_'))
    }
}

impl Render for Signal {
    fn render_to(&self, buffer: &mut String) {
        buffer.push('$');
        // Field names are Rust identifiers: nothing to escape.
        buffer.push_str(&self.path);
    }
}

/// A page's initial signals (what `data-signals=(form)` renders): the value as a JSON
/// object whose strings cannot leave their attribute.
///
/// Every client evaluates the attribute as a JavaScript expression after rewriting `$name`
/// and `@action(` (0.19: `$$action(`) in its text, strings included; so `$`, `@`, `'`,
/// `<`, `>` and `&` in strings are written as `\u00XX` escapes, which JSON and JavaScript
/// read back as the same characters, and `"` is written as `&quot;`.
pub struct InitialSignals<'a, T>(pub &'a T);

impl<T: Serialize> Render for InitialSignals<'_, T> {
    fn render_to(&self, buffer: &mut String) {
        let start = buffer.len();
        let mut serializer = serde_json::Serializer::with_formatter(AttributeText(buffer), InertStrings);
        if self.0.serialize(&mut serializer).is_err() {
            // Only a hand-written `Serialize` can fail here; an empty object keeps the
            // attribute well formed, and the handler's `Signals<T>` reports what is missing.
            buffer.truncate(start);
            buffer.push_str("{}");
        }
    }
}

/// Writes JSON text into an attribute value.
struct AttributeText<'a>(&'a mut String);

impl io::Write for AttributeText<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let text = std::str::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        for (i, part) in text.split('"').enumerate() {
            if i > 0 {
                self.0.push_str("&quot;");
            }
            self.0.push_str(part);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// JSON whose strings hold none of the characters a client or an HTML parser acts on.
struct InertStrings;

impl serde_json::ser::Formatter for InertStrings {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(['$', '@', '\'', '<', '>', '&']) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", rest.as_bytes()[at])?;
            rest = &rest[at + 1..];
        }
        writer.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered<T: Serialize>(value: &T) -> String {
        let mut out = String::new();
        InitialSignals(value).render_to(&mut out);
        out
    }

    #[test]
    fn strings_cannot_leave_the_attribute_or_become_expressions() {
        let out = rendered(&serde_json::json!({ "input": "it's \"q\" </script> $x @get('/') & é" }));
        assert_eq!(
            out,
            "{&quot;input&quot;:&quot;it\\u0027s \\&quot;q\\&quot; \\u003c/script\\u003e \\u0024x \\u0040get(\\u0027/\\u0027) \\u0026 é&quot;}"
        );
        let decoded = out.replace("&quot;", "\"");
        let back: serde_json::Value = serde_json::from_str(&decoded).unwrap();
        assert_eq!(back["input"], "it's \"q\" </script> $x @get('/') & é");
    }

    #[test]
    fn nested_and_local_paths() {
        let address = Signal::child(None, "address");
        let city = Signal::child(Some(&address), "city");
        assert_eq!(city.path(), "address.city");
        assert!(!city.is_local());
        assert!(Signal::child(Some(&address), "_open").is_local());
        let mut out = String::new();
        city.render_to(&mut out);
        assert_eq!(out, "$address.city");
    }
}
