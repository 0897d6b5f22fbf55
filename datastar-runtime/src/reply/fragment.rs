//! Fragments: markup plus the static options a `#[fragment(...)]` attribute gave it.

use std::borrow::Cow;
use std::time::Duration;

use crate::event::Mode;
use crate::event::{Event, Namespace, PatchElements};
use crate::reply::into_events::IntoEvents;
use crate::reply::writer::EventWriter;

/// How a fragment is patched: the options of `#[fragment(...)]`, fixed at compile time.
/// Plain data like the events: public fields to read, builders of the same names to set.
///
/// ```
/// use datastar_runtime::Mode;
/// use datastar_runtime::reply::FragmentOptions;
/// const MAIN: FragmentOptions = FragmentOptions::new().selector("#main").mode(Mode::Prepend);
/// assert_eq!(MAIN.selector, Some("#main"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FragmentOptions {
    /// The CSS selector of the target; `None` targets the elements' ids.
    pub selector: Option<&'static str>,
    /// The merge meaning.
    pub mode: Mode,
    /// The settle duration (0.x clients).
    pub settle: Option<Duration>,
    /// Whether the patch runs in a view transition.
    pub view_transition: bool,
    /// The namespace the elements are created in (1.0).
    pub namespace: Namespace,
    /// The SSE event id.
    pub id: Option<&'static str>,
    /// The SSE retry duration.
    pub retry: Option<Duration>,
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

    /// Sets the settle duration (0.x clients).
    ///
    /// ```
    /// use std::time::Duration;
    /// use datastar_runtime::reply::FragmentOptions;
    /// const SLOW: FragmentOptions = FragmentOptions::new().settle(Duration::from_millis(800));
    /// assert_eq!(SLOW.settle, Some(Duration::from_millis(800)));
    /// ```
    pub const fn settle(mut self, settle: Duration) -> Self {
        self.settle = Some(settle);
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

    /// Whether `dialect` can express these options (a `routes!` list checks each fragment
    /// route when the router is built).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Mode};
    /// use datastar_runtime::reply::FragmentOptions;
    /// const UPSERT: FragmentOptions = FragmentOptions::new().mode(Mode::UpsertAttributes);
    /// assert!(UPSERT.check(Dialect::V019).is_ok());
    /// assert!(UPSERT.check(Dialect::V1).is_err());
    /// ```
    pub fn check(&self, dialect: crate::Dialect) -> Result<(), crate::encode::EncodeError> {
        let probe = if self.mode == Mode::Remove { "" } else { "<div></div>" };
        dialect.encode(&self.event(probe), &mut bytes::BytesMut::new())
    }

    /// The event for `html` patched with these options.
    pub fn event(&self, html: impl Into<crate::event::Text>) -> Event {
        let mut patch = PatchElements::new(html)
            .mode(self.mode)
            .view_transition(self.view_transition)
            .namespace(self.namespace);
        patch.selector = self.selector.map(Cow::Borrowed);
        patch.settle = self.settle;
        let mut event = Event::from(patch);
        event.id = self.id.map(Cow::Borrowed);
        event.retry = self.retry;
        event
    }
}

/// Markup with its patch options: what a `#[fragment]` function returns.
///
/// ```
/// use datastar_runtime::{Fragment, maud::html};
/// use datastar_runtime::reply::FragmentOptions;
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
