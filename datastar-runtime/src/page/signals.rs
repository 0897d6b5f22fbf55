//! Typed signals: the page's initial signals, and references to each signal for binds and
//! expressions, from the struct the handler reads with [`Signals<T>`](crate::Signals).

use std::borrow::Cow;
use std::io;

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
}

/// A page may render borrowed signals: `data-signals=(note)` with `note: &Note`.
impl<T: TypedSignals> TypedSignals for &T {
    type Refs = T::Refs;

    fn refs_at(parent: &Signal) -> Self::Refs {
        T::refs_at(parent)
    }
}

/// One signal of a page: rendered as its generation reads it in an expression (`$path`;
/// 0.21: `path.value`), and as its bare path where a page binds it (`data-bind=(s.input)`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signal {
    path: Cow<'static, str>,
    syntax: PageSyntax,
}

impl Signal {
    /// The root, whose children are the top-level signals of a page in `syntax`.
    pub const fn root(syntax: PageSyntax) -> Signal {
        Signal {
            path: Cow::Borrowed(""),
            syntax,
        }
    }

    /// The signal `name` under `parent`: `address.city`, or `city` under the root.
    pub fn child(parent: &Signal, name: &'static str) -> Signal {
        Signal {
            path: if parent.path.is_empty() {
                Cow::Borrowed(name)
            } else {
                Cow::Owned(format!("{}.{name}", parent.path))
            },
            syntax: parent.syntax,
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
        // Field names are Rust identifiers: nothing to escape.
        match self.syntax {
            PageSyntax::V021 => {
                buffer.push_str(&self.path);
                buffer.push_str(".value");
            }
            PageSyntax::V019 | PageSyntax::V1 => {
                buffer.push('$');
                buffer.push_str(&self.path);
            }
        }
    }
}

/// A page's initial signals (what `data-signals=(form)` renders): the value as a
/// JavaScript object expression in the seeds' style, `{ input: "", show: false }`, whose
/// strings cannot leave their attribute.
///
/// Every client evaluates the attribute as a JavaScript expression after rewriting `$name`
/// and `@action(` (0.19: `$$action(`) in its text, strings included, and splits it at
/// `;`; so `$`, `@`, `'`, `;`, `<`, `>` and `&` in strings are written as `\u00XX` escapes, which JavaScript reads
/// back as the same characters, and `"` is written as `&quot;`. Keys that are not
/// identifiers are quoted.
pub struct InitialSignals<'a, T>(pub &'a T);

impl<T: Serialize> Render for InitialSignals<'_, T> {
    fn render_to(&self, buffer: &mut String) {
        let start = buffer.len();
        let formatter = ObjectExpression {
            key: String::new(),
            in_key: false,
            just_opened: false,
        };
        let mut serializer = serde_json::Serializer::with_formatter(AttributeText(buffer), formatter);
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
        let mut rest = text;
        while let Some(at) = memchr::memchr(b'"', rest.as_bytes()) {
            self.0.push_str(&rest[..at]);
            self.0.push_str("&quot;");
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A JavaScript object expression whose strings hold none of the characters a client or
/// an HTML parser acts on.
struct ObjectExpression {
    /// The key being written, while `in_key`: written bare or quoted once it is whole (one
    /// buffer for every key, so a key costs no allocation).
    key: String,
    in_key: bool,
    /// Whether the last thing written opened an object (so `}` closes it empty).
    just_opened: bool,
}

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn write_inert<W: ?Sized + io::Write>(writer: &mut W, fragment: &str) -> io::Result<()> {
    let mut rest = fragment;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'$' | b'@' | b'\'' | b';' | b'<' | b'>' | b'&'))
    {
        writer.write_all(&rest.as_bytes()[..at])?;
        write!(writer, "\\u{:04x}", rest.as_bytes()[at])?;
        rest = &rest[at + 1..];
    }
    writer.write_all(rest.as_bytes())
}

impl serde_json::ser::Formatter for ObjectExpression {
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.just_opened = true;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let close: &[u8] = if self.just_opened { b"}" } else { b" }" };
        self.just_opened = false;
        writer.write_all(close)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.just_opened = false;
        self.in_key = true;
        self.key.clear();
        writer.write_all(if first { b" " } else { b", " })
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.in_key = false;
        let key = &self.key;
        if is_identifier(key) {
            writer.write_all(key.as_bytes())
        } else {
            let quoted = serde_json::to_string(key).map_err(io::Error::other)?;
            writer.write_all(b"\"")?;
            write_inert(writer, &quoted[1..quoted.len() - 1])?;
            writer.write_all(b"\"")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_string<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if self.in_key { Ok(()) } else { writer.write_all(b"\"") }
    }

    fn end_string<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if self.in_key { Ok(()) } else { writer.write_all(b"\"") }
    }

    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if self.in_key {
            self.key.push_str(fragment);
            Ok(())
        } else {
            write_inert(writer, fragment)
        }
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> io::Result<()> {
        if self.in_key {
            // A key's escapes are written again when the whole key is.
            self.key.push(char_of(escape));
            Ok(())
        } else {
            serde_json::ser::CompactFormatter.write_char_escape(writer, escape)
        }
    }
}

/// The character a JSON escape stands for.
fn char_of(escape: serde_json::ser::CharEscape) -> char {
    use serde_json::ser::CharEscape;
    match escape {
        CharEscape::Quote => '"',
        CharEscape::ReverseSolidus => '\\',
        CharEscape::Solidus => '/',
        CharEscape::Backspace => '\u{8}',
        CharEscape::FormFeed => '\u{c}',
        CharEscape::LineFeed => '\n',
        CharEscape::CarriageReturn => '\r',
        CharEscape::Tab => '\t',
        CharEscape::AsciiControl(byte) => char::from(byte),
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
    fn the_seed_s_object_expression() {
        #[derive(Serialize)]
        struct Form {
            input: &'static str,
            show: bool,
        }
        let out = rendered(&Form { input: "", show: false });
        assert_eq!(out, "{ input: &quot;&quot;, show: false }");
        let nested = rendered(&serde_json::json!({ "a b": { "c": [1, 2] }, "e": {} }));
        assert_eq!(nested, "{ &quot;a b&quot;: { c: [1, 2] }, e: {} }");
    }

    #[test]
    fn strings_cannot_leave_the_attribute_or_become_expressions() {
        let text = "it's \"q\" </script> $x @get('/') & é\n";
        let out = rendered(&serde_json::json!({ "input": text }));
        assert_eq!(
            out,
            "{ input: &quot;it\\u0027s \\&quot;q\\&quot; \\u003c/script\\u003e \\u0024x \\u0040get(\\u0027/\\u0027) \\u0026 é\\n&quot; }"
        );
        assert!(!out.contains(['\'', '<', '>', '"']), "{out}");
        let json = out.replace("&quot;", "\"").replace("{ input:", "{ \"input\":");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["input"], text);
    }

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
}
