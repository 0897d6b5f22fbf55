//! The demo: the two seed backends (a Node/Express and a Python/Starlette example server,
//! whose behaviour `node.rs` and `python.rs` describe) restated with the Datastar DSL,
//! serving their pages to the client generation each page loads.
//!
//! | path | page | dialect | client |
//! |---|---|---|---|
//! | `/` | links to the example pages | | |
//! | `/node/`, `/python/` | the seed pages, 0.x attribute syntax | `--dialect` (0.19 or 2024) | 0.19.9 ([`CLIENT_019`]) |
//! | `/v021/node/`, `/v021/python/` | the same pages in 0.21 syntax | 0.21 | 0.21.4 ([`CLIENT_021`]) |
//! | `/v1/node/`, `/v1/python/` | the same pages in 1.0 syntax | 1.0 | 1.0.2 ([`CLIENT_V1`]) |
//!
//! Each page is written once (`node::page`, `python::page`) and rendered for the dialect of
//! the router that serves its actions; the same handler functions serve every generation.
//! Each page loads its client from the demo's own origin when [`Config`] names a file for
//! it (the command line takes it from the cache `scripts/fetch-clients.sh` fills), else
//! from the pinned CDN URL.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! datastar_runtime::serve(demo::app(demo::Config::default())).listener(listener).await
//! # }
//! ```

mod cli;
mod client_js;
mod clock;
mod feeds;
mod multiline;
mod node;
mod pages;
mod pubsub;
mod python;
mod random;

use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::response::Redirect;
use axum::routing::get;
use datastar_runtime::Dialect;
use datastar_runtime::page::{Page, PageError};

pub use cli::{Command, USAGE, parse_args};
pub use feeds::OpenFeeds;
pub use pages::{CLIENT_019, CLIENT_021, CLIENT_V1, Client};
pub use pubsub::PubSub;

/// The wire dialect of the seed pages (`/node/`, `/python/`), which use 0.x attributes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SeedDialect {
    /// The 2024 fragment protocol the seeds were written for. It has no client on any
    /// registry today; the store travels as `upsert_attributes` of `data-store` on `#main`.
    Fragment2024,
    /// `@sudodevnull/datastar` 0.19, what the seeds' unpinned client URL serves today.
    #[default]
    V019,
}

impl SeedDialect {
    /// The runtime dialect, with `#main` as the 2024 store element.
    pub fn dialect(self) -> Dialect {
        match self {
            SeedDialect::Fragment2024 => Dialect::Fragment2024 { store: Some("#main") },
            SeedDialect::V019 => Dialect::V019,
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            SeedDialect::Fragment2024 => "2024",
            SeedDialect::V019 => "0.19",
        }
    }
}

/// How the demo serves.
#[derive(Clone, Debug)]
pub struct Config {
    /// The dialect of the seed pages.
    pub dialect: SeedDialect,
    /// How often the feeds send a new value (the seeds: 1 s).
    pub feed_period: Duration,
    /// A local 0.x client served at [`CLIENT_019`]'s route and loaded by the seed pages
    /// instead of its CDN URL.
    pub client_js: Option<PathBuf>,
    /// A local 1.0 client served at [`CLIENT_V1`]'s route and loaded by the 1.0 pages
    /// instead of its CDN URL.
    pub client_js_v1: Option<PathBuf>,
    /// A local 0.21 client served at [`CLIENT_021`]'s route and loaded by the 0.21 pages
    /// instead of its CDN URL.
    pub client_js_021: Option<PathBuf>,
    /// Redis shared with other instances: the Node pages' backend state and feed live
    /// there (see `--pubsub`). Without it each instance keeps its own.
    pub pubsub: Option<PubSub>,
    /// Counts the feeds the app streams: keep a clone to watch them end with their pages.
    pub open_feeds: OpenFeeds,
}

impl Config {
    /// Each page generation's client and the local file served for it, if any.
    pub fn clients(&self) -> [(Client, Option<&PathBuf>); 3] {
        [
            (CLIENT_019, self.client_js.as_ref()),
            (CLIENT_021, self.client_js_021.as_ref()),
            (CLIENT_V1, self.client_js_v1.as_ref()),
        ]
    }

    /// What the pages load, one line per client, as the demo prints it at start-up.
    pub fn clients_served(&self) -> String {
        self.clients()
            .iter()
            .map(|(client, file)| match file {
                Some(path) => format!(
                    "client {}: {} serves {}\n",
                    client.version,
                    client.route,
                    path.display()
                ),
                None => format!(
                    "client {}: from {} (no local copy: scripts/fetch-clients.sh caches it)\n",
                    client.version, client.cdn
                ),
            })
            .collect()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            dialect: SeedDialect::default(),
            feed_period: Duration::from_secs(1),
            client_js: None,
            client_js_v1: None,
            client_js_021: None,
            pubsub: None,
            open_feeds: OpenFeeds::default(),
        }
    }
}

/// The demo's router.
///
/// With [`Config::pubsub`] it must be called within a Tokio runtime: the shared feed
/// runs a task, which ends when the router is dropped.
pub fn app(config: Config) -> Router {
    let seed = pages::Pages::seed(config.client_js.is_some());
    let v021 = pages::Pages::v021(config.client_js_021.is_some());
    let v1 = pages::Pages::v1(config.client_js_v1.is_some());
    let period = config.feed_period;
    let dialect = config.dialect.dialect();
    let (node_state, node_v021_state, node_v1_state, node_feed) = match &config.pubsub {
        None => (
            node::Store::memory(),
            node::Store::memory(),
            node::Store::memory(),
            feeds::Source::Random(period, config.open_feeds.clone()),
        ),
        Some(pubsub) => (
            node::Store::Shared(pubsub.state("node")),
            node::Store::Shared(pubsub.state("v021-node")),
            node::Store::Shared(pubsub.state("v1-node")),
            feeds::Source::Shared(pubsub.feed("node-feed", period), config.open_feeds.clone()),
        ),
    };
    let mut app = Router::new().route("/", get(pages::landing(config.dialect)));
    for (at, dialect, pages, state) in [
        ("/node", dialect, seed, node_state),
        ("/v021/node", Dialect::V021, v021, node_v021_state),
        ("/v1/node", Dialect::V1, v1, node_v1_state),
    ] {
        let page = node::page(Page::new(dialect, at), pages);
        app = app.merge(example(at, page, node::router(at, dialect, state, node_feed.clone())));
    }
    for (at, dialect, pages) in [
        ("/python", dialect, seed),
        ("/v021/python", Dialect::V021, v021),
        ("/v1/python", Dialect::V1, v1),
    ] {
        let page = python::page(Page::new(dialect, at), pages);
        let feed = feeds::Source::Random(period, config.open_feeds.clone());
        app = app.merge(example(at, page, python::router(at, dialect, feed)));
    }
    for (client, file) in config.clients() {
        if let Some(path) = file {
            app = app.route(client.route, client_js::serve(path.clone()));
        }
    }
    app
}

/// The Node page as `app` serves it at `prefix` in `dialect`, loading its client from the
/// pinned URL: for the page-rendering benchmark.
#[doc(hidden)]
pub fn node_page(dialect: Dialect, prefix: &str) -> Result<maud::Markup, PageError> {
    let p = Page::new(dialect, prefix);
    let pages = match p.syntax() {
        datastar_runtime::page::PageSyntax::V019 => pages::Pages::seed(false),
        datastar_runtime::page::PageSyntax::V021 => pages::Pages::v021(false),
        datastar_runtime::page::PageSyntax::V1 => pages::Pages::v1(false),
    };
    node::page(p, pages)
}

/// One example: its page at `PREFIX/` (and a redirect from `PREFIX`), rendered once, with
/// its endpoints, mounted under `PREFIX/` by `routes![prefix = …]` (full paths, so no
/// request pays for `nest` stripping the prefix).
///
/// # Panics
///
/// When the page uses an attribute its generation lacks: like a route its dialect cannot
/// serve, the mistake shows when the server starts.
fn example(prefix: &str, page: Result<maud::Markup, PageError>, endpoints: Router) -> Router {
    let page = page.unwrap_or_else(|error| panic!("the page at {prefix}/ cannot be served: {error}"));
    let slash = format!("{prefix}/");
    Router::new()
        .route(&slash, get(move || std::future::ready(page.clone())))
        .route(prefix, get(move || std::future::ready(Redirect::permanent(&slash))))
        .merge(endpoints)
}
