//! What the macros expand into. Not a public API: only generated code names these items,
//! and they may change in any release.
//!
//! A handler's value is turned into a reply by "autoref dispatch": the generated code calls
//! `(&value).datastar_…_kind()`, and method resolution picks the first trait below whose
//! impl applies (a method on `T` is found before one on `&T`). That chooses by what the
//! value's type implements, including for `impl Trait` types, where plain impls could not:
//! a blanket `impl<S: Stream> FragmentBody for S` would conflict with the impls for the
//! foreign types `Result`, `Option` and `Vec`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use maud::{Markup, PreEscaped};
use serde::Serialize;

pub use axum::response::{IntoResponse, Response};

use crate::reply::feed::FragmentFeed;
use crate::reply::fragment::{Fragment, FragmentOptions};
use crate::reply::into_events::IntoEvents;
use crate::reply::response::Reply;
use crate::reply::signals::SignalsReply;
use crate::reply::writer::EventWriter;
pub use crate::routing::{Method, Route, RouteInfo, Routes};

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
        body.into_fragment(options)
    }
}

/// What a `#[fragment]` function may return, besides a stream of markup.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not markup a `#[fragment]` can patch",
    label = "a `#[fragment]` function must return markup",
    note = "accepted: `maud::Markup`, `Result<T, E>` (E: `IntoResponse`), `Option<T>`, `Vec<T>` and tuples of these, or a `Stream` of `Markup` (`Send + 'static`) for a feed"
)]
pub trait FragmentBody {
    /// The events-and-response value the fragment function returns.
    type Output: IntoEvents + IntoResponse;

    /// Pairs the markup with `options`.
    fn into_fragment(self, options: &'static FragmentOptions) -> Self::Output;
}

impl FragmentBody for Markup {
    type Output = Fragment;

    fn into_fragment(self, options: &'static FragmentOptions) -> Fragment {
        Fragment::new(self, options)
    }
}

/// `Err` answers with its own response.
impl<T: FragmentBody, E: IntoResponse> FragmentBody for Result<T, E> {
    type Output = Result<T::Output, E>;

    fn into_fragment(self, options: &'static FragmentOptions) -> Self::Output {
        self.map(|body| body.into_fragment(options))
    }
}

/// `None` sends no event.
impl<T: FragmentBody> FragmentBody for Option<T> {
    type Output = Fragments<Option<T::Output>>;

    fn into_fragment(self, options: &'static FragmentOptions) -> Self::Output {
        Fragments(self.map(|body| body.into_fragment(options)))
    }
}

/// One event per item, each with the same options.
impl<T: FragmentBody> FragmentBody for Vec<T> {
    type Output = Fragments<Vec<T::Output>>;

    fn into_fragment(self, options: &'static FragmentOptions) -> Self::Output {
        Fragments(self.into_iter().map(|body| body.into_fragment(options)).collect())
    }
}

macro_rules! tuples {
    ($($name:ident)+) => {
        /// One event per element, each with the same options.
        impl<$($name: FragmentBody),+> FragmentBody for ($($name,)+) {
            type Output = Fragments<($($name::Output,)+)>;

            #[allow(non_snake_case)]
            fn into_fragment(self, options: &'static FragmentOptions) -> Self::Output {
                let ($($name,)+) = self;
                Fragments(($($name.into_fragment(options),)+))
            }
        }
    };
}
tuples!(A B);
tuples!(A B C);
tuples!(A B C D);
tuples!(A B C D E);
tuples!(A B C D E F);
tuples!(A B C D E F G);
tuples!(A B C D E F G H);

/// Several fragments as one value that is both events and a response (axum has no
/// response impl for `Option`, `Vec` or tuples of responses).
pub struct Fragments<T>(T);

impl<T: IntoEvents> IntoEvents for Fragments<T> {
    fn write_events(self, out: &mut EventWriter) {
        self.0.write_events(out);
    }
}

impl<T: IntoEvents> IntoResponse for Fragments<T> {
    fn into_response(self) -> Response {
        Reply(self.0).into_response()
    }
}

/// What a remove fragment (`mode = "remove"`) sends: its selector, no markup.
pub fn remove(options: &'static FragmentOptions) -> Fragment {
    Fragment::new(PreEscaped(String::new()), options)
}

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
    note = "return a `#[fragment]` or `#[signals]` function's value, `maud::Markup` (an HTML page), events (`impl IntoEvents`), or anything that implements axum's `IntoResponse`"
)]
pub trait HandlerValue: IntoEvents {}

impl<T: IntoEvents> HandlerValue for T {}
