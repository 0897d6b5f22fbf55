//! A broadcast's message: events sent together, encoded at most once per dialect and
//! shared by every subscriber.

use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use crate::encode::{Dialect, EncodeError};
use crate::event::Event;

/// Events sent together through a [`Broadcast`](super::Broadcast), with their encoding in each dialect made
/// on first use and shared by every subscriber. Cloning is cheap.
///
/// ```
/// use datastar_runtime::Dialect;
/// use datastar_runtime::broadcast::Message;
/// use datastar_runtime::event::PatchElements;
/// let message = Message::new([PatchElements::new("<span id=\"feed\">1</span>")]);
/// let first = message.encoded(Dialect::V1).unwrap();
/// let again = message.encoded(Dialect::V1).unwrap();
/// assert_eq!(first.as_ptr(), again.as_ptr()); // encoded once, shared
/// ```
#[derive(Clone)]
pub struct Message {
    pub(super) shared: Arc<Shared>,
}

pub(super) struct Shared {
    events: Box<[Event]>,
    /// One slot per dialect, in the order of [`slot`].
    encoded: [OnceLock<Encoded>; 4],
}

struct Encoded {
    /// The 2024 dialect's store selector the bytes were made for.
    store: Option<&'static str>,
    bytes: Result<Bytes, EncodeError>,
}

impl Message {
    /// A message of these events, in order.
    pub fn new<I>(events: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Event>,
    {
        Message {
            shared: Arc::new(Shared {
                events: events.into_iter().map(Into::into).collect(),
                encoded: Default::default(),
            }),
        }
    }

    /// The events.
    pub fn events(&self) -> &[Event] {
        &self.shared.events
    }

    /// The events encoded in `dialect`: made on the first call for that dialect, then shared.
    pub fn encoded(&self, dialect: Dialect) -> Result<Bytes, EncodeError> {
        let store = match dialect {
            Dialect::Fragment2024 { store } => store,
            _ => None,
        };
        let cached = self.shared.encoded[slot(dialect)].get_or_init(|| Encoded {
            store,
            bytes: dialect.encode_bytes(&self.shared.events),
        });
        if cached.store == store {
            cached.bytes.clone()
        } else {
            // A second 2024 store selector in one app is rare enough to encode each time.
            dialect.encode_bytes(&self.shared.events)
        }
    }
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Message").field("events", &self.shared.events).finish()
    }
}

fn slot(dialect: Dialect) -> usize {
    match dialect {
        Dialect::Fragment2024 { .. } => 0,
        Dialect::V019 => 1,
        Dialect::V021 => 2,
        Dialect::V1 => 3,
    }
}
