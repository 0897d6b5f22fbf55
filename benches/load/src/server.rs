//! What the three benchmark servers share: the command line, the runtime, the listener,
//! and the producer and timer the feeds are built from, so that only the way each stack
//! encodes and streams its events differs between them.

use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use futures_util::Stream;
use tokio::sync::broadcast;

use crate::feed_html::now_nanos;

/// A server's command line.
#[derive(Clone, Debug)]
pub struct Args {
    /// The feeds' period (`--period-ms`, default 100).
    pub period: Duration,
    /// The floor's `/node/get` reply bytes (`--node-get FILE`).
    pub node_get: Option<PathBuf>,
    /// The floor's `/python/target` reply bytes (`--python-target FILE`).
    pub python_target: Option<PathBuf>,
}

impl Args {
    /// Reads the process arguments; unknown ones end the process with a message.
    pub fn from_env() -> Args {
        let mut args = Args {
            period: Duration::from_millis(100),
            node_get: None,
            python_target: None,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let mut value = || it.next().unwrap_or_else(|| fail(&format!("{flag} needs a value")));
            match flag.as_str() {
                "--period-ms" => {
                    let ms: u64 = value()
                        .parse()
                        .unwrap_or_else(|_| fail("--period-ms takes milliseconds"));
                    args.period = Duration::from_millis(ms.max(1));
                }
                "--node-get" => args.node_get = Some(value().into()),
                "--python-target" => args.python_target = Some(value().into()),
                other => fail(&format!("unknown argument `{other}`")),
            }
        }
        args
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(2)
}

/// Builds the router inside a runtime sized to the CPUs this process may use (so a
/// `taskset` to one core gives one worker), listens on a free loopback port, prints
/// `listening ADDR` for the driver, and serves until killed.
pub fn run(build: impl FnOnce(&Args) -> Router) {
    run_with(
        build,
        |listener, router| async move { axum::serve(listener, router).await },
    )
}

/// [`run`], serving with `serve` instead of `axum::serve`.
pub fn run_with<F, Fut>(build: impl FnOnce(&Args) -> Router, serve: F)
where
    F: FnOnce(tokio::net::TcpListener, Router) -> Fut,
    Fut: std::future::Future<Output = std::io::Result<()>>,
{
    let args = Args::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async move {
        let router = build(&args);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("the bound address");
        println!("listening {addr}");
        serve(listener, router).await.expect("serving");
    });
}

/// A tick at once and then every `period`, its timer made on first poll so that a
/// connection's timer lives exactly as long as its stream. Late ticks are delayed,
/// never bunched, as in the runtime's `every`.
pub fn ticks(period: Duration) -> impl Stream<Item = ()> + Send + 'static {
    futures_util::stream::unfold(None, move |timer: Option<tokio::time::Interval>| async move {
        let mut timer = timer.unwrap_or_else(|| {
            let mut timer = tokio::time::interval(period);
            timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            timer
        });
        timer.tick().await;
        Some(((), Some(timer)))
    })
}

/// One producer for every subscriber: every `period` it makes a value from the current
/// stamp and sends it to all. A subscriber that falls more than `capacity` values behind
/// loses the oldest, which the client counts as undelivered.
pub fn producer<T, F>(period: Duration, capacity: usize, mut make: F) -> broadcast::Sender<T>
where
    T: Clone + Send + 'static,
    F: FnMut(u64) -> T + Send + 'static,
{
    let (sender, _) = broadcast::channel(capacity);
    let out = sender.clone();
    tokio::spawn(async move {
        let mut timer = tokio::time::interval(period);
        timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            timer.tick().await;
            // No subscribers is not an error: the producer runs before the first client.
            let _ = out.send(make(now_nanos()));
        }
    });
    sender
}

/// A subscriber's values as a stream, skipping over what it lost by lagging.
pub fn subscribe<T: Clone + Send + 'static>(sender: &broadcast::Sender<T>) -> impl Stream<Item = T> + Send + use<T> {
    futures_util::stream::unfold(sender.subscribe(), |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(value) => return Some((value, receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
}
