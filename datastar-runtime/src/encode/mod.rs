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
//! | view-transition selector | error | error | error | `viewTransitionSelector` |
//!
//! Every dialect module has the same shape, one function per event kind, and takes its
//! mode words from [`Generation::word`]; what more than one dialect does the same way is
//! written once, beside them. Each dialect module's documentation says what was checked
//! against the published client and which equivalents and errors follow from it. A line break in a single-line field
//! (selector, event id, signal path, URL, attribute name) is always
//! [`EncodeError::LineBreak`], whatever else is wrong with the event.
//!
//! ```
//! use datastar_runtime::{Dialect, Event, Mode};
//! use datastar_runtime::encode::EncodeError;
//! use datastar_runtime::event::PatchElements;
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
mod script;
mod shared;
pub(crate) mod sse;
mod v019;
mod v021;
mod v1;
mod v2024;

use std::fmt;

use bytes::{Bytes, BytesMut};
pub use datastar_syntax::Generation;

use crate::event::{
    ConsoleMessage, Event, EventKind, ExecuteScript, PatchElements, PatchSignals, Redirect, RemoveElements,
    RemoveSignals,
};

/// A Datastar client generation's server protocol.
///
/// ```
/// use datastar_runtime::{Dialect, Event};
/// use datastar_runtime::event::PatchElements;
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
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::encode::EncodeError;
    /// use datastar_runtime::event::PatchSignals;
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
    /// use datastar_runtime::{Dialect, Event};
    /// use datastar_runtime::event::Redirect;
    /// let mut buf = bytes::BytesMut::from(&b"earlier bytes "[..]);
    /// Dialect::V019.encode(&Redirect::new("/done").into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"earlier bytes event: datastar-redirect\ndata: url /done\n\n");
    /// assert!(Dialect::V019.encode(&Event::from(Redirect::new("/a\r")), &mut buf).is_err());
    /// assert!(buf.ends_with(b"/done\n\n"));
    /// ```
    pub fn encode(self, event: &Event, buf: &mut BytesMut) -> Result<(), EncodeError> {
        let start = buf.len();
        let result = match self {
            Dialect::Fragment2024 { store } => encode_with(&v2024::Fragment2024 { store }, event, buf),
            Dialect::V019 => encode_with(&v019::V019, event, buf),
            Dialect::V021 => encode_with(&v021::V021, event, buf),
            Dialect::V1 => encode_with(&v1::V1, event, buf),
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

    /// The client generation this dialect speaks to, whose words it writes.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Mode, encode::Generation};
    /// assert_eq!(Dialect::V019.generation(), Generation::V019);
    /// assert_eq!(Dialect::V1.generation().word(Mode::Morph), Some("outer"));
    /// ```
    pub const fn generation(self) -> Generation {
        match self {
            Dialect::Fragment2024 { .. } => Generation::Fragment2024,
            Dialect::V019 => Generation::V019,
            Dialect::V021 => Generation::V021,
            Dialect::V1 => Generation::V1,
        }
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
/// use datastar_runtime::Dialect;
/// use datastar_runtime::encode::EncodeError;
/// use datastar_runtime::event::ExecuteScript;
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

/// One dialect's encoder: a function per event kind, each writing one whole event into
/// the buffer or saying why it cannot ([`Dialect::encode`] then drops what was written).
trait Encoder {
    fn patch_elements(&self, buf: &mut BytesMut, event: &Event, patch: &PatchElements) -> Result<(), EncodeError>;
    fn patch_signals(&self, buf: &mut BytesMut, event: &Event, patch: &PatchSignals) -> Result<(), EncodeError>;
    fn remove_elements(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveElements) -> Result<(), EncodeError>;
    fn remove_signals(&self, buf: &mut BytesMut, event: &Event, remove: &RemoveSignals) -> Result<(), EncodeError>;
    fn execute_script(&self, buf: &mut BytesMut, event: &Event, script: &ExecuteScript) -> Result<(), EncodeError>;
    fn redirect(&self, buf: &mut BytesMut, event: &Event, redirect: &Redirect) -> Result<(), EncodeError>;
    fn console(&self, buf: &mut BytesMut, event: &Event, message: &ConsoleMessage) -> Result<(), EncodeError>;
}

/// The one dispatch from an event's kind to the encoder's function for it.
fn encode_with(encoder: &impl Encoder, event: &Event, buf: &mut BytesMut) -> Result<(), EncodeError> {
    match &event.kind {
        EventKind::PatchElements(patch) => encoder.patch_elements(buf, event, patch),
        EventKind::PatchSignals(patch) => encoder.patch_signals(buf, event, patch),
        EventKind::RemoveElements(remove) => encoder.remove_elements(buf, event, remove),
        EventKind::RemoveSignals(remove) => encoder.remove_signals(buf, event, remove),
        EventKind::ExecuteScript(script) => encoder.execute_script(buf, event, script),
        EventKind::Redirect(redirect) => encoder.redirect(buf, event, redirect),
        EventKind::Console(message) => encoder.console(buf, event, message),
    }
}
