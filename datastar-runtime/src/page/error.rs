//! Why a page cannot be rendered for the generation that serves it.

use std::fmt;

pub use super::captures::CaptureError;
pub use datastar_syntax::AttributeError;

/// Why a [`page!`](crate::page!) could not be rendered: the error of one generation's
/// rendering; the page renders for the others.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageError {
    /// The page writes an attribute the served generation has no spelling for, like
    /// `data-indicator:busy` for a 0.19 client.
    Attribute(AttributeError),
    /// An action's values do not fit its route's path captures.
    Capture(CaptureError),
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::Attribute(error) => error.fmt(f),
            PageError::Capture(error) => error.fmt(f),
        }
    }
}

// Display already says what the inner error says, so there is no `source` to repeat it.
impl std::error::Error for PageError {}

/// A page that cannot be rendered is the server's mistake, not the client's: `500`, with
/// the reason in the log (at `error`, where it is seen) and not in the body (which a
/// visitor would read).
///
/// ```
/// use axum::response::IntoResponse;
/// use datastar_runtime::page::{CaptureError, PageError};
/// let error = PageError::Capture(CaptureError { path: "/users/{id}", reason: "no value for the capture `id`".into() });
/// let response = error.into_response();
/// assert_eq!(response.status(), 500);
/// ```
impl axum::response::IntoResponse for PageError {
    fn into_response(self) -> axum::response::Response {
        tracing::error!(error = %self, "a page could not be rendered");
        (
            http::StatusCode::INTERNAL_SERVER_ERROR,
            "the page could not be rendered; the server's log says why",
        )
            .into_response()
    }
}

impl From<AttributeError> for PageError {
    fn from(error: AttributeError) -> Self {
        PageError::Attribute(error)
    }
}

impl From<CaptureError> for PageError {
    fn from(error: CaptureError) -> Self {
        PageError::Capture(error)
    }
}
