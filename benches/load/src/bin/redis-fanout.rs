//! Fan-out across server instances through Redis pub/sub, against one instance alone.
//!
//! ```text
//! cargo run --release --manifest-path benches/load/Cargo.toml --bin redis-fanout -- \
//!     [--feeds 2000] [--instances 3] [--period-ms 100] [--window-s 10]
//! ```
//!
//! Needs `redis-server` (Debian package `redis-server`), started here on a free loopback
//! port without persistence. Three scenarios, each server instance its own process
//! holding `--feeds` feeds read by this process's fan-out client (`client::fanout`):
//!
//! - `local`: one instance, in-process `Broadcast`, its producer inside it (the baseline),
//!   with `--feeds` feeds and again with all `--feeds` x `--instances` of them;
//! - `redis x1`: one instance, Redis backend, fed by a separate publisher process;
//! - `redis xN`: `--instances` instances, Redis backend, all fed by that one publisher.
//!
//! Each event carries its production time, so lag is publisher-to-page. Internal
//! subcommands: `serve --local|--redis URL --period-ms MS` and `publish --redis URL
//! --period-ms MS`.

#[cfg(not(feature = "ours"))]
fn main() {
    eprintln!("redis-fanout needs the `ours` feature (the runtime)");
    std::process::exit(2);
}

#[cfg(feature = "ours")]
fn main() {
    ours::main();
}

#[cfg(feature = "ours")]
mod ours {
    use std::net::SocketAddr;
    use std::process::Stdio;
    use std::time::Duration;

    use axum::Router;
    use axum::routing::get;
    use datastar_runtime::event::PatchElements;
    use datastar_runtime::redis::Redis;
    use datastar_runtime::{Broadcast, Dialect};
    use load_bench::client::fanout;
    use load_bench::feed_html::{fragment, now_nanos, random_u64};
    use tokio::io::{AsyncBufReadExt, BufReader};
    use tokio::process::{Child, Command};

    const TOPIC: &str = "bench-feed";

    struct Flags(Vec<String>);

    impl Flags {
        fn get(&self, name: &str) -> Option<&str> {
            let flag = format!("--{name}");
            self.0
                .iter()
                .position(|a| *a == flag)
                .and_then(|i| self.0.get(i + 1))
                .map(String::as_str)
        }

        fn num(&self, name: &str, default: u64) -> u64 {
            self.get(name).map_or(default, |v| {
                v.parse().unwrap_or_else(|_| {
                    eprintln!("--{name} takes a whole number");
                    std::process::exit(2)
                })
            })
        }

        fn has(&self, name: &str) -> bool {
            self.0.iter().any(|a| *a == format!("--{name}"))
        }
    }

    pub fn main() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        match args.first().map(String::as_str) {
            Some("serve") => runtime.block_on(serve(Flags(args[1..].to_vec()))),
            Some("publish") => runtime.block_on(publish(Flags(args[1..].to_vec()))),
            _ => runtime.block_on(bench(Flags(args))),
        }
    }

    fn period(flags: &Flags) -> Duration {
        Duration::from_millis(flags.num("period-ms", 100).max(1))
    }

    fn event() -> PatchElements {
        PatchElements::new(fragment(now_nanos(), random_u64()))
    }

    /// Every period, the feed fragment stamped with the time it was made.
    async fn produce(broadcast: Broadcast, period: Duration) {
        let mut timer = tokio::time::interval(period);
        timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            timer.tick().await;
            broadcast.send(event());
        }
    }

    async fn serve(flags: Flags) {
        let broadcast = match flags.get("redis") {
            Some(url) => Redis::open(url).expect("a Redis URL").broadcast(TOPIC),
            None => {
                let local = Broadcast::new();
                tokio::spawn(produce(local.clone(), period(&flags)));
                local
            }
        };
        let app: Router = Router::new()
            .route("/feed", get(move || std::future::ready(broadcast.subscribe())))
            .layer(Dialect::V1);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        println!("listening {}", listener.local_addr().expect("address"));
        datastar_runtime::serve(app)
            .listener(listener)
            .shutdown_on_signals(false)
            .await
            .expect("serve");
    }

    async fn publish(flags: Flags) {
        let url = flags.get("redis").expect("--redis URL");
        let broadcast = Redis::open(url).expect("a Redis URL").broadcast(TOPIC);
        println!("listening none");
        produce(broadcast, period(&flags)).await;
    }

    /// A child process of this binary, killed when dropped.
    struct Proc {
        child: Child,
        addr: Option<SocketAddr>,
    }

    impl Proc {
        async fn start(args: &[&str]) -> Proc {
            let exe = std::env::current_exe().expect("own path");
            let mut child = Command::new(exe)
                .args(args)
                .stdout(Stdio::piped())
                .kill_on_drop(true)
                .spawn()
                .expect("child starts");
            let stdout = child.stdout.take().expect("stdout");
            let mut line = String::new();
            tokio::time::timeout(Duration::from_secs(10), BufReader::new(stdout).read_line(&mut line))
                .await
                .expect("the child says where it listens")
                .expect("read");
            let addr = line.trim().strip_prefix("listening ").and_then(|a| a.parse().ok());
            Proc { child, addr }
        }

        fn pid(&self) -> Option<u32> {
            self.child.id()
        }
    }

    struct RedisServer(std::process::Child);

    impl Drop for RedisServer {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    async fn start_redis() -> (RedisServer, String) {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let server = std::process::Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                eprintln!("redis-fanout: cannot start redis-server ({e}); install it: apt-get install -y redis-server");
                std::process::exit(1)
            });
        let server = RedisServer(server);
        let url = format!("redis://127.0.0.1:{port}");
        let probe = Redis::open(&url).expect("url");
        for _ in 0..500 {
            if probe
                .query::<String>(&datastar_runtime::redis::driver::cmd("PING"))
                .await
                .is_ok()
            {
                return (server, url);
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("redis-server did not answer");
    }

    struct Scenario {
        name: String,
        outcomes: Vec<fanout::Outcome>,
    }

    async fn measure(name: String, servers: &[Proc], feeds: usize, flags: &Flags) -> Scenario {
        let runs = servers.iter().map(|server| {
            fanout::run(fanout::Config {
                addr: server.addr.expect("a server address"),
                path: "/feed".to_owned(),
                conns: feeds,
                ramp_parallel: 100,
                period: Some(period(flags)),
                warmup: Duration::from_secs(2),
                window: Duration::from_secs(flags.num("window-s", 10)),
                grace: Duration::from_secs(2),
                server_pid: server.pid(),
                ramp_timeout: Duration::from_secs(60),
            })
        });
        let outcomes = futures_util::future::join_all(runs).await;
        let scenario = Scenario { name, outcomes };
        print_row(&scenario);
        scenario
    }

    fn print_row(s: &Scenario) {
        let open: usize = s.outcomes.iter().map(|o| o.open_at_window).sum();
        let expected: u64 = s.outcomes.iter().map(|o| o.expected).sum();
        let delivered: u64 = s.outcomes.iter().map(|o| o.delivered).sum();
        let worst = |f: fn(&fanout::Outcome) -> f64| s.outcomes.iter().map(f).fold(0.0, f64::max);
        let cpu: f64 = s.outcomes.iter().map(|o| o.server_cpu_pct).sum();
        println!(
            "| {} | {} | {:.3}% | {:.0} | {:.1} | {:.1} | {:.1} | {:.0}% |",
            s.name,
            open,
            if expected > 0 {
                100.0 * delivered as f64 / expected as f64
            } else {
                0.0
            },
            delivered as f64 / s.outcomes.first().map_or(1.0, |o| o.window_s),
            worst(|o| o.lag_ms.p50),
            worst(|o| o.lag_ms.p99),
            worst(|o| o.lag_ms.max),
            cpu,
        );
    }

    async fn bench(flags: Flags) {
        if flags.has("help") {
            println!("usage: redis-fanout [--feeds 2000] [--instances 3] [--period-ms 100] [--window-s 10]");
            return;
        }
        let instances = flags.num("instances", 3).max(1) as usize;
        let feeds = flags.num("feeds", 2000);
        let period_ms = flags.num("period-ms", 100).to_string();
        println!(
            "fan-out through Redis: {feeds} feeds per instance, one event every {period_ms} ms, \
             {} s window; lag = publisher to page; worst instance's percentiles, servers' CPU summed",
            flags.num("window-s", 10)
        );
        println!(
            "| scenario | feeds open | delivered | events/s | lag p50 ms | lag p99 ms | lag max ms | server CPU |"
        );
        println!("|---|---|---|---|---|---|---|---|");

        let per = feeds as usize;
        let total = per * instances;
        let local = Proc::start(&["serve", "--local", "--period-ms", &period_ms]).await;
        let name = "local x1 (in-process Broadcast)".to_owned();
        measure(name, std::slice::from_ref(&local), per, &flags).await;
        drop(local);
        if instances > 1 {
            // The same total load on one instance: what the client and the machine can take.
            let local = Proc::start(&["serve", "--local", "--period-ms", &period_ms]).await;
            measure(
                format!("local x1, {total} feeds"),
                std::slice::from_ref(&local),
                total,
                &flags,
            )
            .await;
            drop(local);
        }

        let (redis, url) = start_redis().await;
        let _publisher = Proc::start(&["publish", "--redis", &url, "--period-ms", &period_ms]).await;
        let one = Proc::start(&["serve", "--redis", &url]).await;
        measure("redis x1".to_owned(), std::slice::from_ref(&one), per, &flags).await;
        drop(one);

        let mut servers = Vec::new();
        for _ in 0..instances {
            servers.push(Proc::start(&["serve", "--redis", &url]).await);
        }
        measure(format!("redis x{instances}"), &servers, per, &flags).await;
        drop(servers);
        drop(redis);
    }
}
