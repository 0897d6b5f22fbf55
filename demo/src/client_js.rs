//! Serving a local Datastar client file (`--client-js`), for offline use and the tests.

use std::path::PathBuf;

use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use http::{StatusCode, header};

/// A route that answers with the file at `path`, read when asked so nothing blocks.
pub(crate) fn serve(path: PathBuf) -> MethodRouter {
    get(move || {
        let path = path.clone();
        async move {
            match tokio::fs::read(&path).await {
                Ok(bytes) => (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    bytes,
                )
                    .into_response(),
                Err(error) => not_found(&path, &error),
            }
        }
    })
}

fn not_found(path: &std::path::Path, error: &std::io::Error) -> Response {
    (
        StatusCode::NOT_FOUND,
        format!("the client file {} cannot be read: {error}", path.display()),
    )
        .into_response()
}
