//! Patching and removing signals.

use serde::Serialize;

use crate::event::Text;

/// Patch the client's signals with a JSON merge patch (RFC 7386: `null` removes a signal).
///
/// ```
/// use datastar_runtime::event::PatchSignals;
/// #[derive(serde::Serialize)]
/// struct Counter { count: u32 }
/// let patch = PatchSignals::serialize(&Counter { count: 1 }).unwrap();
/// assert_eq!(patch.json, r#"{"count":1}"#);
/// let raw = PatchSignals::raw("{\"show\": true}").only_if_missing(true);
/// # let _ = raw;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PatchSignals {
    /// The JSON text of the patch.
    ///
    /// ```
    /// assert_eq!(datastar_runtime::event::PatchSignals::raw("{}").json, "{}");
    /// ```
    pub json: Text,
    /// Whether only signals the client does not have yet are set.
    pub only_if_missing: bool,
}

impl PatchSignals {
    /// Patches with raw JSON text, sent as written (it must be a JSON object; 0.x clients
    /// evaluate it as a JavaScript object expression).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::PatchSignals;
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
    /// let patch = datastar_runtime::event::PatchSignals::value(&serde_json::json!({"count": 2}));
    /// assert_eq!(patch.json, r#"{"count":2}"#);
    /// ```
    pub fn value(value: &serde_json::Value) -> Self {
        PatchSignals::raw(value.to_string())
    }

    /// Patches with a JSON value.
    #[deprecated(note = "renamed `value`: the field `json` is the patch's text, which `raw` sets")]
    pub fn json(value: &serde_json::Value) -> Self {
        PatchSignals::value(value)
    }

    /// Patches with any serialisable value (it should serialise to a JSON object).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// let map = BTreeMap::from([("a", 1), ("b", 2)]);
    /// let patch = datastar_runtime::event::PatchSignals::serialize(&map).unwrap();
    /// assert_eq!(patch.json, r#"{"a":1,"b":2}"#);
    /// ```
    pub fn serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        Ok(PatchSignals::raw(serde_json::to_string(value)?))
    }

    /// Only sets signals that the client does not have yet (not in 2024).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::PatchSignals;
    /// let mut buf = bytes::BytesMut::new();
    /// Dialect::V1.encode(&PatchSignals::raw("{}").only_if_missing(true).into(), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {}\n\n");
    /// ```
    pub fn only_if_missing(mut self, on: bool) -> Self {
        self.only_if_missing = on;
        self
    }
}
/// Remove signals by dotted path (`user.name`).
///
/// ```
/// use datastar_runtime::event::RemoveSignals;
/// let remove = RemoveSignals::new(["user.name", "draft"]);
/// # let _ = remove;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RemoveSignals {
    /// The dotted paths of the signals to remove.
    pub paths: Vec<Text>,
}

impl RemoveSignals {
    /// Removes these signal paths (none may be empty; 0.19 also refuses whitespace in them).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::RemoveSignals;
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
