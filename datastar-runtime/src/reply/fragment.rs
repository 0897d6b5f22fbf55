//! Fragments: markup plus the options a `#[fragment(...)]` attribute gave it, fixed at
//! compile time ([`FragmentOptions`]) or, for strings, computed when the fragment is built
//! ([`RunTimeOptions`]).

use std::borrow::Cow;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::response::{IntoResponse, Response};
use futures_core::Stream;
use maud::Markup;

use crate::event::Mode;
use crate::event::{Event, Namespace, PatchElements};
use crate::reply::feed::FragmentFeed;
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

/// The selector a route's options are checked with when its own is computed at run time:
/// any valid selector does, since the check asks what the dialect can express.
const RUN_TIME_SELECTOR: &str = "*";

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

    /// Marks the selector as computed when the fragment is built ([`RunTimeOptions`]), so
    /// [`check`](Self::check) judges the options as having one.
    pub const fn run_time_selector(self) -> Self {
        self.selector(RUN_TIME_SELECTOR)
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

    /// Sets the SSE retry duration: how long a client waits before reconnecting.
    ///
    /// ```
    /// use std::time::Duration;
    /// use datastar_runtime::reply::FragmentOptions;
    /// const PATIENT: FragmentOptions = FragmentOptions::new().retry(Duration::from_secs(5));
    /// assert_eq!(PATIENT.retry, Some(Duration::from_secs(5)));
    /// ```
    pub const fn retry(mut self, retry: Duration) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sets the SSE retry duration in milliseconds.
    #[deprecated(note = "use `retry(Duration::from_millis(ms))`: a field is set by the builder of its name")]
    pub const fn retry_ms(self, ms: u64) -> Self {
        self.retry(Duration::from_millis(ms))
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
        self.event_with(html, None)
    }

    /// The event for `html`, with the strings of `run_time` in place of these options'.
    fn event_with(&self, html: impl Into<crate::event::Text>, run_time: Option<&RunTimeOptions>) -> Event {
        let run_time_selector = run_time.and_then(|r| r.selector.clone());
        let run_time_id = run_time.and_then(|r| r.id.clone());
        let mut patch = PatchElements::new(html)
            .mode(self.mode)
            .view_transition(self.view_transition)
            .namespace(self.namespace);
        patch.selector = run_time_selector.map(Cow::Owned).or(self.selector.map(Cow::Borrowed));
        patch.settle = self.settle;
        let mut event = Event::from(patch);
        event.id = run_time_id.map(Cow::Owned).or(self.id.map(Cow::Borrowed));
        event.retry = self.retry;
        event
    }
}

/// The string options of a fragment computed when it is built, as
/// `#[fragment(selector = format!("#contact_{id}"))]` writes them. They are checked when the
/// event is encoded: a line break is an [`EncodeError::LineBreak`](crate::encode::EncodeError), never
/// a corrupt stream.
///
/// ```
/// use datastar_runtime::maud::html;
/// use datastar_runtime::reply::{Fragment, RunTimeOptions};
/// use datastar_runtime::{Dialect, IntoEvents, Mode};
/// use datastar_runtime::reply::{EventWriter, FragmentOptions};
///
/// static REMOVE: FragmentOptions = FragmentOptions::new().mode(Mode::Remove);
/// let id = 7;
/// let run_time = RunTimeOptions::new().selector(format!("#contact_{id}"));
/// let mut out = EventWriter::new(Dialect::V1);
/// Fragment::with_run_time(html! {}, &REMOVE, run_time.into()).write_events(&mut out);
/// assert_eq!(
///     &out.finish().ready[..],
///     b"event: datastar-patch-elements\ndata: selector #contact_7\ndata: mode remove\n\n"
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunTimeOptions {
    selector: Option<String>,
    id: Option<String>,
}

impl RunTimeOptions {
    /// No run-time option: the fixed ones apply.
    pub fn new() -> Self {
        RunTimeOptions::default()
    }

    /// Targets this CSS selector, in place of the fixed one.
    pub fn selector(mut self, selector: impl OptionText) -> Self {
        self.selector = Some(selector.into_text());
        self
    }

    /// Sets the SSE event id, in place of the fixed one.
    pub fn id(mut self, id: impl OptionText) -> Self {
        self.id = Some(id.into_text());
        self
    }
}

/// A string option's value computed at run time: a `String`, a `&str` or a `Cow<str>`.
#[diagnostic::on_unimplemented(
    message = "a run-time `selector` or `id` is a string, and `{Self}` is not one",
    label = "expected a string here",
    note = "build the text, for example `selector = format!(\"#row_{{id}}\")`"
)]
pub trait OptionText {
    /// The text.
    fn into_text(self) -> String;
}

impl OptionText for String {
    fn into_text(self) -> String {
        self
    }
}

impl OptionText for &str {
    fn into_text(self) -> String {
        self.to_owned()
    }
}

impl OptionText for &String {
    fn into_text(self) -> String {
        self.clone()
    }
}

impl OptionText for Cow<'_, str> {
    fn into_text(self) -> String {
        self.into_owned()
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
    markup: Markup,
    options: &'static FragmentOptions,
    /// Shared, so a function returning many fragments computes its strings once.
    run_time: Option<Arc<RunTimeOptions>>,
}

impl Fragment {
    /// Pairs markup with its options.
    pub fn new(markup: Markup, options: &'static FragmentOptions) -> Self {
        Fragment {
            markup,
            options,
            run_time: None,
        }
    }

    /// Pairs markup with its options, some strings of which were computed at run time.
    pub fn with_run_time(markup: Markup, options: &'static FragmentOptions, run_time: Arc<RunTimeOptions>) -> Self {
        Fragment {
            markup,
            options,
            run_time: Some(run_time),
        }
    }

    /// The options fixed at compile time (the run-time strings, if any, take their place).
    pub fn options(&self) -> &'static FragmentOptions {
        self.options
    }

    /// The markup.
    pub fn markup(&self) -> &Markup {
        &self.markup
    }
}

impl IntoEvents for Fragment {
    fn write_events(self, out: &mut EventWriter) {
        out.push(
            &self
                .options
                .event_with(self.markup.into_string(), self.run_time.as_deref()),
        );
    }
}

impl IntoResponse for Fragment {
    fn into_response(self) -> Response {
        crate::reply::response::Reply(self).into_response()
    }
}

/// What a `#[fragment]` function may return: markup, and the shapes built from it. Each
/// becomes events that are also a response.
///
/// A function returning `impl Stream<Item = Markup>` is a feed too; it is recognised by
/// what its type implements, not through this trait.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not markup a `#[fragment]` can patch",
    label = "a `#[fragment]` function must return markup",
    note = "return `maud::Markup` (build it with `html! {{ .. }}`; trusted HTML text becomes markup with `maud::PreEscaped(text)`), or `Result<T, E>` (E: `IntoResponse`), `Option<T>`, `Vec<T>` and tuples of these, or a `Stream` of `Markup` (`Send + 'static`) for a feed"
)]
pub trait FragmentBody {
    /// The events-and-response value the fragment function returns.
    type Output: IntoEvents + IntoResponse;

    /// Pairs the markup with `options`, and the strings computed at run time, if any.
    fn into_fragment(self, options: &'static FragmentOptions, run_time: Option<&Arc<RunTimeOptions>>) -> Self::Output;
}

impl FragmentBody for Markup {
    type Output = Fragment;

    fn into_fragment(self, options: &'static FragmentOptions, run_time: Option<&Arc<RunTimeOptions>>) -> Fragment {
        Fragment {
            markup: self,
            options,
            run_time: run_time.cloned(),
        }
    }
}

/// `Err` answers with its own response.
impl<T: FragmentBody, E: IntoResponse> FragmentBody for Result<T, E> {
    type Output = Result<T::Output, E>;

    fn into_fragment(self, options: &'static FragmentOptions, run_time: Option<&Arc<RunTimeOptions>>) -> Self::Output {
        self.map(|body| body.into_fragment(options, run_time))
    }
}

/// `None` sends no event.
impl<T: FragmentBody> FragmentBody for Option<T> {
    type Output = Fragments<Option<T::Output>>;

    fn into_fragment(self, options: &'static FragmentOptions, run_time: Option<&Arc<RunTimeOptions>>) -> Self::Output {
        Fragments(self.map(|body| body.into_fragment(options, run_time)))
    }
}

/// One event per item, each with the same options.
impl<T: FragmentBody> FragmentBody for Vec<T> {
    type Output = Fragments<Vec<T::Output>>;

    fn into_fragment(self, options: &'static FragmentOptions, run_time: Option<&Arc<RunTimeOptions>>) -> Self::Output {
        Fragments(
            self.into_iter()
                .map(|body| body.into_fragment(options, run_time))
                .collect(),
        )
    }
}

/// A boxed stream of markup (a named feed type, like `BoxStream<'static, Markup>`): each
/// markup patched as it comes. Its options are fixed at compile time.
impl<S> FragmentBody for Pin<Box<S>>
where
    S: Stream<Item = Markup> + Send + ?Sized + 'static,
{
    type Output = FragmentFeed<Pin<Box<S>>>;

    fn into_fragment(self, options: &'static FragmentOptions, _: Option<&Arc<RunTimeOptions>>) -> Self::Output {
        FragmentFeed::new(self, options)
    }
}

macro_rules! tuples {
    ($($name:ident)+) => {
        /// One event per element, each with the same options.
        impl<$($name: FragmentBody),+> FragmentBody for ($($name,)+) {
            type Output = Fragments<($($name::Output,)+)>;

            #[allow(non_snake_case)]
            fn into_fragment(self, options: &'static FragmentOptions, run_time: Option<&Arc<RunTimeOptions>>) -> Self::Output {
                let ($($name,)+) = self;
                Fragments(($($name.into_fragment(options, run_time),)+))
            }
        }
    };
}
tuples!(A B);
tuples!(A B C);
tuples!(A B C D);
tuples!(A B C D E);
tuples!(A B C D E F);
tuples!(A B C D E F G);
tuples!(A B C D E F G H);

/// Several fragments as one value that is both events and a response (axum has no
/// response impl for `Option`, `Vec` or tuples of responses).
pub struct Fragments<T>(T);

impl<T: IntoEvents> IntoEvents for Fragments<T> {
    fn write_events(self, out: &mut EventWriter) {
        self.0.write_events(out);
    }
}

impl<T: IntoEvents> IntoResponse for Fragments<T> {
    fn into_response(self) -> Response {
        crate::reply::response::Reply(self.0).into_response()
    }
}
