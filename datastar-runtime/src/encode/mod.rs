//! The four server protocols Datastar clients have spoken, and the encoder for each.
//!
//! An [`Event`] says what to do; a [`Dialect`] says how one client generation wants to hear
//! it. For each event the encoder writes exactly what that client expects, writes a
//! documented equivalent, or returns a typed [`EncodeError`]; it never writes bytes a client
//! would reject or misread. On error nothing is written.
//!
//! | event | 2024 | 0.19 | 0.21 | 1.0 |
//! |---|---|---|---|---|
//! | patch elements | `datastar-fragment` | `datastar-fragment` | `datastar-merge-fragments` | `datastar-patch-elements` |
//! | patch signals | `upsert_attributes` of `data-store` on the dialect's store element | `datastar-signal` | `datastar-merge-signals` | `datastar-patch-signals` |
//! | remove elements | `delete_element` | `datastar-delete` | `datastar-remove-fragments` | mode `remove` |
//! | remove signals | error | `datastar-delete` paths | `datastar-remove-signals` | patch with `null`s |
//! | execute script | error | error | `datastar-execute-script` | `<script>` appended to `body` |
//! | redirect | `datastar-redirect` | `datastar-redirect` | script | script |
//! | console | error | `datastar-console` | script | script |
//!
//! Each dialect module's documentation says what was checked against the published client
//! and which equivalents and errors follow from it. A line break in a single-line field
//! (selector, event id, signal path, URL, attribute name) is always
//! [`EncodeError::LineBreak`], whatever else is wrong with the event.
//!
//! ```
//! use datastar_runtime::{Dialect, EncodeError, Event, Mode, PatchElements};
//! let event = Event::from(PatchElements::new("<li id=\"n\">new</li>").selector("#list").mode(Mode::Append));
//! let mut buf = bytes::BytesMut::new();
//! Dialect::V019.encode(&event, &mut buf).unwrap();
//! assert_eq!(
//!     &buf[..],
//!     b"event: datastar-fragment\ndata: selector #list\ndata: merge append\ndata: vt false\n\
//!       data: fragment <li id=\"n\">new</li>\n\n"
//! );
//! let mut buf = bytes::BytesMut::new();
//! let injected = Event::from(PatchElements::new("<p>x</p>").selector("#a\n\nevent: evil"));
//! assert_eq!(Dialect::V1.encode(&injected, &mut buf), Err(EncodeError::LineBreak { field: "selector" }));
//! assert!(buf.is_empty());
//! ```

pub(crate) mod html;
pub mod js;
pub(crate) mod sse;
mod v019;
mod v021;
mod v1;
mod v2024;

use std::fmt;

use bytes::{Bytes, BytesMut};

use crate::event::Event;

/// A Datastar client generation's server protocol.
///
/// ```
/// use datastar_runtime::{Dialect, Event, PatchElements};
/// let mut buf = bytes::BytesMut::new();
/// Dialect::V1.encode(&PatchElements::new("<div id=\"a\">1</div>").into(), &mut buf).unwrap();
/// assert_eq!(&buf[..], b"event: datastar-patch-elements\ndata: elements <div id=\"a\">1</div>\n\n");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// The 2024 fragment protocol (clients up to about 0.18; the seed pages' dialect).
    /// It has no signals event: signals are patched as `upsert_attributes` of `data-store`
    /// on the element `store` selects (for example `#main`); without it they are an error.
    Fragment2024 {
        /// Selector of the element carrying `data-store`.
        store: Option<&'static str>,
    },
    /// `@sudodevnull/datastar` 0.19.
    V019,
    /// The merge-fragments protocol of 0.20, 0.21 and 1.0.0-beta.
    V021,
    /// Datastar 1.0 (the default).
    #[default]
    V1,
}

impl Dialect {
    /// The 2024 dialect with no store element.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, EncodeError, PatchSignals};
    /// let mut buf = bytes::BytesMut::new();
    /// let signals = PatchSignals::raw("{\"n\":1}").into();
    /// assert!(matches!(
    ///     Dialect::FRAGMENT_2024.encode(&signals, &mut buf),
    ///     Err(EncodeError::Unsupported { .. })
    /// ));
    /// Dialect::Fragment2024 { store: Some("#main") }.encode(&signals, &mut buf).unwrap();
    /// assert!(buf.ends_with(b"data: fragment <div data-store=\"{&quot;n&quot;:1}\"></div>\n\n"));
    /// ```
    pub const FRAGMENT_2024: Dialect = Dialect::Fragment2024 { store: None };

    /// Encodes one event, appending it to `buf`. On error `buf` is left as it was.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Event, Redirect};
    /// let mut buf = bytes::BytesMut::from(&b"earlier bytes "[..]);
    /// Dialect::V019.encode(&Redirect::new("/done").into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"earlier bytes event: datastar-redirect\ndata: url /done\n\n");
    /// assert!(Dialect::V019.encode(&Event::from(Redirect::new("/a\r")), &mut buf).is_err());
    /// assert!(buf.ends_with(b"/done\n\n"));
    /// ```
    pub fn encode(self, event: &Event, buf: &mut BytesMut) -> Result<(), EncodeError> {
        let start = buf.len();
        let result = match self {
            Dialect::Fragment2024 { store } => v2024::encode(event, store, buf),
            Dialect::V019 => v019::encode(event, buf),
            Dialect::V021 => v021::encode(event, buf),
            Dialect::V1 => v1::encode(event, buf),
        };
        if result.is_err() {
            buf.truncate(start);
        }
        result
    }

    /// Encodes `events` into a buffer of their own, sized from them so it is allocated once.
    pub(crate) fn encode_bytes(self, events: &[Event]) -> Result<Bytes, EncodeError> {
        let mut buf = BytesMut::with_capacity(events.iter().map(Event::encoded_size_hint).sum());
        for event in events {
            self.encode(event, &mut buf)?;
        }
        Ok(buf.freeze())
    }

    /// Parses a dialect name as used on command lines: `2024`, `0.19`, `0.21`, `1.0`
    /// (also `1`, `v1`, `0.20`, `1.0-beta`).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// assert_eq!(Dialect::from_name("0.19"), Some(Dialect::V019));
    /// assert_eq!(Dialect::from_name("nope"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Dialect> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "2024" | "fragment" => Dialect::FRAGMENT_2024,
            "0.19" | "019" => Dialect::V019,
            "0.20" | "0.21" | "021" | "1.0-beta" | "beta" => Dialect::V021,
            "1" | "1.0" | "v1" => Dialect::V1,
            _ => return None,
        })
    }

    /// A short name for messages: `2024`, `0.19`, `0.21`, `1.0`.
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// assert_eq!(Dialect::V021.name(), "0.21");
    /// assert_eq!(Dialect::V1.to_string(), "Datastar 1.0 dialect");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Fragment2024 { .. } => "2024",
            Dialect::V019 => "0.19",
            Dialect::V021 => "0.21",
            Dialect::V1 => "1.0",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Datastar {} dialect", self.name())
    }
}

/// Why an event could not be encoded.
///
/// ```
/// use datastar_runtime::{Dialect, EncodeError, ExecuteScript};
/// let mut buf = bytes::BytesMut::new();
/// let err = Dialect::V019.encode(&ExecuteScript::new("go()").into(), &mut buf).unwrap_err();
/// assert!(matches!(err, EncodeError::Unsupported { dialect: Dialect::V019, .. }));
/// assert!(err.to_string().starts_with("the Datastar 0.19 dialect cannot express running scripts"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// A single-line field (selector, id, path, URL, attribute name) contains CR or LF,
    /// which would end the SSE line and could inject lines or events.
    LineBreak {
        /// Which field.
        field: &'static str,
    },
    /// The dialect cannot express this feature.
    Unsupported {
        /// The dialect.
        dialect: Dialect,
        /// What it cannot express.
        feature: &'static str,
        /// What to do instead.
        help: &'static str,
    },
    /// An attribute name that is not a valid HTML attribute name.
    InvalidAttributeName {
        /// The name.
        name: String,
    },
    /// A value every client rejects when empty (a removal's selector, a signal path) or
    /// a patch with nothing a client can apply.
    Empty {
        /// Which field.
        field: &'static str,
    },
    /// A NUL character where SSE clients ignore the whole field (the event id).
    Nul {
        /// Which field.
        field: &'static str,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::LineBreak { field } => write!(
                f,
                "the {field} contains a line break (CR or LF), which would corrupt the event stream"
            ),
            EncodeError::Unsupported { dialect, feature, help } => {
                write!(f, "the {dialect} cannot express {feature}; {help}")
            }
            EncodeError::InvalidAttributeName { name } => {
                write!(
                    f,
                    "`{name}` is not a valid HTML attribute name (use letters, digits, `-`, `_`, `.` and `:`, \
                     starting with a letter, `_` or `:`)"
                )
            }
            EncodeError::Empty { field } => write!(f, "the {field} is empty, which the client cannot apply"),
            EncodeError::Nul { field } => {
                write!(
                    f,
                    "the {field} contains a NUL character, which makes SSE clients ignore it"
                )
            }
        }
    }
}

impl std::error::Error for EncodeError {}

/// Checks an attribute name: one that both the HTML tokenizer and the DOM's
/// `setAttribute` (which the 0.21 client calls) accept the same way. XML's name rule is
/// the strictest of the two: a letter, `_` or `:` first, then letters, digits, `-`, `_`,
/// `.` or `:`.
pub(crate) fn attribute_name(name: &str) -> Result<(), EncodeError> {
    crate::encode::sse::single_line("attribute name", name)?;
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    if !valid {
        return Err(EncodeError::InvalidAttributeName { name: name.to_owned() });
    }
    Ok(())
}

/// Writes an attribute value between double quotes, escaped so it cannot end early and
/// keeps its line breaks (`&#13;` is the one way to carry a CR through the HTML parser).
pub(crate) fn push_attribute_value(out: &mut String, value: &str) {
    let mut copied = 0;
    for (at, b) in value.bytes().enumerate() {
        let reference = match b {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\n' => "&#10;",
            b'\r' => "&#13;",
            _ => continue,
        };
        out.push_str(&value[copied..at]);
        out.push_str(reference);
        copied = at + 1;
    }
    out.push_str(&value[copied..]);
}

/// [`push_attribute_value`] into a byte buffer.
pub(crate) fn put_attribute_value(buf: &mut BytesMut, value: &str) {
    let mut copied = 0;
    for (at, b) in value.bytes().enumerate() {
        let reference: &[u8] = match b {
            b'&' => b"&amp;",
            b'"' => b"&quot;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\n' => b"&#10;",
            b'\r' => b"&#13;",
            _ => continue,
        };
        buf.extend_from_slice(&value.as_bytes()[copied..at]);
        buf.extend_from_slice(reference);
        copied = at + 1;
    }
    buf.extend_from_slice(&value.as_bytes()[copied..]);
}

/// The length [`push_attribute_value`] writes for `value`, so one allocation holds it.
pub(crate) fn attribute_value_len(value: &str) -> usize {
    value.len()
        + value
            .bytes()
            .map(|b| match b {
                b'&' => 4,
                b'"' => 5,
                b'<' | b'>' | b'\n' | b'\r' => 4,
                _ => 0,
            })
            .sum::<usize>()
}

/// The `<script>` element that carries a script where the dialect has no script event.
///
/// The script text goes in as written except for `</script` and `<!--`, which would end
/// the element early or hide its end tag; they become `<\/script` and `<\!--`, the same
/// text inside the strings, template literals, regular expressions and comments where
/// they appear in real scripts.
pub(crate) fn script_element(script: &crate::ExecuteScript) -> Result<String, EncodeError> {
    let attributes: usize = script
        .attributes
        .iter()
        .map(|(name, value)| name.len() + attribute_value_len(value) + 4)
        .sum();
    // A backslash may follow every `<` of the text.
    let text = script.script.len() + memchr::memchr_iter(b'<', script.script.as_bytes()).count();
    let mut html = String::with_capacity(7 + attributes + 26 + 1 + text + 9);
    html.push_str("<script");
    for (name, value) in &script.attributes {
        attribute_name(name)?;
        html.push(' ');
        html.push_str(name);
        html.push_str("=\"");
        push_attribute_value(&mut html, value);
        html.push('"');
    }
    if script.auto_remove {
        html.push_str(" data-effect=\"el.remove()\"");
    }
    html.push('>');
    push_script_text(&mut html, &script.script);
    html.push_str("</script>");
    Ok(html)
}

fn push_script_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let closes = rest.len() >= 7 && rest[0] == b'/' && rest[1..7].eq_ignore_ascii_case(b"script");
        if closes || rest.starts_with(b"!--") {
            out.push_str(&text[copied..=at]);
            out.push('\\');
            copied = at + 1;
        }
    }
    out.push_str(&text[copied..]);
}

/// The JavaScript that navigates to `url`.
pub(crate) fn redirect_script(url: &str) -> String {
    format!(
        "setTimeout(() => window.location.href = {})",
        crate::encode::js::js_string(url)
    )
}

/// The JavaScript that writes a console message.
pub(crate) fn console_script(message: &crate::ConsoleMessage) -> String {
    format!(
        "console.{}({})",
        message.level.as_str(),
        crate::encode::js::js_string(&message.message)
    )
}

/// The JSON merge patch that deletes these dotted signal paths. Removing a signal removes
/// everything under it, so a path below one already removed adds nothing.
pub(crate) fn null_patch(paths: &[crate::event::Text]) -> Result<String, EncodeError> {
    signal_paths(paths)?;
    let mut root = serde_json::Map::new();
    for path in paths {
        let mut node = &mut root;
        let mut parts = path.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                node.insert(part.to_owned(), serde_json::Value::Null);
                break;
            }
            let child = node
                .entry(part.to_owned())
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            match child {
                serde_json::Value::Object(map) => node = map,
                // An ancestor is removed already.
                _ => break,
            }
        }
    }
    Ok(serde_json::Value::Object(root).to_string())
}

/// Checks signal paths: no line breaks, none empty.
pub(crate) fn signal_paths(paths: &[crate::event::Text]) -> Result<(), EncodeError> {
    for path in paths {
        crate::encode::sse::single_line("signal path", path)?;
    }
    if paths.iter().any(|path| path.is_empty()) {
        return Err(EncodeError::Empty { field: "signal path" });
    }
    Ok(())
}

/// The selector of a patch, where an empty one means none (every client falls back to the
/// elements' ids for an empty selector).
pub(crate) fn patch_selector(patch: &crate::PatchElements) -> Option<&str> {
    patch.selector.as_deref().filter(|s| !s.is_empty())
}

/// The selector of a removal, which every client needs.
pub(crate) fn removal_selector(selector: &str) -> Result<&str, EncodeError> {
    crate::encode::sse::single_line("selector", selector)?;
    if selector.is_empty() {
        return Err(EncodeError::Empty { field: "selector" });
    }
    Ok(selector)
}
