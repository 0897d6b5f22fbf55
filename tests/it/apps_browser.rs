//! The apps of `apps_support` in Debian's Chromium with the published Datastar 1.0.1 client,
//! driven by `tests/browser/apps.mjs`.
//!
//! Finds Chromium, node, playwright-core and the client as `browser.rs` does
//! (`tests::browser_setup`). `scripts/test.sh` sets them up; without them
//! `tests/build.rs` marks the test ignored with the command to run, and run anyway
//! (`--include-ignored`) it fails saying what is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use datastar_runtime::test::TestServer;
use tests::browser_setup as setup;

use crate::apps_support;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    browser_setup_missing,
    ignore = "no Chromium, playwright-core or Datastar clients here (see the build warning); scripts/test.sh sets them up and runs every test"
)]
async fn the_apps_work_in_chromium_with_the_1_0_1_client() {
    let setup = setup::find(&repo_root()).unwrap_or_else(|missing| panic!("\n\n{}\n", setup::advice(&missing)));
    let client = setup
        .v1_clients
        .iter()
        .find(|(version, _)| *version == "1.0.1")
        .map(|(_, file)| file.clone())
        .expect("the 1.0.1 client is among the 1.0 clients the setup finds");

    let apps = apps_support::Apps::new(Duration::from_millis(200));
    let server = TestServer::start(apps_support::router(apps.clone(), Some(client)))
        .await
        .expect("a test server");
    let base = server.url("");

    let mut command = Command::new("node");
    command
        .arg(repo_root().join("tests/browser/apps.mjs"))
        .arg(&base)
        .env("CHROMIUM", &setup.chromium);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the runner's thread")
        .expect("start node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    server.stop().await.expect("the server");

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
