//! What the fuzz targets share: the signals extractor run as axum runs it, and the checks
//! every rejection and every encoded event must pass whatever the input.

use std::cell::RefCell;
use std::convert::Infallible;

use axum::body::Body;
use axum::extract::{FromRequest, OptionalFromRequest};
use axum::response::IntoResponse;
use bytes::Bytes;
use datastar_runtime::Signals;
use datastar_runtime::context;
use datastar_runtime::extract::{SignalsConfig, SignalsRejection};
use http::Request;
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;

thread_local! {
    // One runtime for every input: building one per input would cost more than the input.
    static RUNTIME: RefCell<tokio::runtime::Runtime> = RefCell::new(
        tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a tokio runtime")
    );
}

/// Runs `future` to completion on the fuzzer's runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    RUNTIME.with(|runtime| runtime.borrow().block_on(future))
}

/// The extractor's answer for `request`, as a handler taking `Signals<T>` behind a
/// `config` layer would get it.
pub fn extract<T: DeserializeOwned>(request: Request<Body>, config: SignalsConfig) -> Result<T, SignalsRejection> {
    let extracted = <Signals<T> as FromRequest<()>>::from_request(request, &());
    block_on(context::scope(config, extracted)).map(|Signals(value)| value)
}

/// The same for a handler taking `Option<Signals<T>>`.
pub fn extract_optional<T: DeserializeOwned>(
    request: Request<Body>,
    config: SignalsConfig,
) -> Result<Option<T>, SignalsRejection> {
    let extracted = <Signals<T> as OptionalFromRequest<()>>::from_request(request, &());
    block_on(context::scope(config, extracted)).map(|found| found.map(|Signals(value)| value))
}

/// Every rejection is a 4xx whose plain-text body is its non-empty reason.
pub fn check_rejection(rejection: &SignalsRejection) {
    let status = rejection.status();
    assert!(status.is_client_error(), "{rejection:?} is a {status}");
    let reason = rejection.to_string();
    assert!(!reason.is_empty(), "{rejection:?} has no reason");
    let response = rejection.clone().into_response();
    assert_eq!(response.status(), status);
    let body = block_on(response.into_body().collect())
        .expect("an in-memory body")
        .to_bytes();
    assert_eq!(body, Bytes::from(reason), "the body is the reason");
}

/// A body that arrives in the pieces `cuts` marks (offsets into `bytes`), as a slow or
/// chunked client sends it.
pub fn chunked_body(bytes: &[u8], cuts: &[u8]) -> Body {
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if bytes.is_empty() {
            break;
        }
        let at = (start + usize::from(*cut) % (bytes.len() - start + 1)).min(bytes.len());
        pieces.push(Ok::<_, Infallible>(Bytes::copy_from_slice(&bytes[start..at])));
        start = at;
    }
    pieces.push(Ok(Bytes::copy_from_slice(&bytes[start..])));
    Body::from_stream(futures_util::stream::iter(pieces))
}

/// Checks that `bytes` is one whole SSE event that cannot be read as more, or as another:
/// UTF-8, no CR, every line a known field, the first one `event:`, and one blank line,
/// at the end.
pub fn check_one_event(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("the event is UTF-8");
    assert!(!text.contains('\r'), "a CR would end a line: {text:?}");
    let body = text
        .strip_suffix("\n\n")
        .unwrap_or_else(|| panic!("no blank line at the end: {text:?}"));
    assert!(
        !body.contains("\n\n"),
        "a blank line inside would end the event early: {text:?}"
    );
    assert!(body.starts_with("event: "), "the event name comes first: {text:?}");
    for line in body.split('\n') {
        let known = ["event: ", "id: ", "retry: ", "data: "]
            .iter()
            .any(|field| line.starts_with(field));
        assert!(
            known,
            "a line that is no field this runtime writes: {line:?} in {text:?}"
        );
    }
}
