//! Branches: a handler whose `if` or `match` arms reply with different kinds of values.

use axum::response::{IntoResponse, Response};

use crate::reply::into_events::IntoEvents;
use crate::reply::response::Reply;
use crate::reply::writer::EventWriter;

/// One of two replies, for a handler whose branches return different types: each arm of
/// an `if` or `match` wraps its value, and the handler returns the `Either`.
///
/// ```
/// use datastar_runtime::{IntoEvents, get, maud::html, reply::Either};
/// use datastar_runtime::event::Redirect;
/// # #[derive(serde::Deserialize)] struct Page { page: u32 }
/// #[get("/rows")]
/// async fn rows(datastar_runtime::Signals(p): datastar_runtime::Signals<Page>) -> impl IntoEvents {
///     if p.page < 10 {
///         Either::Left(html! { tr #more { td { "page " (p.page) } } })
///     } else {
///         Either::Right(Redirect::new("/end"))
///     }
/// }
/// ```
///
/// Three or more shapes nest: `Either::Right(Either::Left(..))`. Values that are all
/// events of one kind need no `Either`: convert each arm to that kind (`PatchElements`,
/// `Event`) instead. For an HTTP answer that is not events (a 404, a redirect by status),
/// return a `Result` whose `Err` is that response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Either<L, R> {
    /// The first kind of reply.
    Left(L),
    /// The second kind of reply.
    Right(R),
}

impl<L: IntoEvents, R: IntoEvents> IntoEvents for Either<L, R> {
    fn write_events(self, out: &mut EventWriter) {
        match self {
            Either::Left(value) => value.write_events(out),
            Either::Right(value) => value.write_events(out),
        }
    }
}

impl<L: IntoEvents, R: IntoEvents> IntoResponse for Either<L, R> {
    fn into_response(self) -> Response {
        Reply(self).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::Dialect;
    use crate::event::{PatchElements, Redirect, RemoveElements};

    fn written(value: impl IntoEvents) -> String {
        let mut out = EventWriter::new(Dialect::V1);
        value.write_events(&mut out);
        String::from_utf8(out.finish().ready.to_vec()).expect("UTF-8")
    }

    #[test]
    fn each_arm_writes_its_own_events() {
        let pick = |n: u8| -> Either<PatchElements, Either<RemoveElements, Redirect>> {
            match n {
                0 => Either::Left(PatchElements::new("<p id=\"a\">a</p>")),
                1 => Either::Right(Either::Left(RemoveElements::by_id("a"))),
                _ => Either::Right(Either::Right(Redirect::new("/b"))),
            }
        };
        assert_eq!(
            written(pick(0)),
            "event: datastar-patch-elements\ndata: elements <p id=\"a\">a</p>\n\n"
        );
        assert_eq!(
            written(pick(1)),
            "event: datastar-patch-elements\ndata: selector #a\ndata: mode remove\n\n"
        );
        assert!(written(pick(2)).contains("/b"));
    }
}
