//! Marks the bundle test (`tests/bundles.rs`) ignored when the published clients are not in
//! the client cache, so that a plain `cargo test` lists it as not run instead of passed.
//! Under `CI=true` it is never marked, so there a missing client fails it, as it does when
//! run with `--include-ignored` (which `scripts/test.sh` does, after fetching the clients).
//!
//! The cache is found as the demo and the browser test find it: the same file, included.

#[path = "../demo/src/client_cache.rs"]
mod client_cache;

/// The clients the vocabulary is checked against: 0.19.9, 0.21.4, and the two 1.0 builds.
const CLIENTS: [&str; 4] = ["0.19.9", "0.21.4", "1.0.1", "1.0.2"];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(clients_missing)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=../demo/src/client_cache.rs");
    for variable in ["DATASTAR_CLIENTS_DIR", "XDG_CACHE_HOME", "HOME", "CI"] {
        println!("cargo::rerun-if-env-changed={variable}");
    }
    let dir = client_cache::dir(|name| std::env::var(name).ok());
    // The cache folder, or until it exists its parent, which the fetch script's `mkdir`
    // changes: a missing path would rerun this script, and rebuild the crate, every build.
    let watched = dir.iter().flat_map(|dir| [Some(dir.as_path()), dir.parent()]).flatten();
    if let Some(existing) = watched.into_iter().find(|path| path.is_dir()) {
        println!("cargo::rerun-if-changed={}", existing.display());
    }
    let missing = CLIENTS
        .iter()
        .any(|version| client_cache::find(dir.as_ref(), version).is_none());
    if missing && std::env::var("CI").as_deref() != Ok("true") {
        println!("cargo::rustc-cfg=clients_missing");
    }
}
