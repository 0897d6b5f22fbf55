//! Compression of event streams (feature `compression`, on by default).
//!
//! tower-http's `CompressionLayer` skips `text/event-stream` by default, because a compressor
//! holds data back until it has enough to be worth compressing, which would stall a live
//! stream. [`layer`] compresses event streams too, and flushes the compressor after every
//! event, so each event reaches the page as soon as it is sent.

pub use tower_http::CompressionLevel;
pub use tower_http::compression::CompressionLayer;
use tower_http::compression::Predicate;
use tower_http::compression::predicate::{NotForContentType, SizeAbove};

/// Compresses responses, event streams included, with gzip or brotli as the client accepts.
///
/// ```
/// use axum::Router;
/// use datastar_runtime::compression;
/// let app: Router = Router::new().layer(compression::layer());
/// # let _ = app;
/// ```
pub fn layer() -> CompressionLayer<EventStreams> {
    CompressionLayer::new().compress_when(EventStreams::default())
}

/// tower-http's default predicate without its exception for `text/event-stream`: compress
/// responses over 32 bytes, except gRPC and images (already compressed). For other
/// settings, build the layer yourself:
///
/// ```
/// use axum::Router;
/// use datastar_runtime::compression::{CompressionLayer, CompressionLevel, EventStreams};
/// let layer = CompressionLayer::new()
///     .no_br()
///     .quality(CompressionLevel::Fastest)
///     .compress_when(EventStreams::default());
/// let app: Router = Router::new().layer(layer);
/// # let _ = app;
/// ```
#[derive(Clone, Copy, Debug)]
pub struct EventStreams {
    size: SizeAbove,
}

impl Default for EventStreams {
    fn default() -> Self {
        EventStreams {
            size: SizeAbove::new(32),
        }
    }
}

impl Predicate for EventStreams {
    fn should_compress<B>(&self, response: &http::Response<B>) -> bool
    where
        B: http_body::Body,
    {
        self.size.should_compress(response)
            && NotForContentType::GRPC.should_compress(response)
            && NotForContentType::IMAGES.should_compress(response)
    }
}
