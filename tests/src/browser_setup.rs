//! What the browser test needs on this machine, found, or listed as missing with the
//! command that installs it.
//!
//! Only `std` and the client cache: `tests/build.rs` includes this file too, to mark the
//! browser tests ignored when the setup is missing, and each test checks again when it runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use demo_client_cache as client_cache;

/// The command that sets everything up and runs every test.
pub const SETUP_COMMAND: &str = "scripts/test.sh";

/// The client the seed pages are tested with.
pub const SEED_CLIENT: &str = "0.19.9";

/// The client the pages in 0.21 syntax are tested with.
pub const V021_CLIENT: &str = "0.21.4";

/// The clients the 1.0 pages are tested with, each in a demo of its own: the packager's
/// patched 1.0.1 build and upstream's 1.0.2.
pub const V1_CLIENTS: [&str; 2] = ["1.0.1", "1.0.2"];

/// The environment variables whose values change what [`find`] finds.
pub const VARIABLES: [&str; 5] = ["CHROMIUM", "PATH", "DATASTAR_CLIENTS_DIR", "XDG_CACHE_HOME", "HOME"];

/// What the browser run needs, found on this machine.
pub struct Setup {
    pub chromium: PathBuf,
    pub runner: PathBuf,
    pub seed_client: PathBuf,
    /// The [`V021_CLIENT`] file.
    pub v021_client: PathBuf,
    /// [`V1_CLIENTS`], in order, with their files.
    pub v1_clients: Vec<(&'static str, PathBuf)>,
}

/// Finds everything under the repository `root`, or says everything that is missing.
pub fn find(root: &Path) -> Result<Setup, Vec<String>> {
    let mut missing = Vec::new();
    let chromium = chromium();
    if !chromium.is_file() {
        missing.push(format!("Chromium at {}", chromium.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node on the PATH".to_owned());
    }
    let playwright = node_modules(root).join("playwright-core");
    if !playwright.is_dir() {
        missing.push(format!("playwright-core in {}", playwright.display()));
    }
    let cache = client_cache::dir(|name| std::env::var(name).ok());
    let mut client = |version: &str| {
        let found = client_cache::find(cache.as_ref(), version);
        if found.is_none() {
            match &cache {
                Some(dir) => missing.push(format!("the Datastar {version} client in {}", dir.display())),
                None => missing.push(format!("the Datastar {version} client (no HOME to find the cache in)")),
            }
        }
        found
    };
    let seed_client = client(SEED_CLIENT);
    let v021_client = client(V021_CLIENT);
    let v1_clients: Vec<_> = V1_CLIENTS
        .into_iter()
        .filter_map(|version| client(version).map(|file| (version, file)))
        .collect();
    match (seed_client, v021_client) {
        (Some(seed_client), Some(v021_client)) if missing.is_empty() => Ok(Setup {
            chromium,
            runner: root.join("tests/browser/run.mjs"),
            seed_client,
            v021_client,
            v1_clients,
        }),
        _ => Err(missing),
    }
}

/// The paths whose change can change what [`find`] finds, of those that exist: Chromium,
/// or the folder it would be installed in; `node_modules`, or the folder npm creates it in
/// (`scripts/fetch-clients.sh` touches a file there when it fetched a client); the cache.
pub fn watched(root: &Path) -> Vec<PathBuf> {
    let chromium = chromium();
    let node_modules = node_modules(root);
    let candidates = [
        Some(chromium.clone()),
        chromium.parent().map(Path::to_path_buf),
        Some(node_modules.clone()),
        node_modules.parent().map(Path::to_path_buf),
    ];
    let mut watched: Vec<PathBuf> = candidates
        .chunks(2)
        .filter_map(|pair| pair.iter().flatten().find(|path| path.exists()).cloned())
        .collect();
    watched.extend(client_cache::dir(|name| std::env::var(name).ok()).filter(|dir| dir.is_dir()));
    watched
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

fn node_modules(root: &Path) -> PathBuf {
    root.join("tests/browser/node_modules")
}

/// What to tell someone whose machine misses `missing`.
pub fn advice(missing: &[String]) -> String {
    format!(
        "the browser test needs {}; `{SETUP_COMMAND}` installs them (Chromium from Debian, \
         playwright-core from npm, the clients from their registries) and runs every test",
        missing.join(", ")
    )
}
