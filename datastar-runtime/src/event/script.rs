//! Running a script in the page.

use serde::Serialize;

use crate::event::Text;

/// Run a script in the page (0.21 and 1.0; the 2024 and 0.19 clients cannot run scripts).
///
/// Without attributes the client's default applies: 0.21 runs a module script (its
/// default attributes are `type module`), 1.0 a classic one, as the official SDKs do.
///
/// ```
/// use datastar_runtime::event::ExecuteScript;
/// let script = ExecuteScript::new("console.log('hi')").attribute("type", "module").auto_remove(false);
/// let event = ExecuteScript::dispatch_event("saved", &serde_json::json!({"id": 7}));
/// let url = ExecuteScript::replace_url("/items?page=2");
/// # let _ = (script, event, url);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ExecuteScript {
    /// The script text.
    ///
    /// ```
    /// assert_eq!(datastar_runtime::event::ExecuteScript::new("go()").script, "go()");
    /// ```
    pub script: Text,
    /// The `<script>` element's attributes, in order, as (name, value).
    pub attributes: Vec<(Text, Text)>,
    /// Whether the client removes the `<script>` element after running it.
    pub auto_remove: bool,
}

impl ExecuteScript {
    /// Runs this JavaScript; the `<script>` element is removed afterwards by default.
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::ExecuteScript;
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
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::ExecuteScript;
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
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::ExecuteScript;
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
    /// let script = datastar_runtime::event::ExecuteScript::dispatch_event("saved", &serde_json::json!({"id": 7}));
    /// assert!(script.script.starts_with("[document].forEach(t=>t.dispatchEvent(new CustomEvent(\"saved\""));
    /// ```
    pub fn dispatch_event<T: Serialize + ?Sized>(name: &str, detail: &T) -> Self {
        Self::dispatch_event_on("document", name, detail)
    }

    /// Dispatches a bubbling `CustomEvent` on every element matching `selector`
    /// (`"document"` and `"window"` name those objects).
    ///
    /// ```
    /// let script = datastar_runtime::event::ExecuteScript::dispatch_event_on(".card", "refresh", &());
    /// assert!(script.script.starts_with("document.querySelectorAll(\".card\")"));
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
    /// let script = datastar_runtime::event::ExecuteScript::replace_url("/items?page=2");
    /// assert_eq!(script.script, "window.history.replaceState({},\"\",\"/items?page=2\")");
    /// ```
    pub fn replace_url(url: &str) -> Self {
        ExecuteScript::new(format!(
            "window.history.replaceState({{}},\"\",{})",
            crate::encode::js::js_string(url)
        ))
    }
}
