//! The floor: plain axum with no Datastar layer at all. One-shot replies are the exact
//! bytes our demo sends, from a static buffer; feeds write pre-framed SSE bytes.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::response::Response;
use axum::routing::get;
use bytes::Bytes;
use futures_util::StreamExt;
use http::{HeaderValue, header};
use load_bench::feed_html::{fragment, now_nanos, random_u64};
use load_bench::server::{self, producer, subscribe, ticks};

fn main() {
    server::run_with(
        |args| {
            let mut app = Router::new();
            if let Some(path) = &args.node_get {
                app = app.route("/node/get", get(static_reply(path)));
            }
            if let Some(path) = &args.python_target {
                app = app.route("/python/target", get(static_reply(path)));
            }
            let shared = producer(args.period, 16, |stamp| event(stamp, random_u64()));
            let period: Duration = args.period;
            app.route(
                "/bench/broadcast",
                get(move || {
                    let events = subscribe(&shared).map(Ok::<_, Infallible>);
                    std::future::ready(sse(Body::from_stream(events)))
                }),
            )
            .route(
                "/bench/timer",
                get(move || {
                    let events = ticks(period).map(|()| Ok::<_, Infallible>(event(now_nanos(), random_u64())));
                    std::future::ready(sse(Body::from_stream(events)))
                }),
            )
            .route(
                "/bench/idle",
                get(|| {
                    std::future::ready(sse(Body::from_stream(futures_util::stream::pending::<
                        Result<Bytes, Infallible>,
                    >())))
                }),
            )
        },
        |listener, app| async move {
            // Routes made into services once, not once per connection as `axum::serve(listener,
            // router)` does: the least plain axum can hold per connection.
            axum::serve(listener, app.into_make_service()).await
        },
    );
}

/// A handler that answers with the file's bytes, read once and kept for the process.
fn static_reply(path: &std::path::Path) -> impl Fn() -> std::future::Ready<Response> + Clone + Send + 'static {
    let bytes: &'static [u8] = std::fs::read(path).expect("the captured reply").leak();
    move || std::future::ready(sse(Body::from(Bytes::from_static(bytes))))
}

fn event(stamp: u64, value: u64) -> Bytes {
    Bytes::from(format!(
        "event: datastar-patch-elements\ndata: elements {}\n\n",
        fragment(stamp, value)
    ))
}

fn sse(body: Body) -> Response {
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
