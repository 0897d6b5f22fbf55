//! Marks the browser test ignored, with the command that sets it up, when this machine
//! lacks what it needs, so that plain `cargo test` shows it as not run instead of passed.
//! `scripts/test.sh` sets everything up and runs the tests with `--include-ignored`, so
//! there the test runs whatever this script saw, and fails if the setup is still missing.
//!
//! What it looks for is `src/browser_setup.rs`, which the test itself checks again at run
//! time: the one file this script shares with the crate, included as it is.
//! It watches only what can change the answer, and only paths that exist: a watched path
//! that is missing would rerun this script, and so rebuild every test here, on every build.

#[path = "src/browser_setup.rs"]
#[allow(dead_code)] // What only the test reads.
mod setup;

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(browser_setup_missing)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/browser_setup.rs");
    for variable in setup::VARIABLES {
        println!("cargo::rerun-if-env-changed={variable}");
    }
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).parent().expect("tests/ has a parent");
    for path in setup::watched(root) {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    if let Err(missing) = setup::find(root) {
        println!("cargo::rustc-cfg=browser_setup_missing");
        println!("cargo::warning=browser test ignored: {}", setup::advice(&missing));
    }
}
