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
