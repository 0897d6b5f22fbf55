//! What a handler may return: anything that becomes events, composed in order.

use axum::response::IntoResponse;

use crate::event::{
    ConsoleMessage, Event, ExecuteScript, PatchElements, PatchSignals, Redirect, RemoveElements, RemoveSignals,
};
use crate::reply::writer::EventWriter;

/// A value that becomes Datastar events: one event, a fragment, a feed, or a tuple, `Vec`,
/// array or `Option` of them, written in order. Branches that return different kinds of
/// values wrap each arm in an [`Either`](crate::reply::Either).
///
/// ```
/// use datastar_runtime::{Dialect, IntoEvents};
/// use datastar_runtime::event::{PatchElements, RemoveElements};
/// use datastar_runtime::reply::EventWriter;
/// let reply = (PatchElements::new("<p id=\"a\">1</p>"), RemoveElements::by_id("b"));
/// let mut out = EventWriter::new(Dialect::V1);
/// reply.write_events(&mut out);
/// assert_eq!(
///     &out.finish().ready[..],
///     &b"event: datastar-patch-elements\ndata: elements <p id=\"a\">1</p>\n\n\
///        event: datastar-patch-elements\ndata: selector #b\ndata: mode remove\n\n"[..]
/// );
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot become Datastar events",
    label = "this value is not an event, a fragment or a list of them",
    note = "accepted: `maud::Markup`, a `#[fragment]` function's value, `Event` and the event builders (`PatchElements`, `PatchSignals`, `RemoveElements`, `RemoveSignals`, `ExecuteScript`, `Redirect`, `ConsoleMessage`), feeds (`feed`, `every`, `feed_fn`), and tuples, arrays, `Vec`s, `Option`s and `Result<_, impl IntoResponse>`s of these; for branches of different types, wrap each arm in `datastar_runtime::reply::Either`"
)]
pub trait IntoEvents {
    /// Writes the events into `out`, after what it already holds.
    fn write_events(self, out: &mut EventWriter);
}

impl IntoEvents for Event {
    fn write_events(self, out: &mut EventWriter) {
        out.push_owned(self);
    }
}

macro_rules! via_event {
    ($($ty:ty),*) => {$(
        impl IntoEvents for $ty {
            fn write_events(self, out: &mut EventWriter) {
                out.push_owned(Event::from(self));
            }
        }
    )*};
}
via_event!(
    PatchElements,
    PatchSignals,
    RemoveElements,
    RemoveSignals,
    ExecuteScript,
    Redirect,
    ConsoleMessage
);

/// Markup on its own patches elements by their ids, with the default mode.
impl IntoEvents for maud::Markup {
    fn write_events(self, out: &mut EventWriter) {
        PatchElements::from(self).write_events(out);
    }
}

/// No events: the reply is an empty event stream.
impl IntoEvents for () {
    fn write_events(self, _: &mut EventWriter) {}
}

impl<T: IntoEvents> IntoEvents for Option<T> {
    fn write_events(self, out: &mut EventWriter) {
        if let Some(value) = self {
            value.write_events(out);
        }
    }
}

impl<T: IntoEvents> IntoEvents for Vec<T> {
    fn write_events(self, out: &mut EventWriter) {
        for value in self {
            value.write_events(out);
        }
    }
}

impl<T: IntoEvents, const N: usize> IntoEvents for [T; N] {
    fn write_events(self, out: &mut EventWriter) {
        for value in self {
            value.write_events(out);
        }
    }
}

/// `Err` answers with its own response (a 400, a redirect, …) instead of events.
impl<T: IntoEvents, E: IntoResponse> IntoEvents for Result<T, E> {
    fn write_events(self, out: &mut EventWriter) {
        match self {
            Ok(value) => value.write_events(out),
            Err(error) => out.fail(error.into_response()),
        }
    }
}

macro_rules! tuples {
    ($($name:ident)+) => {
        impl<$($name: IntoEvents),+> IntoEvents for ($($name,)+) {
            #[allow(non_snake_case)]
            fn write_events(self, out: &mut EventWriter) {
                let ($($name,)+) = self;
                $($name.write_events(out);)+
            }
        }
    };
}
tuples!(A);
tuples!(A B);
tuples!(A B C);
tuples!(A B C D);
tuples!(A B C D E);
tuples!(A B C D E F);
tuples!(A B C D E F G);
tuples!(A B C D E F G H);
tuples!(A B C D E F G H I);
tuples!(A B C D E F G H I J);
tuples!(A B C D E F G H I J K);
tuples!(A B C D E F G H I J K L);
