//! A page's initial signals: a value written as the JavaScript object expression that
//! `data-signals` holds, `{ input: &quot;&quot;, show: false }`.
//!
//! Two writers give the same text: serde's, for any value, and the one `#[derive(Signals)]`
//! generates, which writes its keys as literals and hands each value to the fastest writer
//! its type has (autoref dispatch, as in `__private`: [`SignalValue`] for the types written
//! by hand, else [`SerializedValue`]).

use std::fmt::{self, Write as _};
use std::io;

use datastar_syntax::{push_signal_key, push_signal_string};
use maud::Render;
use serde::Serialize;

use super::TypedSignals;

/// A page's initial signals (what `data-signals=(form)` renders): the value as a
/// JavaScript object expression in the seeds' style, `{ input: "", show: false }`, whose
/// strings cannot leave their attribute.
///
/// Every client evaluates the attribute as a JavaScript expression after rewriting `$name`
/// and `@action(` (0.19: `$$action(`) in its text, strings included, and splits it at
/// `;`; so `$`, `@`, `'`, `;`, `<`, `>` and `&` in strings are written as `\u00XX` escapes,
/// which JavaScript reads back as the same characters, and `"` is written as `&quot;`.
/// Keys that are not identifiers are quoted.
///
/// ```
/// use datastar_runtime::page::InitialSignals;
/// let value = serde_json::json!({ "input": "it's", "n": 2 });
/// assert_eq!(
///     datastar_runtime::maud::html! { (InitialSignals(&value)) }.into_string(),
///     "{ input: &quot;it\\u0027s&quot;, n: 2 }"
/// );
/// ```
pub struct InitialSignals<'a, T>(pub &'a T);

impl<T: Serialize> Render for InitialSignals<'_, T> {
    fn render_to(&self, buffer: &mut String) {
        whole(buffer, |buffer| write_serialized(self.0, buffer));
    }
}

/// What `data-signals=(value)` in a [`page!`](crate::page!) renders: the value's
/// [`TypedSignals::write_initial`].
pub struct Derived<'a, T>(pub(crate) &'a T);

impl<T: TypedSignals> Render for Derived<'_, T> {
    fn render_to(&self, buffer: &mut String) {
        whole(buffer, |buffer| self.0.write_initial(buffer));
    }
}

/// Runs `write`; if it fails, which only a hand-written `Serialize` can, an empty object
/// keeps the attribute well formed, and the handler's `Signals<T>` reports what is missing.
fn whole(buffer: &mut String, write: impl FnOnce(&mut String) -> fmt::Result) {
    let start = buffer.len();
    if write(buffer).is_err() {
        buffer.truncate(start);
        buffer.push_str("{}");
    }
}

/// Appends `value` through serde.
pub(super) fn write_serialized<T: Serialize + ?Sized>(value: &T, buffer: &mut String) -> fmt::Result {
    let formatter = ObjectExpression::default();
    let mut serializer = serde_json::Serializer::with_formatter(Utf8(buffer), formatter);
    value.serialize(&mut serializer).map_err(|_| fmt::Error)
}

/// One field's value, as the derive hands it over: `(&Value(&self.field)).datastar_signal_value(buffer)`.
pub struct Value<'a, T: ?Sized>(pub &'a T);

/// First choice: a type whose initial text is written without serde.
pub trait SignalValue {
    /// Appends the value.
    fn datastar_signal_value(&self, buffer: &mut String) -> fmt::Result;
}

/// Otherwise: serde.
pub trait SerializedValue {
    /// Appends the value.
    fn datastar_signal_value(&self, buffer: &mut String) -> fmt::Result;
}

impl<T: Serialize + ?Sized> SerializedValue for &Value<'_, T> {
    fn datastar_signal_value(&self, buffer: &mut String) -> fmt::Result {
        write_serialized(self.0, buffer)
    }
}

/// Strings, however the field holds them.
macro_rules! strings {
    ($($ty:ty)*) => {$(
        impl SignalValue for Value<'_, $ty> {
            fn datastar_signal_value(&self, buffer: &mut String) -> fmt::Result {
                push_signal_string(self.0, buffer);
                Ok(())
            }
        }
    )*};
}
strings!(str String &str);

impl SignalValue for Value<'_, bool> {
    fn datastar_signal_value(&self, buffer: &mut String) -> fmt::Result {
        buffer.push_str(if *self.0 { "true" } else { "false" });
        Ok(())
    }
}

/// Integers read the same in JSON and in Rust's `Display`.
macro_rules! integers {
    ($($ty:ty)*) => {$(
        impl SignalValue for Value<'_, $ty> {
            fn datastar_signal_value(&self, buffer: &mut String) -> fmt::Result {
                write!(buffer, "{}", self.0)
            }
        }
    )*};
}
integers!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize);

/// serde_json's output is UTF-8; it reaches the `String` through `io::Write`.
struct Utf8<'a>(&'a mut String);

impl io::Write for Utf8<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let text = std::str::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        self.0.push_str(text);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A JavaScript object expression: keys bare where they can be, strings (keys included)
/// collected whole and written by [`push_signal_string`], so every `"` the output holds is
/// `&quot;`.
#[derive(Default)]
struct ObjectExpression {
    /// The key or string being written (one buffer for all of them, so none allocates).
    text: String,
    /// Where `text` goes once whole (reused like `text`).
    spelled: String,
    in_key: bool,
    in_string: bool,
    /// Whether the last thing written opened an object (so `}` closes it empty).
    just_opened: bool,
}

impl ObjectExpression {
    fn flush_text<W: ?Sized + io::Write>(&mut self, writer: &mut W, key: bool) -> io::Result<()> {
        self.spelled.clear();
        if key {
            push_signal_key(&self.text, &mut self.spelled);
        } else {
            push_signal_string(&self.text, &mut self.spelled);
        }
        writer.write_all(self.spelled.as_bytes())
    }
}

/// A number or boolean inside a string: serde_json writes a map's non-string keys
/// between `begin_string` and `end_string`, so they join the text being collected.
macro_rules! scalars {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: $ty) -> io::Result<()> {
            if self.in_key || self.in_string {
                let mut digits = Vec::new();
                serde_json::ser::CompactFormatter.$method(&mut digits, value)?;
                self.text.push_str(std::str::from_utf8(&digits).map_err(io::Error::other)?);
                Ok(())
            } else {
                serde_json::ser::CompactFormatter.$method(writer, value)
            }
        }
    )*};
}

impl serde_json::ser::Formatter for ObjectExpression {
    scalars!(
        write_bool: bool, write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128,
        write_f32: f32, write_f64: f64
    );

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
        self.text.clear();
        writer.write_all(if first { b" " } else { b", " })
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.in_key = false;
        self.flush_text(writer, true)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_string<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        if !self.in_key {
            self.in_string = true;
            self.text.clear();
        }
        Ok(())
    }

    fn end_string<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if self.in_key {
            return Ok(());
        }
        self.in_string = false;
        self.flush_text(writer, false)
    }

    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, _writer: &mut W, fragment: &str) -> io::Result<()> {
        self.text.push_str(fragment);
        Ok(())
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        _writer: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> io::Result<()> {
        // Written again, by `push_signal_string`, when the whole text is.
        self.text.push(char_of(escape));
        Ok(())
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
    fn keys_that_are_not_strings_are_quoted_like_strings() {
        let map = std::collections::BTreeMap::from([(1u32, "a"), (20, "b")]);
        assert_eq!(
            rendered(&map),
            "{ &quot;1&quot;: &quot;a&quot;, &quot;20&quot;: &quot;b&quot; }"
        );
        // A reserved word is a property name JavaScript accepts bare.
        let flags = std::collections::BTreeMap::from([(true, 1.5f64)]);
        assert_eq!(rendered(&flags), "{ true: 1.5 }");
    }

    #[test]
    fn hand_written_values_read_as_serde_writes_them() {
        fn both<T: Serialize>(value: T)
        where
            for<'a> Value<'a, T>: SignalValue,
        {
            let mut fast = String::new();
            Value(&value).datastar_signal_value(&mut fast).unwrap();
            let mut serde = String::new();
            write_serialized(&value, &mut serde).unwrap();
            assert_eq!(fast, serde);
        }
        both(String::from("it's \"q\" </script> $x @ é\n\u{1}\u{7f}\\/"));
        both("");
        both(true);
        both(false);
        both(i64::MIN);
        both(u128::MAX);
        both(-7i8);
    }
}
