//! Ours: the demo's app (the seeds restated with the DSL) for the one-shot endpoints, and
//! feeds written with the runtime the way a user of the DSL writes them: `Broadcast` for
//! one producer shared by all, `every` for a timer per connection; served by the
//! runtime's `serve`.

use axum::Router;
use axum::routing::get;
use datastar_runtime::event::PatchElements;
use datastar_runtime::maud::html;
use datastar_runtime::{Broadcast, Dialect, every, feed};
use load_bench::feed_html::{now_nanos, random_u64};
use load_bench::server;

fn main() {
    server::run_with(
        |args| {
            let demo = demo::app(demo::Config {
                feed_period: args.period,
                ..demo::Config::default()
            });
            let period = args.period;
            let shared = Broadcast::new();
            let producer = shared.clone();
            tokio::spawn(async move {
                let mut timer = tokio::time::interval(period);
                timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    timer.tick().await;
                    let stamp = now_nanos();
                    producer.send(PatchElements::from(
                        html! { span #feed data-t=(stamp) { (format!("{:016x}", random_u64())) } },
                    ));
                }
            });
            let bench = Router::new()
                .route("/bench/broadcast", get(move || std::future::ready(shared.subscribe())))
                .route(
                    "/bench/timer",
                    get(move || {
                        std::future::ready(every(period, || {
                            html! { span #feed data-t=(now_nanos()) { (format!("{:016x}", random_u64())) } }
                        }))
                    }),
                )
                .route(
                    "/bench/idle",
                    get(|| std::future::ready(feed(futures_util::stream::pending::<PatchElements>()))),
                )
                .layer(Dialect::V1);
            demo.merge(bench)
        },
        |listener, app| async move {
            // The runtime's own server, as the demo's binary uses it. The driver kills the
            // process, so no signal handling.
            datastar_runtime::serve(app).listener(listener).shutdown_on_signals(false).await
        },
    );
}
