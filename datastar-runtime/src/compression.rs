//! Compression of event streams.
