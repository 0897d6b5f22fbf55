//! The buffer a reply is encoded into: ready events become bytes at once, in the dialect
//! of the router; a feed (a stream) follows them.

use std::pin::Pin;

use axum::response::Response;
use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use futures_util::StreamExt;

use crate::encode::{Dialect, EncodeError};
use crate::event::Event;

/// The feed of a reply: encoded events, produced until the stream ends.
pub type FeedBytes = Pin<Box<dyn Stream<Item = Result<Bytes, EncodeError>> + Send>>;

/// Collects a reply's events, encoded in one dialect.
///
/// Handlers rarely touch it: [`IntoEvents`](crate::IntoEvents) implementations write into it.
///
/// ```
/// use datastar_runtime::{Dialect, IntoEvents};
/// use datastar_runtime::event::Redirect;
/// use datastar_runtime::reply::EventWriter;
/// let mut out = EventWriter::new(Dialect::V019);
/// Redirect::new("/next").write_events(&mut out);
/// let written = out.finish();
/// assert_eq!(&written.ready[..], b"event: datastar-redirect\ndata: url /next\n\n");
/// ```
pub struct EventWriter {
    dialect: Dialect,
    buf: BytesMut,
    feed: Option<FeedBytes>,
    error: Option<Failure>,
    // Some for a broadcast's writer: events are kept as they are, to be encoded later once
    // per subscriber dialect, rather than encoded now.
    collected: Option<Vec<Event>>,
}

/// Why a reply cannot be sent as events.
#[derive(Debug)]
pub enum Failure {
    /// An event the dialect cannot express, or a field that would break the framing.
    Encode(EncodeError),
    /// The handler chose a non-event response (the `Err` of a `Result`).
    Response(Response),
}

/// What an [`EventWriter`] collected.
pub struct Written {
    /// The events available at once, encoded.
    pub ready: Bytes,
    /// The feed, if the reply streams.
    pub feed: Option<FeedBytes>,
    /// The first failure, if any; the reply must not be sent as events then.
    pub failure: Option<Failure>,
}

impl EventWriter {
    /// A writer for one reply in `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        Self::with_capacity(dialect, 0)
    }

    /// A writer whose buffer starts with room for `capacity` bytes.
    pub fn with_capacity(dialect: Dialect, capacity: usize) -> Self {
        EventWriter {
            dialect,
            buf: BytesMut::with_capacity(capacity),
            feed: None,
            error: None,
            collected: None,
        }
    }

    /// A writer that keeps the events instead of encoding them, for a message that is
    /// encoded later in each subscriber's dialect. It reports the 1.0 dialect to values
    /// that ask, which only a feed does, and a collected reply cannot have one.
    pub(crate) fn collecting() -> Self {
        EventWriter {
            collected: Some(Vec::new()),
            ..Self::new(Dialect::V1)
        }
    }

    /// The dialect this reply is encoded in.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Reserves room for about `additional` more bytes, so one event costs one allocation.
    pub fn reserve(&mut self, additional: usize) {
        self.buf.reserve(additional);
    }

    /// Encodes one event after everything written so far.
    pub fn push(&mut self, event: &Event) {
        if self.error.is_some() {
            return;
        }
        if let Some(events) = &mut self.collected {
            events.push(event.clone());
            return;
        }
        if self.feed.is_none() {
            self.buf.reserve(event.encoded_size_hint());
            if let Err(e) = self.dialect.encode(event, &mut self.buf) {
                self.error = Some(Failure::Encode(e));
            }
            return;
        }
        match self.dialect.encode_bytes(std::slice::from_ref(event)) {
            Ok(one) => self.chain(futures_util::stream::once(std::future::ready(Ok(one)))),
            Err(e) => self.error = Some(Failure::Encode(e)),
        }
    }

    /// [`push`](Self::push) for an event the caller no longer needs: a collecting writer
    /// keeps it without a copy.
    pub(crate) fn push_owned(&mut self, event: Event) {
        match &mut self.collected {
            Some(events) if self.error.is_none() => events.push(event),
            _ => self.push(&event),
        }
    }

    /// Appends a stream of events, each encoded when it arrives; later events follow it.
    pub fn feed<S>(&mut self, events: S)
    where
        S: Stream<Item = Event> + Send + 'static,
    {
        let dialect = self.dialect;
        self.feed_bytes(events.map(move |event| dialect.encode_bytes(std::slice::from_ref(&event))));
    }

    /// Appends a stream of events already encoded in this writer's dialect.
    pub fn feed_bytes<S>(&mut self, bytes: S)
    where
        S: Stream<Item = Result<Bytes, EncodeError>> + Send + 'static,
    {
        self.chain(bytes);
    }

    fn chain<S>(&mut self, next: S)
    where
        S: Stream<Item = Result<Bytes, EncodeError>> + Send + 'static,
    {
        self.feed = Some(match self.feed.take() {
            None => Box::pin(next),
            Some(feed) => Box::pin(feed.chain(next)),
        });
    }

    /// Abandons the event reply and answers with `response` instead.
    pub fn fail(&mut self, response: Response) {
        if self.error.is_none() {
            self.error = Some(Failure::Response(response));
        }
    }

    /// Whether a failure has been recorded.
    pub fn has_failed(&self) -> bool {
        self.error.is_some()
    }

    /// Finishes the reply.
    pub fn finish(self) -> Written {
        Written {
            ready: self.buf.freeze(),
            feed: self.feed,
            failure: self.error,
        }
    }

    /// Finishes a [`collecting`](Self::collecting) writer: its events, and what it had to
    /// leave out.
    pub(crate) fn finish_collected(self) -> Collected {
        Collected {
            events: self.collected.unwrap_or_default(),
            had_feed: self.feed.is_some(),
            failure: self.error,
        }
    }
}

/// What a collecting writer kept.
pub(crate) struct Collected {
    pub(crate) events: Vec<Event>,
    /// A feed was written; it cannot be kept as events, so it was dropped.
    pub(crate) had_feed: bool,
    pub(crate) failure: Option<Failure>,
}
