//! The runtime's integration tests as modules of one binary, so they link once instead of
//! once per file.

mod alone;
mod support;

mod allocations;
// These two use the test kit, behind its feature (as a user would enable it).
#[cfg(feature = "test")]
mod conformance;
mod golden;
#[cfg(feature = "test")]
mod parse_roundtrip;
mod property;
