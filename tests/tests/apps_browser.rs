//! The apps of `apps_support` in Debian's Chromium with the published Datastar 1.0.1 client,
//! driven by `tests/browser/apps.mjs`.
//!
//! Finds Chromium, node, playwright-core and the client as `browser.rs` does (the same
//! variables and cache folder; setup once: `scripts/install-browser-deps.sh` and
//! `scripts/fetch-clients.sh`). Without them the test is SKIPPED with a message, except
//! when `CI` is set: then it fails.

mod apps_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use datastar_runtime::Shutdown;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The 1.0.1 client, where `scripts/fetch-clients.sh` caches it (or `DATASTAR_CLIENT_V1`).
fn client_v1() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DATASTAR_CLIENT_V1") {
        return Some(PathBuf::from(path));
    }
    let dir = match std::env::var_os("DATASTAR_CLIENTS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?
            .join("datastar-dsl")
            .join("clients"),
    };
    Some(dir.join("datastar-1.0.1.js"))
}

/// The client's path, or everything that is missing.
fn find_setup() -> Result<PathBuf, Vec<String>> {
    let mut missing = Vec::new();
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.is_file() {
        missing.push(format!("Chromium at {}", chromium.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node on the PATH".to_owned());
    }
    let playwright = repo_root().join("tests/browser/node_modules/playwright-core");
    if !playwright.is_dir() {
        missing.push(format!("playwright-core in {}", playwright.display()));
    }
    let client = client_v1();
    match &client {
        Some(path) if path.is_file() => {}
        Some(path) => missing.push(format!("the Datastar 1.0.1 client at {}", path.display())),
        None => missing.push("the Datastar 1.0.1 client (no HOME or XDG_CACHE_HOME)".to_owned()),
    }
    match client {
        Some(client) if missing.is_empty() => Ok(client),
        _ => Err(missing),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_apps_work_in_chromium_with_the_1_0_1_client() {
    let client = match find_setup() {
        Ok(client) => client,
        Err(missing) => {
            let message = format!(
                "browser tests need: {}.\n  Install with: scripts/install-browser-deps.sh && scripts/fetch-clients.sh",
                missing.join(", ")
            );
            if std::env::var_os("CI").is_some() {
                panic!("\n\n*** BROWSER TESTS CANNOT RUN IN CI ***\n  {message}\n");
            }
            eprintln!("\n*** SKIPPED: browser tests ***\n  {message}\n  (with CI set, this is a failure)\n");
            return;
        }
    };

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    let apps = apps_support::Apps::new(Duration::from_millis(200));
    let shutdown = Shutdown::new();
    let server = tokio::spawn(
        datastar_runtime::serve(apps_support::router(apps.clone(), Some(client)))
            .listener(listener)
            .shutdown(shutdown.clone())
            .signals(false)
            .into_future(),
    );

    let mut command = Command::new("node");
    command.arg(repo_root().join("tests/browser/apps.mjs")).arg(&base);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the runner's thread")
        .expect("start node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    shutdown.trigger();
    server.await.expect("the server task").expect("the server");

    assert!(
        output.status.success(),
        "the browser run failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert_eq!(
        stdout.lines().filter(|line| line.starts_with("ok ")).count(),
        5,
        "every app must pass:\n{stdout}"
    );
    assert_eq!(apps.running(), 0, "a loop still runs after every page closed");
}
