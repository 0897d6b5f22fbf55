//! Where `scripts/fetch-clients.sh` caches the published Datastar clients: one file
//! `datastar-VERSION.js` each, in `$DATASTAR_CLIENTS_DIR`, else
//! `$XDG_CACHE_HOME/datastar-dsl/clients`, else `$HOME/.cache/datastar-dsl/clients`.
//!
//! The demo serves the clients it finds here; the browser tests load them, and their build
//! script looks here too, to mark the tests ignored when a client is missing.

use std::path::PathBuf;

/// The cache folder, from the environment read through `env` (an empty value counts as
/// unset); `None` without any of the three variables.
pub fn dir(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |name: &str| env(name).filter(|value| !value.is_empty()).map(PathBuf::from);
    if let Some(dir) = set("DATASTAR_CLIENTS_DIR") {
        return Some(dir);
    }
    let cache = set("XDG_CACHE_HOME").or_else(|| set("HOME").map(|home| home.join(".cache")))?;
    Some(cache.join("datastar-dsl").join("clients"))
}

/// The cached client of `version` in the cache folder `dir`, when it is there.
pub fn find(dir: Option<&PathBuf>, version: &str) -> Option<PathBuf> {
    let file = dir?.join(format!("datastar-{version}.js"));
    file.is_file().then_some(file)
}
