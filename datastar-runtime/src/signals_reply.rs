//! Signals from any serialisable value: what a `#[signals]` function's value becomes.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

use crate::event::PatchSignals;
use crate::into_events::IntoEvents;
use crate::response::Reply;
use crate::writer::EventWriter;

/// A value patched into the client's signals, serialised as JSON when the reply is written.
///
/// A value that fails to serialise (a map with non-string keys, a failing `Serialize`
/// implementation) is logged and answered with a 500, never sent half-written.
///
/// ```
/// use datastar_runtime::{Dialect, EventWriter, IntoEvents, SignalsReply};
/// #[derive(serde::Serialize)]
/// struct Counter { count: u32 }
/// let mut out = EventWriter::new(Dialect::V1);
/// SignalsReply::new(Counter { count: 1 }).only_if_missing(true).write_events(&mut out);
/// assert_eq!(
///     &out.finish().ready[..],
///     &b"event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {\"count\":1}\n\n"[..]
/// );
/// ```
#[derive(Clone, Debug)]
pub struct SignalsReply<T> {
    value: T,
    only_if_missing: bool,
}

impl<T: Serialize> SignalsReply<T> {
    /// Patches the signals `value` serialises to (a JSON object).
    pub fn new(value: T) -> Self {
        SignalsReply {
            value,
            only_if_missing: false,
        }
    }

    /// Only sets signals the client does not have yet.
    pub fn only_if_missing(mut self, on: bool) -> Self {
        self.only_if_missing = on;
        self
    }
}

impl<T: Serialize> IntoEvents for SignalsReply<T> {
    fn write_events(self, out: &mut EventWriter) {
        match PatchSignals::serialize(&self.value) {
            Ok(patch) => patch.only_if_missing(self.only_if_missing).write_events(out),
            Err(error) => {
                tracing::error!(%error, "a #[signals] value cannot be serialised as JSON");
                out.fail((StatusCode::INTERNAL_SERVER_ERROR, "the signals cannot be serialised").into_response());
            }
        }
    }
}

impl<T: Serialize> IntoResponse for SignalsReply<T> {
    fn into_response(self) -> Response {
        Reply(self).into_response()
    }
}
