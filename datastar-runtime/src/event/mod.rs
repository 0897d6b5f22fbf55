//! The protocol-neutral event model: what a handler wants the page to do, before any
//! dialect has chosen words for it.
//!
//! Events are plain data: every field is public to read, and each is set by a builder
//! method of the same name (`PatchElements::new(html).selector("#x")`, then
//! `patch.selector`). The structs are `#[non_exhaustive]`, so fields can be added; build
//! them with their constructors. Every event converts into [`Event`], which adds the SSE
//! event id and retry duration every event may carry.
//!
//! ```
//! use datastar_runtime::event::{Event, EventKind, PatchElements};
//! let event = Event::from(PatchElements::new("<p id=\"p\"></p>").selector("#main")).id("7");
//! let EventKind::PatchElements(patch) = &event.kind else { unreachable!() };
//! assert_eq!(patch.selector.as_deref(), Some("#main"));
//! assert_eq!(event.id.as_deref(), Some("7"));
//! ```

pub mod codec;
mod console;
mod elements;
mod redirect;
mod script;
mod signals;

pub use console::{ConsoleLevel, ConsoleMessage};
pub use datastar_syntax::{Mode, ModeParseError, Namespace, Vocabulary};
pub use elements::{PatchElements, RemoveElements};
pub use redirect::Redirect;
pub use script::ExecuteScript;
pub use signals::{PatchSignals, RemoveSignals};

use std::borrow::Cow;
use std::time::Duration;

/// Text owned or borrowed for the whole program: fragments from `maud` are owned,
/// selectors written in code are `'static` and cost nothing to carry.
///
/// ```
/// use datastar_runtime::event::{RemoveElements, Text};
/// let selector: Text = "#toast".into();
/// let owned: Text = format!("#row-{}", 7).into();
/// # let _ = (RemoveElements::new(selector), RemoveElements::new(owned));
/// ```
pub type Text = Cow<'static, str>;

/// One server-sent event, in no dialect yet.
///
/// ```
/// use datastar_runtime::Event;
/// use datastar_runtime::event::PatchElements;
/// let event = Event::from(PatchElements::new("<div id=\"hello\">Hi</div>")).id("42");
/// assert_eq!(event.id.as_deref(), Some("42"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// What the event does.
    ///
    /// ```
    /// use datastar_runtime::Event;
    /// use datastar_runtime::event::{EventKind, PatchElements};
    /// let event = Event::from(PatchElements::new("<p id=\"p\"></p>"));
    /// let EventKind::PatchElements(patch) = &event.kind else { unreachable!() };
    /// assert_eq!(patch.elements, "<p id=\"p\"></p>");
    /// ```
    pub kind: EventKind,
    /// The SSE event id (`id:` line), if set.
    ///
    /// ```
    /// use datastar_runtime::Event;
    /// use datastar_runtime::event::Redirect;
    /// assert_eq!(Event::from(Redirect::new("/")).id, None);
    /// ```
    pub id: Option<Text>,
    /// The reconnection delay the client should use (`retry:` line), if set.
    ///
    /// ```
    /// use std::time::Duration;
    /// use datastar_runtime::Event;
    /// use datastar_runtime::event::Redirect;
    /// let event = Event::from(Redirect::new("/")).retry(Duration::from_millis(250));
    /// assert_eq!(event.retry, Some(Duration::from_millis(250)));
    /// ```
    pub retry: Option<Duration>,
}

/// What an [`Event`] does.
///
/// ```
/// use datastar_runtime::Event;
/// use datastar_runtime::event::{EventKind, Redirect};
/// let event = Event::from(Redirect::new("/login"));
/// assert!(matches!(event.kind, EventKind::Redirect(_)));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EventKind {
    /// Patch HTML elements into the page.
    PatchElements(PatchElements),
    /// Patch the client's signals (store).
    PatchSignals(PatchSignals),
    /// Remove elements matching a selector.
    RemoveElements(RemoveElements),
    /// Remove signals by path.
    RemoveSignals(RemoveSignals),
    /// Run a script in the page.
    ExecuteScript(ExecuteScript),
    /// Navigate the page to a URL.
    Redirect(Redirect),
    /// Write a message to the browser console.
    Console(ConsoleMessage),
}

impl Event {
    /// About how many bytes this event takes encoded, so its buffer is allocated once: the
    /// payload, plus room for the event line, the keys and a few line prefixes.
    pub(crate) fn encoded_size_hint(&self) -> usize {
        let payload = match &self.kind {
            EventKind::PatchElements(patch) => patch.elements.len() + patch.selector.as_ref().map_or(0, |s| s.len()),
            EventKind::PatchSignals(patch) => patch.json.len(),
            EventKind::ExecuteScript(script) => script.script.len(),
            _ => 0,
        };
        payload + payload / 8 + 128
    }

    /// Sets the SSE event id (`id:` line), which the browser sends back as `Last-Event-ID`.
    /// An id with a line break or NUL cannot be encoded.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Event};
    /// use datastar_runtime::event::PatchSignals;
    /// let event = Event::from(PatchSignals::raw("{}")).id("41");
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&event, &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-patch-signals\nid: 41\ndata: signals {}\n\n");
    /// ```
    pub fn id(mut self, id: impl Into<Text>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the reconnection delay the client should use (`retry:` line). The 0.21 and 1.0
    /// dialects leave out their default, 1000 ms; delays beyond about 24.8 days (what
    /// browser timers can wait) are capped.
    ///
    /// ```
    /// use std::time::Duration;
    /// use datastar_runtime::{Dialect, Event};
    /// use datastar_runtime::event::PatchSignals;
    /// let event = Event::from(PatchSignals::raw("{}")).retry(Duration::from_secs(5));
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&event, &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-patch-signals\nretry: 5000\ndata: signals {}\n\n");
    /// ```
    pub fn retry(mut self, retry: Duration) -> Self {
        self.retry = Some(retry);
        self
    }
}

impl From<EventKind> for Event {
    fn from(kind: EventKind) -> Event {
        Event {
            kind,
            id: None,
            retry: None,
        }
    }
}

macro_rules! into_event {
    ($($ty:ident => $kind:ident),*) => {$(
        impl From<$ty> for Event {
            fn from(value: $ty) -> Event {
                Event::from(EventKind::$kind(value))
            }
        }
    )*};
}
into_event!(
    PatchElements => PatchElements,
    PatchSignals => PatchSignals,
    RemoveElements => RemoveElements,
    RemoveSignals => RemoveSignals,
    ExecuteScript => ExecuteScript,
    Redirect => Redirect,
    ConsoleMessage => Console
);
