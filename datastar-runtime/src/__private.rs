//! What the macros expand into: the one contract between `datastar-macros` and this crate.
//! Generated code names nothing of the runtime but the items here, so a path elsewhere can
//! move without any macro changing. Not a public API: only generated code names these
//! items, and they may change in any release.
//!
//! A handler's value is turned into a reply by "autoref dispatch": the generated code calls
//! `(&value).datastar_…_kind()`, and method resolution picks the first trait below whose
//! impl applies (a method on `T` is found before one on `&T`). That chooses by what the
//! value's type implements, including for `impl Trait` types, where plain impls could not:
//! a blanket `impl<S: Stream> FragmentBody for S` would conflict with the impls for the
//! foreign types `Result`, `Option` and `Vec`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::response::Response;
use futures_core::Stream;
use maud::{Markup, PreEscaped};
use serde::Serialize;
use serde::de::DeserializeOwned;

// What `#[fragment]` and `#[signals]` name.
pub use crate::encode::Dialect;
pub use crate::event::{Mode, Namespace};
pub use crate::reply::fragment::{FragmentBody, FragmentOptions, RunTimeOptions};
pub use crate::reply::into_events::IntoEvents;
pub use axum::response::IntoResponse;
// What route attributes and `routes!` name.
pub use crate::page::{NoCaptures, PathCaptures};
pub use crate::routing::{Method, Route, RouteInfo, Routes};
// What `page!` and `#[derive(Signals)]` name.
pub use crate::page::initial::{SerializedValue, SignalValue, Value};
pub use crate::page::{Page, PageError, PageSyntax, Signal, TypedSignals};
pub use maud::html;

use crate::page::AttributeError;
use crate::page::initial::Derived;
use crate::reply::feed::FragmentFeed;
use crate::reply::fragment::Fragment;
use crate::reply::response::Reply;
use crate::reply::signals::SignalsReply;

/// First choice for a `#[fragment]` value: a stream of markup becomes a feed.
pub trait FeedKind {
    /// Selects [`FeedTag`].
    fn datastar_fragment_kind(&self) -> FeedTag {
        FeedTag
    }
}

impl<S: Stream<Item = Markup> + Send + 'static> FeedKind for S {}

/// Second choice for a `#[fragment]` value: anything else goes through [`FragmentBody`].
pub trait BodyKind {
    /// Selects [`BodyTag`].
    fn datastar_fragment_kind(&self) -> BodyTag {
        BodyTag
    }
}

impl<T> BodyKind for &T {}

/// A `#[fragment]` value that is a stream of markup.
pub struct FeedTag;

impl FeedTag {
    /// Patches each markup of the stream with `options`, as it comes.
    pub fn fragment<S>(self, stream: S, options: &'static FragmentOptions) -> FragmentFeed<S>
    where
        S: Stream<Item = Markup> + Send + 'static,
    {
        FragmentFeed::new(stream, options)
    }
}

/// A `#[fragment]` value that is not a stream.
pub struct BodyTag;

impl BodyTag {
    /// Pairs the body's markup with `options`.
    pub fn fragment<T: FragmentBody>(self, body: T, options: &'static FragmentOptions) -> T::Output {
        body.into_fragment(options, None)
    }

    /// Pairs the body's markup with `options` and the strings computed at run time.
    pub fn fragment_with<T: FragmentBody>(
        self,
        body: T,
        options: &'static FragmentOptions,
        run_time: &Arc<RunTimeOptions>,
    ) -> T::Output {
        body.into_fragment(options, Some(run_time))
    }
}

/// What a remove fragment (`mode = "remove"`) sends: its selector, no markup.
pub fn remove(options: &'static FragmentOptions) -> Fragment {
    Fragment::new(PreEscaped(String::new()), options)
}

/// A remove fragment whose selector is computed at run time.
pub fn remove_with(options: &'static FragmentOptions, run_time: Arc<RunTimeOptions>) -> Fragment {
    Fragment::with_run_time(PreEscaped(String::new()), options, run_time)
}

/// The run-time strings of one call, shared by every fragment it returns.
pub fn run_time(options: RunTimeOptions) -> Arc<RunTimeOptions> {
    Arc::new(options)
}

/// A `Signals<T>` parameter's `T`, checked where the user wrote it: without this, a type
/// that is not `Deserialize` shows only as the handler not being an axum `Handler`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from the page's signals",
    label = "`Signals<{Self}>` needs a type that implements `serde::Deserialize`",
    note = "derive it: `#[derive(serde::Deserialize)]` on `{Self}`; give fields the page may not have sent yet `#[serde(default)]` or `Option<..>`"
)]
pub trait SignalsType: DeserializeOwned {}

impl<T: DeserializeOwned> SignalsType for T {}

/// Checks a `Signals<T>` parameter's `T` (called at `T`'s span).
pub fn signals_type<T: SignalsType>() {}

/// First choice for a `#[signals]` value: a `Result` whose `Err` is a response.
pub trait ResultSignalsKind {
    /// Selects [`ResultSignalsTag`].
    fn datastar_signals_kind(&self) -> ResultSignalsTag {
        ResultSignalsTag
    }
}

impl<T: Serialize, E: IntoResponse> ResultSignalsKind for Result<T, E> {}

/// Second choice for a `#[signals]` value: the value itself.
pub trait ValueSignalsKind {
    /// Selects [`ValueSignalsTag`].
    fn datastar_signals_kind(&self) -> ValueSignalsTag {
        ValueSignalsTag
    }
}

impl<T> ValueSignalsKind for &T {}

/// A `#[signals]` value that is a `Result`.
pub struct ResultSignalsTag;

impl ResultSignalsTag {
    /// Patches the `Ok` value; `Err` answers with its own response.
    pub fn signals<T: SignalsBody, E: IntoResponse>(
        self,
        value: Result<T, E>,
        only_if_missing: bool,
    ) -> Result<SignalsReply, E> {
        value.map(|value| SignalsReply::new(&value).only_if_missing(only_if_missing))
    }
}

/// A `#[signals]` value that is not a `Result`.
pub struct ValueSignalsTag;

impl ValueSignalsTag {
    /// Patches the value.
    pub fn signals<T: SignalsBody>(self, value: T, only_if_missing: bool) -> SignalsReply {
        SignalsReply::new(&value).only_if_missing(only_if_missing)
    }
}

/// What a `#[signals]` function may return. The reply does not name the value's type, so
/// a value that is not `Serialize` fails once, here.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as signals",
    label = "a `#[signals]` function must return a value that serialises to a JSON object",
    note = "derive `serde::Serialize` for it (a struct or a map), or return `serde_json::Value`; a `Result<T, E>` with `E: IntoResponse` answers `Err` with its own response"
)]
pub trait SignalsBody: Serialize {}

impl<T: Serialize> SignalsBody for T {}

/// First choice for a route handler: a future whose value is a response is the axum
/// handler's future as it is (no wrapper: an async `#[fragment]` costs nothing more).
pub trait ResponseKind {
    /// Selects [`ResponseTag`].
    fn datastar_reply_kind(&self) -> ResponseTag {
        ResponseTag
    }
}

impl<F: Future<Output: IntoResponse>> ResponseKind for F {}

/// Second choice for a route handler: a future whose value is events, sent as a [`Reply`].
pub trait EventsKind {
    /// Selects [`EventsTag`].
    fn datastar_reply_kind(&self) -> EventsTag {
        EventsTag
    }
}

impl<F> EventsKind for &F {}

/// A handler future whose value is a response.
pub struct ResponseTag;

impl ResponseTag {
    /// The future, unchanged.
    pub fn respond<F: Future<Output: IntoResponse>>(self, future: F) -> F {
        future
    }
}

/// A handler future whose value is not a response.
pub struct EventsTag;

impl EventsTag {
    /// The future, its events sent as an SSE reply in the router's dialect.
    pub fn respond<F: Future<Output: HandlerValue>>(self, future: F) -> EventsReply<F> {
        EventsReply {
            future,
            reply: reply::<F::Output>,
        }
    }
}

fn reply<T: HandlerValue>(value: T) -> Response {
    Reply(value).into_response()
}

pin_project_lite::pin_project! {
    /// A handler future whose events become a [`Reply`]. The conversion is chosen (and its
    /// bound checked) in [`EventsTag::respond`], so a value that is not events is one error
    /// there, not a second one at the handler's return type.
    pub struct EventsReply<F: Future> {
        #[pin]
        future: F,
        reply: fn(F::Output) -> Response,
    }
}

impl<F: Future> Future for EventsReply<F> {
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        let this = self.project();
        let reply = *this.reply;
        this.future.poll(cx).map(reply)
    }
}

/// What a route handler may return, besides a response.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither a response nor Datastar events",
    label = "a route handler must return a response or events",
    note = "return a `#[fragment]` or `#[signals]` function's value, `maud::Markup` (an HTML page), events (`impl IntoEvents`), or anything that implements axum's `IntoResponse`",
    note = "events cannot be boxed (`Box<dyn IntoEvents>`): for different events from `if`/`match` arms, return `datastar_runtime::reply::Either::Left(a)` from one arm and `Either::Right(b)` from the other"
)]
pub trait HandlerValue: IntoEvents {}

impl<T: IntoEvents> HandlerValue for T {}

/// What `data-signals=(value)` in a `page!` renders: the initial signals of a
/// `#[derive(Signals)]` value (a bound, so any other value is refused at compile time).
pub fn initial<T: TypedSignals>(value: &T) -> Derived<'_, T> {
    Derived(value)
}

/// A `page!` rendered for a generation that lacks `attribute`, as the page wrote it.
pub fn missing_attribute(attribute: &str, syntax: PageSyntax) -> Result<Markup, PageError> {
    Err(PageError::Attribute(AttributeError {
        attribute: attribute.to_owned(),
        syntax,
    }))
}
