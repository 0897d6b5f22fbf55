//! Real-browser tests: the demo, served in-process, driven by Debian's Chromium through
//! `tests/browser/run.mjs` with the published Datastar clients (0.19.9 for the seed pages,
//! 1.0.1 for the `/v1/` pages).
//!
//! Setup (once per machine): `scripts/install-browser-deps.sh` and `scripts/fetch-clients.sh`.
//! Without it the test is SKIPPED with a message, except when `CI` is set: then it fails.
//! `UPDATE_SCREENSHOT=1` rewrites `docs/screenshot.png` from the run.

use std::path::{Path, PathBuf};
use std::process::Command;

use datastar_runtime::Shutdown;

/// What the browser run needs, found on this machine.
struct Setup {
    node: PathBuf,
    runner: PathBuf,
    client_019: PathBuf,
    client_v1: PathBuf,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The folder `scripts/fetch-clients.sh` caches the clients in.
fn clients_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DATASTAR_CLIENTS_DIR") {
        return Some(PathBuf::from(dir));
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(cache.join("datastar-dsl").join("clients"))
}

fn client(variable: &str, file: &str) -> Option<PathBuf> {
    std::env::var_os(variable)
        .map(PathBuf::from)
        .or_else(|| clients_dir().map(|dir| dir.join(file)))
}

/// Finds everything, or says everything that is missing.
fn find_setup() -> Result<Setup, Vec<String>> {
    let root = repo_root();
    let mut missing = Vec::new();
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.is_file() {
        missing.push(format!("Chromium at {}", chromium.display()));
    }
    let node = PathBuf::from("node");
    if Command::new(&node).arg("--version").output().is_err() {
        missing.push("node on the PATH".to_owned());
    }
    let playwright = root.join("tests/browser/node_modules/playwright-core");
    if !playwright.is_dir() {
        missing.push(format!("playwright-core in {}", playwright.display()));
    }
    let client_019 = client("DATASTAR_CLIENT_019", "datastar-0.19.9.js");
    let client_v1 = client("DATASTAR_CLIENT_V1", "datastar-1.0.1.js");
    for (name, path) in [("0.19.9", &client_019), ("1.0.1", &client_v1)] {
        match path {
            Some(path) if path.is_file() => {}
            Some(path) => missing.push(format!("the Datastar {name} client at {}", path.display())),
            None => missing.push(format!("the Datastar {name} client (no HOME or XDG_CACHE_HOME)")),
        }
    }
    match (client_019, client_v1) {
        (Some(client_019), Some(client_v1)) if missing.is_empty() => Ok(Setup {
            node,
            runner: root.join("tests/browser/run.mjs"),
            client_019,
            client_v1,
        }),
        _ => Err(missing),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_pages_work_in_chromium_with_the_published_clients() {
    let setup = match find_setup() {
        Ok(setup) => setup,
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
    let config = demo::Config {
        client_js: Some(setup.client_019.clone()),
        client_js_v1: Some(setup.client_v1.clone()),
        ..demo::Config::default()
    };
    let shutdown = Shutdown::new();
    let server = tokio::spawn(
        datastar_runtime::serve(demo::app(config))
            .listener(listener)
            .shutdown(shutdown.clone())
            .signals(false)
            .into_future(),
    );

    let screenshot = if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        repo_root().join("docs/screenshot.png")
    } else {
        std::env::temp_dir().join(format!("datastar-demo-screenshot-{}.png", std::process::id()))
    };
    let mut command = Command::new(&setup.node);
    command
        .arg(&setup.runner)
        .arg(&base)
        .arg("--screenshot")
        .arg(&screenshot);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the runner's thread")
        .expect("start node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");

    // Every page is closed now: each page's feed must have ended with it.
    let mut open = demo::open_feeds();
    for _ in 0..300 {
        if open == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        open = demo::open_feeds();
    }
    shutdown.trigger();
    server.await.expect("the server task").expect("the server");

    assert!(
        output.status.success(),
        "the browser run failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert_eq!(
        stdout.lines().filter(|line| line.starts_with("ok ")).count(),
        4,
        "every page × client must pass:\n{stdout}"
    );
    assert_eq!(open, 0, "feeds still streaming 3 s after their pages closed");
    let shot = std::fs::metadata(&screenshot).expect("the screenshot was written");
    assert!(shot.len() > 1000, "the screenshot is {} bytes", shot.len());
}

/// The pages in 0.21 syntax with the 0.21.4 client (`DATASTAR_CLIENT_021`, or
/// `datastar-0.21.4.js` in the clients folder), skipped like the test above.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_in_0_21_syntax_work_in_chromium_with_the_0_21_4_client() {
    let (setup, client_021) = match (find_setup(), client("DATASTAR_CLIENT_021", "datastar-0.21.4.js")) {
        (Ok(setup), Some(client)) if client.is_file() => (setup, client),
        (setup, client) => {
            let message = format!(
                "browser tests need the 0.21.4 client ({client:?}) and: {}",
                setup.err().unwrap_or_default().join(", ")
            );
            if std::env::var_os("CI").is_some() {
                panic!("\n\n*** BROWSER TESTS CANNOT RUN IN CI ***\n  {message}\n");
            }
            eprintln!("\n*** SKIPPED: 0.21 browser tests ***\n  {message}\n");
            return;
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    let config = demo::Config {
        client_js_021: Some(client_021),
        ..demo::Config::default()
    };
    let shutdown = Shutdown::new();
    let server = tokio::spawn(
        datastar_runtime::serve(demo::app(config))
            .listener(listener)
            .shutdown(shutdown.clone())
            .signals(false)
            .into_future(),
    );
    let mut command = Command::new(&setup.node);
    command.arg(&setup.runner).arg(&base).arg("--only").arg("/v021/");
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the runner's thread")
        .expect("start node");
    shutdown.trigger();
    server.await.expect("the server task").expect("the server");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser run failed:\n{stdout}");
    let passed: Vec<&str> = stdout.lines().filter(|line| line.starts_with("ok ")).collect();
    assert_eq!(passed.len(), 2, "both 0.21 pages must pass:\n{stdout}");
    assert!(passed.iter().all(|line| line.contains("with 0.21.4")), "{stdout}");
}
