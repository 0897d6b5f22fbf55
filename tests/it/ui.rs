//! Compile tests of the macros: every mistake fails the build with the message in its
//! `.stderr` (reviewed by hand; regenerate with `TRYBUILD=overwrite` and read the diff),
//! and every key and return kind compiles and runs.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
