//! Patching and removing elements.

use std::time::Duration;

use crate::event::{Mode, Namespace, Text};

/// Patch HTML elements into the page.
///
/// Without a selector, each top-level element replaces the element with its id.
///
/// ```
/// use datastar_runtime::Mode;
/// use datastar_runtime::event::PatchElements;
/// let patch = PatchElements::new("<div id=\"output3\">Check this out!</div>")
///     .selector("#main")
///     .mode(Mode::Prepend);
/// # let _ = patch;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PatchElements {
    /// The HTML being patched.
    ///
    /// ```
    /// assert_eq!(datastar_runtime::event::PatchElements::new("<i></i>").elements, "<i></i>");
    /// ```
    pub elements: Text,
    /// The CSS selector of the target; `None` (or empty) targets the elements' ids.
    pub selector: Option<Text>,
    /// What the patch does to its target.
    pub mode: Mode,
    /// The settle duration (0.x clients).
    pub settle: Option<Duration>,
    /// Whether the patch runs in a view transition.
    pub view_transition: bool,
    /// The element the view transition is scoped to (1.0.2), when it runs in one.
    pub view_transition_selector: Option<Text>,
    /// The XML namespace the elements are created in.
    pub namespace: Namespace,
}

impl PatchElements {
    /// Patches these elements (HTML text) by their ids, with the default mode (morph).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::PatchElements;
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
            view_transition_selector: None,
            namespace: Namespace::Html,
        }
    }

    /// Targets the elements matching this CSS selector instead of the elements' ids. An
    /// empty selector is no selector (every client falls back to the ids).
    ///
    /// ```
    /// use datastar_runtime::{Dialect, Mode};
    /// use datastar_runtime::event::PatchElements;
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
    /// use datastar_runtime::{Dialect, Mode};
    /// use datastar_runtime::event::PatchElements;
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
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::PatchElements;
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
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::PatchElements;
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V019.encode(&PatchElements::new("<p id=\"p\"></p>").into(), &mut buf).unwrap();
    /// assert!(buf.starts_with(b"event: datastar-fragment\ndata: vt false\n"));
    /// ```
    pub fn view_transition(mut self, on: bool) -> Self {
        self.view_transition = on;
        self
    }

    /// Creates the elements in the SVG or MathML namespace. Only 1.0 can choose one; the
    /// other dialects refuse SVG and MathML namespaces (wrap such elements in their root).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::{Namespace, PatchElements};
    /// let circle = PatchElements::new("<circle id=\"c\" r=\"4\"></circle>").namespace(Namespace::Svg);
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&circle.clone().into(), &mut buf).unwrap();
    /// assert!(buf.starts_with(b"event: datastar-patch-elements\ndata: namespace svg\n"));
    /// assert!(Dialect::V021.encode(&circle.into(), &mut buf).is_err());
    /// ```
    pub fn namespace(mut self, namespace: Namespace) -> Self {
        self.namespace = namespace;
        self
    }

    /// Scopes the view transition to the element this CSS selector matches (Datastar
    /// 1.0.2's `viewTransitionSelector`), instead of the whole document. It only applies
    /// with [`view_transition`](Self::view_transition); the older dialects cannot scope a
    /// transition and refuse it then. An empty selector is none.
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::encode::EncodeError;
    /// use datastar_runtime::event::PatchElements;
    /// let patch = PatchElements::new("<p id=\"p\"></p>").view_transition(true).view_transition_selector("#list");
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&patch.clone().into(), &mut buf).unwrap();
    /// assert_eq!(
    ///     &buf[..],
    ///     b"event: datastar-patch-elements\ndata: useViewTransition true\ndata: viewTransitionSelector #list\n\
    ///       data: elements <p id=\"p\"></p>\n\n"
    /// );
    /// assert!(matches!(Dialect::V021.encode(&patch.into(), &mut buf), Err(EncodeError::Unsupported { .. })));
    /// ```
    pub fn view_transition_selector(mut self, selector: impl Into<Text>) -> Self {
        self.view_transition_selector = Some(selector.into());
        self
    }
}

impl From<maud::Markup> for PatchElements {
    fn from(markup: maud::Markup) -> Self {
        PatchElements::new(markup.into_string())
    }
}
/// Remove the elements matching a selector.
///
/// ```
/// use datastar_runtime::event::RemoveElements;
/// let by_selector = RemoveElements::new(".toast");
/// let by_id = RemoveElements::by_id("output3");
/// # let _ = (by_selector, by_id);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RemoveElements {
    /// The CSS selector of the elements to remove.
    pub selector: Text,
    /// The settle duration (2024 and 0.21).
    pub settle: Option<Duration>,
    /// Whether the removal runs in a view transition (0.21 and 1.0).
    pub view_transition: bool,
}

impl RemoveElements {
    /// Removes every element matching this CSS selector (which must not be empty).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::RemoveElements;
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
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::RemoveElements;
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
    /// let remove = datastar_runtime::event::RemoveElements::new("#x").settle(Duration::from_millis(200));
    /// # let _ = remove;
    /// ```
    pub fn settle(mut self, settle: Duration) -> Self {
        self.settle = Some(settle);
        self
    }

    /// Uses a view transition where the client supports it (0.21 and 1.0).
    ///
    /// ```
    /// let remove = datastar_runtime::event::RemoveElements::new("#x").view_transition(true);
    /// # let _ = remove;
    /// ```
    pub fn view_transition(mut self, on: bool) -> Self {
        self.view_transition = on;
        self
    }
}
