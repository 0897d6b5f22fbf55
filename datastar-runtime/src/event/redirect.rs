//! Navigating the page.

use crate::event::Text;

/// Navigate the page to a URL.
///
/// ```
/// use datastar_runtime::event::Redirect;
/// let go = Redirect::new("/login");
/// # let _ = go;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Redirect {
    /// Where to navigate.
    pub url: Text,
}

impl Redirect {
    /// Navigates to this URL (2024 cannot send an empty one).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::Redirect;
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
