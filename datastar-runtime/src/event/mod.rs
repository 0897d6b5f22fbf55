//! The protocol-neutral event model: what a handler wants the page to do, before any
//! dialect has chosen words for it.
//!
//! Every event is built with a small builder and converts into [`Event`], which adds the
//! SSE event id and retry duration every event may carry.

pub mod codec;

pub use datastar_syntax::{Mode, ModeParseError, Vocabulary};

use std::borrow::Cow;
use std::time::Duration;

use serde::Serialize;

/// Text owned or borrowed for the whole program: fragments from `maud` are owned,
/// selectors written in code are `'static` and cost nothing to carry.
///
/// ```
/// use datastar_runtime::{RemoveElements, Text};
/// let selector: Text = "#toast".into();
/// let owned: Text = format!("#row-{}", 7).into();
/// # let _ = (RemoveElements::new(selector), RemoveElements::new(owned));
/// ```
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
///
/// ```
/// use datastar_runtime::{Event, EventKind, Redirect};
/// let event = Event::from(Redirect::new("/login"));
/// assert!(matches!(event.kind(), EventKind::Redirect(_)));
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
    /// use datastar_runtime::{Dialect, Event, PatchSignals};
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
    /// use datastar_runtime::{Dialect, Event, PatchSignals};
    /// let event = Event::from(PatchSignals::raw("{}")).retry(Duration::from_secs(5));
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&event, &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-patch-signals\nretry: 5000\ndata: signals {}\n\n");
    /// ```
    pub fn retry(mut self, retry: Duration) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The SSE event id, if set.
    ///
    /// ```
    /// use datastar_runtime::{Event, Redirect};
    /// assert_eq!(Event::from(Redirect::new("/")).event_id(), None);
    /// ```
    pub fn event_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The retry duration, if set.
    ///
    /// ```
    /// use std::time::Duration;
    /// use datastar_runtime::{Event, Redirect};
    /// let event = Event::from(Redirect::new("/")).retry(Duration::from_millis(250));
    /// assert_eq!(event.retry_duration(), Some(Duration::from_millis(250)));
    /// ```
    pub fn retry_duration(&self) -> Option<Duration> {
        self.retry
    }

    /// What the event does.
    ///
    /// ```
    /// use datastar_runtime::{Event, EventKind, PatchElements};
    /// let event = Event::from(PatchElements::new("<p id=\"p\"></p>"));
    /// let EventKind::PatchElements(patch) = event.kind() else { unreachable!() };
    /// assert_eq!(patch.elements(), "<p id=\"p\"></p>");
    /// ```
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

/// The XML namespace patched elements are created in. Only 1.0 can choose one; the
/// other dialects refuse SVG and MathML namespaces (wrap such elements in their root).
///
/// ```
/// use datastar_runtime::{Dialect, Namespace, PatchElements};
/// let circle = PatchElements::new("<circle id=\"c\" r=\"4\"></circle>").namespace(Namespace::Svg);
/// let mut buf = bytes::BytesMut::new();
/// Dialect::V1.encode(&circle.clone().into(), &mut buf).unwrap();
/// assert!(buf.starts_with(b"event: datastar-patch-elements\ndata: namespace svg\n"));
/// assert!(Dialect::V021.encode(&circle.into(), &mut buf).is_err());
/// ```
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
    ///
    /// ```
    /// assert_eq!(datastar_runtime::Namespace::MathMl.as_str(), "mathml");
    /// ```
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
    ///
    /// ```
    /// use datastar_runtime::{Dialect, PatchElements};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V021.encode(&PatchElements::new("<b id=\"x\">1</b>").into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-merge-fragments\ndata: fragments <b id=\"x\">1</b>\n\n");
    /// ```
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

    /// Targets the elements matching this CSS selector instead of the elements' ids. An
    /// empty selector is no selector (every client falls back to the ids).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Mode, PatchElements};
    /// let patch = PatchElements::new("<li>new</li>").selector("#list").mode(Mode::Append);
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&patch.into(), &mut buf).unwrap();
    /// assert_eq!(
    ///     &buf[..],
    ///     b"event: datastar-patch-elements\ndata: selector #list\ndata: mode append\ndata: elements <li>new</li>\n\n"
    /// );
    /// ```
    pub fn selector(mut self, selector: impl Into<Text>) -> Self {
        self.selector = Some(selector.into());
        self
    }

    /// Sets what the patch does to its target. 1.0 finds targets by id only for the morph
    /// and replace modes; any other mode needs a selector there.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Mode, PatchElements};
    /// let replace = PatchElements::new("<p id=\"p\">new</p>").mode(Mode::Replace);
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V019.encode(&replace.into(), &mut buf).unwrap();
    /// assert!(buf.starts_with(b"event: datastar-fragment\ndata: merge outer\n"));
    /// ```
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the settle duration (0.x clients only; 1.0 has no settle phase and ignores it).
    ///
    /// ```
    /// use std::time::Duration;
    /// use datastar_runtime::{Dialect, PatchElements};
    /// let patch = PatchElements::new("<p id=\"p\"></p>").settle(Duration::from_millis(800));
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V021.encode(&patch.into(), &mut buf).unwrap();
    /// assert!(buf.starts_with(b"event: datastar-merge-fragments\ndata: settleDuration 800\n"));
    /// ```
    pub fn settle(mut self, settle: Duration) -> Self {
        self.settle = Some(settle);
        self
    }

    /// Wraps the patch in a view transition where the client supports it (not 2024).
    /// Without it, 0.19 is told `vt false`, since that client's default is a transition.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, PatchElements};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V019.encode(&PatchElements::new("<p id=\"p\"></p>").into(), &mut buf).unwrap();
    /// assert!(buf.starts_with(b"event: datastar-fragment\ndata: vt false\n"));
    /// ```
    pub fn view_transition(mut self, on: bool) -> Self {
        self.view_transition = on;
        self
    }

    /// Creates the elements in the SVG or MathML namespace (1.0).
    ///
    /// ```
    /// use datastar_runtime::{Namespace, PatchElements};
    /// let patch = PatchElements::new("<rect id=\"r\"></rect>").namespace(Namespace::Svg);
    /// # let _ = patch;
    /// ```
    pub fn namespace(mut self, namespace: Namespace) -> Self {
        self.namespace = namespace;
        self
    }

    /// The HTML being patched.
    ///
    /// ```
    /// assert_eq!(datastar_runtime::PatchElements::new("<i></i>").elements(), "<i></i>");
    /// ```
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
    /// Patches with raw JSON text, sent as written (it must be a JSON object; 0.x clients
    /// evaluate it as a JavaScript object expression).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, PatchSignals};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V019.encode(&PatchSignals::raw("{\n\"open\": true\n}").into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-signal\ndata: store { \"open\": true }\n\n");
    /// ```
    pub fn raw(json: impl Into<Text>) -> Self {
        PatchSignals {
            json: json.into(),
            only_if_missing: false,
        }
    }

    /// Patches with a JSON value, serialised compactly.
    ///
    /// ```
    /// let patch = datastar_runtime::PatchSignals::json(&serde_json::json!({"count": 2}));
    /// assert_eq!(patch.json_text(), r#"{"count":2}"#);
    /// ```
    pub fn json(value: &serde_json::Value) -> Self {
        PatchSignals::raw(value.to_string())
    }

    /// Patches with any serialisable value (it should serialise to a JSON object).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// let map = BTreeMap::from([("a", 1), ("b", 2)]);
    /// let patch = datastar_runtime::PatchSignals::serialize(&map).unwrap();
    /// assert_eq!(patch.json_text(), r#"{"a":1,"b":2}"#);
    /// ```
    pub fn serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        Ok(PatchSignals::raw(serde_json::to_string(value)?))
    }

    /// Only sets signals that the client does not have yet (not in 2024).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, PatchSignals};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&PatchSignals::raw("{}").only_if_missing(true).into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {}\n\n");
    /// ```
    pub fn only_if_missing(mut self, on: bool) -> Self {
        self.only_if_missing = on;
        self
    }

    /// The JSON text of the patch.
    ///
    /// ```
    /// assert_eq!(datastar_runtime::PatchSignals::raw("{}").json_text(), "{}");
    /// ```
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
    /// Removes every element matching this CSS selector (which must not be empty).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, RemoveElements};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V021.encode(&RemoveElements::new(".toast").into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-remove-fragments\ndata: selector .toast\n\n");
    /// ```
    pub fn new(selector: impl Into<Text>) -> Self {
        RemoveElements {
            selector: selector.into(),
            settle: None,
            view_transition: false,
        }
    }

    /// Removes the element with this id.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, RemoveElements};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&RemoveElements::by_id("row-3").into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-patch-elements\ndata: selector #row-3\ndata: mode remove\n\n");
    /// ```
    pub fn by_id(id: &str) -> Self {
        RemoveElements::new(format!("#{id}"))
    }

    /// Sets the settle duration (2024 and 0.21; 0.19 removes at once, 1.0 has no settle).
    ///
    /// ```
    /// use std::time::Duration;
    /// let remove = datastar_runtime::RemoveElements::new("#x").settle(Duration::from_millis(200));
    /// # let _ = remove;
    /// ```
    pub fn settle(mut self, settle: Duration) -> Self {
        self.settle = Some(settle);
        self
    }

    /// Uses a view transition where the client supports it (0.21 and 1.0).
    ///
    /// ```
    /// let remove = datastar_runtime::RemoveElements::new("#x").view_transition(true);
    /// # let _ = remove;
    /// ```
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
    /// Removes these signal paths (none may be empty; 0.19 also refuses whitespace in them).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, RemoveSignals};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&RemoveSignals::new(["user.name", "draft"]).into(), &mut buf).unwrap();
    /// assert_eq!(
    ///     &buf[..],
    ///     b"event: datastar-patch-signals\ndata: signals {\"user\":{\"name\":null},\"draft\":null}\n\n"
    /// );
    /// ```
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

/// Run a script in the page (0.21 and 1.0; the 2024 and 0.19 clients cannot run scripts).
///
/// Without attributes the client's default applies: 0.21 runs a module script (its
/// default attributes are `type module`), 1.0 a classic one, as the official SDKs do.
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
    ///
    /// ```
    /// use datastar_runtime::{Dialect, ExecuteScript};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&ExecuteScript::new("go()").into(), &mut buf).unwrap();
    /// assert_eq!(
    ///     &buf[..],
    ///     b"event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
    ///       data: elements <script data-effect=\"el.remove()\">go()</script>\n\n"
    /// );
    /// ```
    pub fn new(script: impl Into<Text>) -> Self {
        ExecuteScript {
            script: script.into(),
            attributes: Vec::new(),
            auto_remove: true,
        }
    }

    /// Adds an attribute to the `<script>` element, in order. Names are letters, digits,
    /// `-`, `_`, `.` and `:`; 0.21 cannot set an empty value (except for `async`, `defer`,
    /// `nomodule`) or one with whitespace at its edges.
    ///
    /// ```
    /// use datastar_runtime::{Dialect, ExecuteScript};
    /// let mut buf = bytes::BytesMut::new();
    /// let script = ExecuteScript::new("go()").attribute("nonce", "r4nd0m");
    /// Dialect::V021.encode(&script.into(), &mut buf).unwrap();
    /// assert_eq!(
    ///     &buf[..],
    ///     b"event: datastar-execute-script\ndata: attributes nonce r4nd0m\ndata: script go()\n\n"
    /// );
    /// ```
    pub fn attribute(mut self, name: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.attributes.push((name.into(), value.into()));
        self
    }

    /// Whether the client removes the `<script>` element after running it (default true).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, ExecuteScript};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V021.encode(&ExecuteScript::new("go()").auto_remove(false).into(), &mut buf).unwrap();
    /// assert!(buf.starts_with(b"event: datastar-execute-script\ndata: autoRemove false\n"));
    /// ```
    pub fn auto_remove(mut self, on: bool) -> Self {
        self.auto_remove = on;
        self
    }

    /// Dispatches a bubbling `CustomEvent` named `name` on `document`, with `detail` as its
    /// JSON detail (as the official Go SDK's `DispatchCustomEvent`).
    ///
    /// ```
    /// let script = datastar_runtime::ExecuteScript::dispatch_event("saved", &serde_json::json!({"id": 7}));
    /// assert!(script.script().starts_with("[document].forEach(t=>t.dispatchEvent(new CustomEvent(\"saved\""));
    /// ```
    pub fn dispatch_event<T: Serialize + ?Sized>(name: &str, detail: &T) -> Self {
        Self::dispatch_event_on("document", name, detail)
    }

    /// Dispatches a bubbling `CustomEvent` on every element matching `selector`
    /// (`"document"` and `"window"` name those objects).
    ///
    /// ```
    /// let script = datastar_runtime::ExecuteScript::dispatch_event_on(".card", "refresh", &());
    /// assert!(script.script().starts_with("document.querySelectorAll(\".card\")"));
    /// ```
    pub fn dispatch_event_on<T: Serialize + ?Sized>(selector: &str, name: &str, detail: &T) -> Self {
        let detail = serde_json::to_string(detail).unwrap_or_else(|_| "null".to_owned());
        let targets = match selector {
            "document" => "[document]".to_owned(),
            "window" => "[window]".to_owned(),
            _ => format!("document.querySelectorAll({})", crate::encode::js::js_string(selector)),
        };
        ExecuteScript::new(format!(
            "{targets}.forEach(t=>t.dispatchEvent(new CustomEvent({},{{bubbles:true,cancelable:true,composed:true,detail:{}}})))",
            crate::encode::js::js_string(name),
            crate::encode::js::js_json(&detail),
        ))
    }

    /// Replaces the page's URL without navigating (`history.replaceState`).
    ///
    /// ```
    /// let script = datastar_runtime::ExecuteScript::replace_url("/items?page=2");
    /// assert_eq!(script.script(), "window.history.replaceState({},\"\",\"/items?page=2\")");
    /// ```
    pub fn replace_url(url: &str) -> Self {
        ExecuteScript::new(format!(
            "window.history.replaceState({{}},\"\",{})",
            crate::encode::js::js_string(url)
        ))
    }

    /// The script text.
    ///
    /// ```
    /// assert_eq!(datastar_runtime::ExecuteScript::new("go()").script(), "go()");
    /// ```
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
    /// Navigates to this URL (2024 cannot send an empty one).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Redirect};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V021.encode(&Redirect::new("/login").into(), &mut buf).unwrap();
    /// assert_eq!(
    ///     &buf[..],
    ///     b"event: datastar-execute-script\ndata: script setTimeout(() => window.location.href = \"/login\")\n\n"
    /// );
    /// ```
    pub fn new(url: impl Into<Text>) -> Self {
        Redirect { url: url.into() }
    }
}

/// The browser console method a [`ConsoleMessage`] uses.
///
/// ```
/// use datastar_runtime::ConsoleLevel;
/// assert_eq!(ConsoleLevel::default(), ConsoleLevel::Log);
/// ```
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
    ///
    /// ```
    /// assert_eq!(datastar_runtime::ConsoleLevel::GroupEnd.as_str(), "groupEnd");
    /// ```
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
    /// A message at this level (not in 2024, whose client has no console event).
    ///
    /// ```
    /// use datastar_runtime::{ConsoleLevel, ConsoleMessage, Dialect};
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V019.encode(&ConsoleMessage::new(ConsoleLevel::Info, "two\nlines").into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-console\ndata: info two\ndata: lines\n\n");
    /// ```
    pub fn new(level: ConsoleLevel, message: impl Into<Text>) -> Self {
        ConsoleMessage {
            level,
            message: message.into(),
        }
    }
}
