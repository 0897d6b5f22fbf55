//! `cargo run -p demo`: serves the demo on 127.0.0.1 until Ctrl-C, logging to stderr
//! (`RUST_LOG` filters it, e.g. `RUST_LOG=debug`).

use std::process::ExitCode;

/// What is logged when `RUST_LOG` is unset: this binary's and the runtime's news, and only
/// warnings from the libraries under them.
const DEFAULT_LOG: &str = "warn,demo=info,datastar_runtime=info";

#[tokio::main]
async fn main() -> ExitCode {
    // To stderr, so the banner on stdout stays the first line there.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let (port, config) = match demo::parse_args(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(demo::Command::Help) => {
            print!("{}", demo::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(demo::Command::Serve { port, config }) => (port, config),
        Err(message) => {
            eprintln!("demo: {message}");
            return ExitCode::from(2);
        }
    };
    for path in [&config.client_js, &config.client_js_v1].into_iter().flatten() {
        if let Err(error) = tokio::fs::metadata(path).await {
            eprintln!("demo: the client file {} cannot be read: {error}", path.display());
            return ExitCode::from(2);
        }
    }
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("demo: cannot listen on 127.0.0.1:{port}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let address = listener
        .local_addr()
        .map_or_else(|_| format!("127.0.0.1:{port}"), |a| a.to_string());
    println!(
        "Datastar DSL demo on http://{address}/ (seed pages in dialect {}; Ctrl-C stops)",
        config.dialect.name()
    );
    print!("{}", config.clients_served());
    if config.dialect == demo::SeedDialect::Fragment2024 && config.client_js.is_none() {
        // The pinned 0.19.9 client rejects the 2024 merge words and would retry each action.
        println!("note: no published client speaks the 2024 dialect; give one with --client-js PATH");
    }
    // The runtime's server ends the feeds on Ctrl-C, then lets open requests finish.
    match datastar_runtime::serve(demo::app(config)).listener(listener).await {
        Ok(()) => {
            println!("demo: stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("demo: {error}");
            ExitCode::FAILURE
        }
    }
}
