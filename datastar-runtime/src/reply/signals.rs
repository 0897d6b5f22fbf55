//! Signals from any serialisable value: what a `#[signals]` function's value becomes.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

use crate::event::PatchSignals;
use crate::reply::into_events::IntoEvents;
use crate::reply::response::Reply;
use crate::reply::writer::EventWriter;

/// A value patched into the client's signals, serialised to JSON when it is made.
///
/// A value that fails to serialise (a map with non-string keys, a failing `Serialize`
/// implementation) is logged and answered with a 500 when the reply is written, never
/// sent half-written.
///
/// ```
/// use datastar_runtime::{Dialect, IntoEvents};
/// use datastar_runtime::reply::{EventWriter, SignalsReply};
/// #[derive(serde::Serialize)]
/// struct Counter { count: u32 }
/// let mut out = EventWriter::new(Dialect::V1);
/// SignalsReply::new(&Counter { count: 1 }).only_if_missing(true).write_events(&mut out);
/// assert_eq!(
///     &out.finish().ready[..],
///     &b"event: datastar-patch-signals\ndata: onlyIfMissing true\ndata: signals {\"count\":1}\n\n"[..]
/// );
/// ```
#[derive(Debug)]
pub struct SignalsReply {
    patch: Result<PatchSignals, serde_json::Error>,
}

impl SignalsReply {
    /// Patches the signals `value` serialises to (a JSON object).
    pub fn new<T: Serialize + ?Sized>(value: &T) -> Self {
        SignalsReply {
            patch: PatchSignals::serialize(value),
        }
    }

    /// Only sets signals the client does not have yet.
    pub fn only_if_missing(mut self, on: bool) -> Self {
        self.patch = self.patch.map(|patch| patch.only_if_missing(on));
        self
    }
}

impl IntoEvents for SignalsReply {
    fn write_events(self, out: &mut EventWriter) {
        match self.patch {
            Ok(patch) => patch.write_events(out),
            Err(error) => {
                tracing::error!(%error, "a #[signals] value cannot be serialised as JSON");
                out.fail((StatusCode::INTERNAL_SERVER_ERROR, "the signals cannot be serialised").into_response());
            }
        }
    }
}

impl IntoResponse for SignalsReply {
    fn into_response(self) -> Response {
        Reply(self).into_response()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::Dialect;

    #[test]
    fn a_value_that_cannot_be_json_is_a_500_not_an_event() {
        // JSON object keys must be strings.
        let value = BTreeMap::from([((1, 2), "pair key")]);
        let mut out = EventWriter::new(Dialect::V1);
        SignalsReply::new(&value).write_events(&mut out);
        let written = out.finish();
        assert!(written.ready.is_empty());
        match written.failure {
            Some(crate::reply::Failure::Response(response)) => {
                assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR)
            }
            other => panic!("expected a 500 response, got {other:?}"),
        }
    }
}
