//! Real-browser tests: the demo, served in-process, driven by Debian's Chromium through
//! `tests/browser/run.mjs` with the published Datastar clients: 0.19.9 for the seed pages,
//! 1.0.1 and 1.0.2 for the `/v1/` pages (one demo per 1.0 client).
//!
//! `scripts/test.sh` sets up what it needs (Chromium, playwright-core, the clients) and runs
//! every test. Without that setup, `tests/build.rs` marks this test ignored with the command
//! to run, and run anyway (`--include-ignored`) it fails saying what is missing.
//! `UPDATE_SCREENSHOT=1` rewrites `docs/screenshot.png` from the run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use datastar_runtime::test::TestServer;
use tests::browser_setup as setup;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Serves the demo with these clients and runs the browser through it with `args`; what it
/// printed, and how many feeds were still open once it had closed every page.
async fn run_browser(setup: &setup::Setup, config: demo::Config, args: Vec<String>) -> (Output, usize) {
    let feeds = config.open_feeds.clone();
    let server = TestServer::start(demo::app(config)).await.expect("a test server");
    let base = server.url("");
    let mut command = Command::new("node");
    command
        .arg(&setup.runner)
        .arg(&base)
        .args(args)
        .env("CHROMIUM", &setup.chromium);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the runner's thread")
        .expect("start node");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));

    // Every page is closed now: each page's feed must have ended with it. Counted before
    // the server stops, which would end them all.
    for _ in 0..300 {
        if feeds.count() == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let open = feeds.count();
    server.stop().await.expect("the server");
    (output, open)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    browser_setup_missing,
    ignore = "no Chromium, playwright-core or Datastar clients here (see the build warning); scripts/test.sh sets them up and runs every test"
)]
async fn demo_pages_work_in_chromium_with_the_published_clients() {
    let setup = setup::find(&repo_root()).unwrap_or_else(|missing| panic!("\n\n{}\n", setup::advice(&missing)));
    // What the demo serves by default is among what is tested here.
    assert_eq!(setup::SEED_CLIENT, demo::CLIENT_019.version);
    assert!(
        setup::V1_CLIENTS.contains(&demo::CLIENT_V1.version),
        "the demo pins {}, the test runs {:?}",
        demo::CLIENT_V1.version,
        setup::V1_CLIENTS
    );

    let screenshot = if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        repo_root().join("docs/screenshot.png")
    } else {
        std::env::temp_dir().join(format!("datastar-demo-screenshot-{}.png", std::process::id()))
    };
    // Every page with the first 1.0 client (and the screenshot), then the 1.0 pages with each other.
    let mut runs = Vec::new();
    for (index, (version, client_v1)) in setup.v1_clients.iter().enumerate() {
        let config = demo::Config {
            client_js: Some(setup.seed_client.clone()),
            client_js_v1: Some(client_v1.clone()),
            ..demo::Config::default()
        };
        let mut args = vec!["--clients".to_owned(), format!("{},{version}", setup::SEED_CLIENT)];
        if index == 0 {
            args.extend(["--screenshot".to_owned(), screenshot.display().to_string()]);
        } else {
            args.extend(["--only".to_owned(), "/v1/".to_owned()]);
        }
        let (output, open) = run_browser(&setup, config, args).await;
        runs.push((*version, index == 0, output, open));
    }

    assert_eq!(runs.len(), setup::V1_CLIENTS.len());
    for (version, all_pages, output, open) in &runs {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "the browser run with {version} failed ({}):\n{stdout}\n{stderr}",
            output.status
        );
        assert_eq!(
            stdout.lines().filter(|line| line.starts_with("ok ")).count(),
            if *all_pages { 4 } else { 2 },
            "every page × client must pass:\n{stdout}"
        );
        assert_eq!(*open, 0, "feeds still streaming 3 s after their pages closed");
    }
    let shot = std::fs::metadata(&screenshot).expect("the screenshot was written");
    assert!(shot.len() > 1000, "the screenshot is {} bytes", shot.len());
}

/// The pages in 0.21 syntax with the 0.21.4 client, set up and ignored like the test above.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    browser_setup_missing,
    ignore = "no Chromium, playwright-core or Datastar clients here (see the build warning); scripts/test.sh sets them up and runs every test"
)]
async fn pages_in_0_21_syntax_work_in_chromium_with_the_0_21_4_client() {
    let setup = setup::find(&repo_root()).unwrap_or_else(|missing| panic!("\n\n{}\n", setup::advice(&missing)));
    let client_021 = setup.v021_client.clone();
    let config = demo::Config {
        client_js_021: Some(client_021),
        ..demo::Config::default()
    };
    let server = TestServer::start(demo::app(config)).await.expect("a test server");
    let base = server.url("");
    let mut command = Command::new("node");
    command
        .arg(&setup.runner)
        .arg(&base)
        .args(["--only", "/v021/"])
        .env("CHROMIUM", &setup.chromium);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the runner's thread")
        .expect("start node");
    server.stop().await.expect("the server");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser run failed:\n{stdout}");
    let passed: Vec<&str> = stdout.lines().filter(|line| line.starts_with("ok ")).collect();
    assert_eq!(passed.len(), 2, "both 0.21 pages must pass:\n{stdout}");
    assert!(passed.iter().all(|line| line.contains("with 0.21.4")), "{stdout}");
}
