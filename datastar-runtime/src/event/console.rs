//! Writing to the browser console.

use crate::event::Text;

/// The browser console method a [`ConsoleMessage`] uses.
///
/// ```
/// use datastar_runtime::event::ConsoleLevel;
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
    /// Every level, in the order of the enum.
    ///
    /// ```
    /// use datastar_runtime::event::ConsoleLevel;
    /// assert!(ConsoleLevel::ALL.iter().any(|level| level.as_str() == "groupEnd"));
    /// ```
    pub const ALL: [ConsoleLevel; 7] = [
        ConsoleLevel::Debug,
        ConsoleLevel::Error,
        ConsoleLevel::Info,
        ConsoleLevel::Log,
        ConsoleLevel::Warn,
        ConsoleLevel::Group,
        ConsoleLevel::GroupEnd,
    ];

    /// The console method's name.
    ///
    /// ```
    /// assert_eq!(datastar_runtime::event::ConsoleLevel::GroupEnd.as_str(), "groupEnd");
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
/// use datastar_runtime::event::{ConsoleLevel, ConsoleMessage};
/// let msg = ConsoleMessage::new(ConsoleLevel::Warn, "disk almost full");
/// # let _ = msg;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ConsoleMessage {
    /// The console method.
    pub level: ConsoleLevel,
    /// The message text.
    pub message: Text,
}

impl ConsoleMessage {
    /// A message at this level (not in 2024, whose client has no console event).
    ///
    /// ```
    /// use datastar_runtime::Dialect;
    /// use datastar_runtime::event::{ConsoleLevel, ConsoleMessage};
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
