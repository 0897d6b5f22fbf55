//! Fragments: markup plus the static options a `#[fragment(...)]` attribute gave it.

use std::borrow::Cow;
use std::time::Duration;

use crate::event::Mode;
use crate::event::{Event, Namespace, PatchElements};
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::EventWriter;

/// How a fragment is patched: the options of `#[fragment(...)]`, fixed at compile time.
///
/// ```
/// use datastar_runtime::{FragmentOptions, Mode};
/// const MAIN: FragmentOptions = FragmentOptions::new().selector("#main").mode(Mode::Prepend);
/// assert_eq!(MAIN.selector_str(), Some("#main"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FragmentOptions {
    selector: Option<&'static str>,
    mode: Mode,
    settle: Option<Duration>,
    view_transition: bool,
    namespace: Namespace,
    id: Option<&'static str>,
    retry: Option<Duration>,
}

impl FragmentOptions {
    /// Patch by element id, morphing (the defaults).
    pub const fn new() -> Self {
        FragmentOptions {
            selector: None,
            mode: Mode::Morph,
            settle: None,
            view_transition: false,
            namespace: Namespace::Html,
            id: None,
            retry: None,
        }
    }

    /// Targets this CSS selector.
    pub const fn selector(mut self, selector: &'static str) -> Self {
        self.selector = Some(selector);
        self
    }

    /// Sets the merge meaning.
    pub const fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the settle duration in milliseconds (0.x clients).
    pub const fn settle_ms(mut self, ms: u64) -> Self {
        self.settle = Some(Duration::from_millis(ms));
        self
    }

    /// Uses a view transition.
    pub const fn view_transition(mut self, on: bool) -> Self {
        self.view_transition = on;
        self
    }

    /// Creates the elements in this namespace (1.0).
    pub const fn namespace(mut self, namespace: Namespace) -> Self {
        self.namespace = namespace;
        self
    }

    /// Sets the SSE event id.
    pub const fn id(mut self, id: &'static str) -> Self {
        self.id = Some(id);
        self
    }

    /// Sets the SSE retry duration in milliseconds.
    pub const fn retry_ms(mut self, ms: u64) -> Self {
        self.retry = Some(Duration::from_millis(ms));
        self
    }

    /// The selector, if any.
    pub const fn selector_str(&self) -> Option<&'static str> {
        self.selector
    }

    /// The merge meaning.
    pub const fn mode_value(&self) -> Mode {
        self.mode
    }

    /// The namespace.
    pub const fn namespace_value(&self) -> Namespace {
        self.namespace
    }

    /// Whether `dialect` can express these options (a `routes!` list checks each fragment
    /// route when the router is built).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, FragmentOptions, Mode};
    /// const UPSERT: FragmentOptions = FragmentOptions::new().mode(Mode::UpsertAttributes);
    /// assert!(UPSERT.check(Dialect::V019).is_ok());
    /// assert!(UPSERT.check(Dialect::V1).is_err());
    /// ```
    pub fn check(&self, dialect: crate::Dialect) -> Result<(), crate::EncodeError> {
        let probe = if self.mode == Mode::Remove { "" } else { "<div></div>" };
        dialect.encode(&self.event(probe), &mut bytes::BytesMut::new())
    }

    /// The event for `html` patched with these options.
    pub fn event(&self, html: impl Into<crate::event::Text>) -> Event {
        let patch = PatchElements {
            elements: html.into(),
            selector: self.selector.map(Cow::Borrowed),
            mode: self.mode,
            settle: self.settle,
            view_transition: self.view_transition,
            namespace: self.namespace,
        };
        Event {
            kind: crate::event::EventKind::PatchElements(patch),
            id: self.id.map(Cow::Borrowed),
            retry: self.retry,
        }
    }
}

/// Markup with its patch options: what a `#[fragment]` function returns.
///
/// ```
/// use datastar_runtime::{Fragment, FragmentOptions, maud::html};
/// static MAIN: FragmentOptions = FragmentOptions::new().selector("#main");
/// let fragment = Fragment::new(html! { p { "hi" } }, &MAIN);
/// # let _ = fragment;
/// ```
#[derive(Clone, Debug)]
pub struct Fragment {
    markup: maud::Markup,
    options: &'static FragmentOptions,
}

impl Fragment {
    /// Pairs markup with its options.
    pub fn new(markup: maud::Markup, options: &'static FragmentOptions) -> Self {
        Fragment { markup, options }
    }

    /// The options.
    pub fn options(&self) -> &'static FragmentOptions {
        self.options
    }

    /// The markup.
    pub fn markup(&self) -> &maud::Markup {
        &self.markup
    }
}

impl IntoEvents for Fragment {
    fn write_events(self, out: &mut EventWriter) {
        out.push(&self.options.event(self.markup.into_string()));
    }
}

impl axum::response::IntoResponse for Fragment {
    fn into_response(self) -> axum::response::Response {
        crate::reply::response::Reply(self).into_response()
    }
}
