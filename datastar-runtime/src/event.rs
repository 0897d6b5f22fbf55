//! The protocol-neutral event model: what a handler wants the page to do, before any
//! dialect has chosen words for it.
//!
//! Every event is built with a small builder and converts into [`Event`], which adds the
//! SSE event id and retry duration every event may carry.

use std::borrow::Cow;
use std::time::Duration;

use serde::Serialize;

use crate::mode::Mode;

/// Text owned or borrowed for the whole program: fragments from `maud` are owned,
/// selectors written in code are `'static` and cost nothing to carry.
pub type Text = Cow<'static, str>;

/// One server-sent event, in no dialect yet.
///
/// ```
/// use datastar_runtime::{Event, PatchElements};
/// let event = Event::from(PatchElements::new("<div id=\"hello\">Hi</div>")).id("42");
/// assert_eq!(event.event_id(), Some("42"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub(crate) kind: EventKind,
    pub(crate) id: Option<Text>,
    pub(crate) retry: Option<Duration>,
}

/// What an [`Event`] does.
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
    /// Sets the SSE event id (`id:` line), which the browser sends back as `Last-Event-ID`.
    pub fn id(mut self, id: impl Into<Text>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the reconnection delay the client should use (`retry:` line).
    pub fn retry(mut self, retry: Duration) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The SSE event id, if set.
    pub fn event_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The retry duration, if set.
    pub fn retry_duration(&self) -> Option<Duration> {
        self.retry
    }

    /// What the event does.
    pub fn kind(&self) -> &EventKind {
        &self.kind
    }
}

macro_rules! into_event {
    ($($ty:ident),*) => {$(
        impl From<$ty> for Event {
            fn from(value: $ty) -> Event {
                Event { kind: EventKind::$ty(value), id: None, retry: None }
            }
        }
    )*};
}
into_event!(
    PatchElements,
    PatchSignals,
    RemoveElements,
    RemoveSignals,
    ExecuteScript,
    Redirect
);

impl From<ConsoleMessage> for Event {
    fn from(value: ConsoleMessage) -> Event {
        Event {
            kind: EventKind::Console(value),
            id: None,
            retry: None,
        }
    }
}

/// The XML namespace patched elements are created in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Ordinary HTML (the default).
    #[default]
    Html,
    /// SVG elements, e.g. a `<circle>` patched into an `<svg>`.
    Svg,
    /// MathML elements.
    MathMl,
}

impl Namespace {
    /// The 1.0 wire word.
    pub fn as_str(self) -> &'static str {
        match self {
            Namespace::Html => "html",
            Namespace::Svg => "svg",
            Namespace::MathMl => "mathml",
        }
    }
}

/// Patch HTML elements into the page.
///
/// Without a selector, each top-level element replaces the element with its id.
///
/// ```
/// use datastar_runtime::{Mode, PatchElements};
/// let patch = PatchElements::new("<div id=\"output3\">Check this out!</div>")
///     .selector("#main")
///     .mode(Mode::Prepend);
/// # let _ = patch;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct PatchElements {
    pub(crate) elements: Text,
    pub(crate) selector: Option<Text>,
    pub(crate) mode: Mode,
    pub(crate) settle: Option<Duration>,
    pub(crate) view_transition: bool,
    pub(crate) namespace: Namespace,
}

impl PatchElements {
    /// Patches these elements (HTML text) by their ids, with the default mode (morph).
    pub fn new(elements: impl Into<Text>) -> Self {
        PatchElements {
            elements: elements.into(),
            selector: None,
            mode: Mode::Morph,
            settle: None,
            view_transition: false,
            namespace: Namespace::Html,
        }
    }

    /// Targets the elements matching this CSS selector instead of the elements' ids.
    pub fn selector(mut self, selector: impl Into<Text>) -> Self {
        self.selector = Some(selector.into());
        self
    }

    /// Sets what the patch does to its target.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the settle duration (0.x clients only; 1.0 has no settle phase and ignores it).
    pub fn settle(mut self, settle: Duration) -> Self {
        self.settle = Some(settle);
        self
    }

    /// Wraps the patch in a view transition where the client supports it.
    pub fn view_transition(mut self, on: bool) -> Self {
        self.view_transition = on;
        self
    }

    /// Creates the elements in the SVG or MathML namespace (1.0).
    pub fn namespace(mut self, namespace: Namespace) -> Self {
        self.namespace = namespace;
        self
    }

    /// The HTML being patched.
    pub fn elements(&self) -> &str {
        &self.elements
    }
}

impl From<maud::Markup> for PatchElements {
    fn from(markup: maud::Markup) -> Self {
        PatchElements::new(markup.into_string())
    }
}

/// Patch the client's signals with a JSON merge patch (RFC 7386: `null` removes a signal).
///
/// ```
/// use datastar_runtime::PatchSignals;
/// #[derive(serde::Serialize)]
/// struct Counter { count: u32 }
/// let patch = PatchSignals::serialize(&Counter { count: 1 }).unwrap();
/// assert_eq!(patch.json_text(), r#"{"count":1}"#);
/// let raw = PatchSignals::raw("{\"show\": true}").only_if_missing(true);
/// # let _ = raw;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct PatchSignals {
    pub(crate) json: Text,
    pub(crate) only_if_missing: bool,
}

impl PatchSignals {
    /// Patches with raw JSON text, sent as written (it must be a JSON object).
    pub fn raw(json: impl Into<Text>) -> Self {
        PatchSignals {
            json: json.into(),
            only_if_missing: false,
        }
    }

    /// Patches with a JSON value, serialised compactly.
    pub fn json(value: &serde_json::Value) -> Self {
        PatchSignals::raw(value.to_string())
    }

    /// Patches with any serialisable value (it should serialise to a JSON object).
    pub fn serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        Ok(PatchSignals::raw(serde_json::to_string(value)?))
    }

    /// Only sets signals that the client does not have yet.
    pub fn only_if_missing(mut self, on: bool) -> Self {
        self.only_if_missing = on;
        self
    }

    /// The JSON text of the patch.
    pub fn json_text(&self) -> &str {
        &self.json
    }
}

/// Remove the elements matching a selector.
///
/// ```
/// use datastar_runtime::RemoveElements;
/// let by_selector = RemoveElements::new(".toast");
/// let by_id = RemoveElements::by_id("output3");
/// # let _ = (by_selector, by_id);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RemoveElements {
    pub(crate) selector: Text,
    pub(crate) settle: Option<Duration>,
    pub(crate) view_transition: bool,
}

impl RemoveElements {
    /// Removes every element matching this CSS selector.
    pub fn new(selector: impl Into<Text>) -> Self {
        RemoveElements {
            selector: selector.into(),
            settle: None,
            view_transition: false,
        }
    }

    /// Removes the element with this id.
    pub fn by_id(id: &str) -> Self {
        RemoveElements::new(format!("#{id}"))
    }

    /// Sets the settle duration (0.x clients only).
    pub fn settle(mut self, settle: Duration) -> Self {
        self.settle = Some(settle);
        self
    }

    /// Uses a view transition where the client supports it.
    pub fn view_transition(mut self, on: bool) -> Self {
        self.view_transition = on;
        self
    }
}

/// Remove signals by dotted path (`user.name`).
///
/// ```
/// use datastar_runtime::RemoveSignals;
/// let remove = RemoveSignals::new(["user.name", "draft"]);
/// # let _ = remove;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RemoveSignals {
    pub(crate) paths: Vec<Text>,
}

impl RemoveSignals {
    /// Removes these signal paths.
    pub fn new<I, P>(paths: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<Text>,
    {
        RemoveSignals {
            paths: paths.into_iter().map(Into::into).collect(),
        }
    }
}

/// Run a script in the page.
///
/// ```
/// use datastar_runtime::ExecuteScript;
/// let script = ExecuteScript::new("console.log('hi')").attribute("type", "module").auto_remove(false);
/// let event = ExecuteScript::dispatch_event("saved", &serde_json::json!({"id": 7}));
/// let url = ExecuteScript::replace_url("/items?page=2");
/// # let _ = (script, event, url);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ExecuteScript {
    pub(crate) script: Text,
    pub(crate) attributes: Vec<(Text, Text)>,
    pub(crate) auto_remove: bool,
}

impl ExecuteScript {
    /// Runs this JavaScript; the `<script>` element is removed afterwards by default.
    pub fn new(script: impl Into<Text>) -> Self {
        ExecuteScript {
            script: script.into(),
            attributes: Vec::new(),
            auto_remove: true,
        }
    }

    /// Adds an attribute to the `<script>` element, in order.
    pub fn attribute(mut self, name: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.attributes.push((name.into(), value.into()));
        self
    }

    /// Whether the client removes the `<script>` element after running it (default true).
    pub fn auto_remove(mut self, on: bool) -> Self {
        self.auto_remove = on;
        self
    }

    /// Dispatches a bubbling `CustomEvent` named `name` on `document`, with `detail` as its
    /// JSON detail (as the official Go SDK's `DispatchCustomEvent`).
    pub fn dispatch_event<T: Serialize + ?Sized>(name: &str, detail: &T) -> Self {
        Self::dispatch_event_on("document", name, detail)
    }

    /// Dispatches a bubbling `CustomEvent` on every element matching `selector`
    /// (`"document"` and `"window"` name those objects).
    pub fn dispatch_event_on<T: Serialize + ?Sized>(selector: &str, name: &str, detail: &T) -> Self {
        let detail = serde_json::to_string(detail).unwrap_or_else(|_| "null".to_owned());
        let targets = match selector {
            "document" => "[document]".to_owned(),
            "window" => "[window]".to_owned(),
            _ => format!("document.querySelectorAll({})", crate::script::js_string(selector)),
        };
        ExecuteScript::new(format!(
            "{targets}.forEach(t=>t.dispatchEvent(new CustomEvent({},{{bubbles:true,cancelable:true,composed:true,detail:{}}})))",
            crate::script::js_string(name),
            crate::script::js_json(&detail),
        ))
    }

    /// Replaces the page's URL without navigating (`history.replaceState`).
    pub fn replace_url(url: &str) -> Self {
        ExecuteScript::new(format!(
            "window.history.replaceState({{}},\"\",{})",
            crate::script::js_string(url)
        ))
    }

    /// The script text.
    pub fn script(&self) -> &str {
        &self.script
    }
}

/// Navigate the page to a URL.
///
/// ```
/// use datastar_runtime::Redirect;
/// let go = Redirect::new("/login");
/// # let _ = go;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Redirect {
    pub(crate) url: Text,
}

impl Redirect {
    /// Navigates to this URL.
    pub fn new(url: impl Into<Text>) -> Self {
        Redirect { url: url.into() }
    }
}

/// The browser console method a [`ConsoleMessage`] uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ConsoleLevel {
    /// `console.debug`
    Debug,
    /// `console.error`
    Error,
    /// `console.info`
    Info,
    /// `console.log` (the default)
    #[default]
    Log,
    /// `console.warn`
    Warn,
    /// `console.group`
    Group,
    /// `console.groupEnd`
    GroupEnd,
}

impl ConsoleLevel {
    /// The console method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsoleLevel::Debug => "debug",
            ConsoleLevel::Error => "error",
            ConsoleLevel::Info => "info",
            ConsoleLevel::Log => "log",
            ConsoleLevel::Warn => "warn",
            ConsoleLevel::Group => "group",
            ConsoleLevel::GroupEnd => "groupEnd",
        }
    }
}

/// Write a message to the browser console.
///
/// ```
/// use datastar_runtime::{ConsoleLevel, ConsoleMessage};
/// let msg = ConsoleMessage::new(ConsoleLevel::Warn, "disk almost full");
/// # let _ = msg;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleMessage {
    pub(crate) level: ConsoleLevel,
    pub(crate) message: Text,
}

impl ConsoleMessage {
    /// A message at this level.
    pub fn new(level: ConsoleLevel, message: impl Into<Text>) -> Self {
        ConsoleMessage {
            level,
            message: message.into(),
        }
    }
}
