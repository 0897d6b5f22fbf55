//! The runtime's integration tests, one binary: each module was a test binary of its own,
//! and linking one instead of several is most of what building the tests costs.

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
