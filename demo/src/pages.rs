//! What every page shares: where it loads its Datastar client from, its head, the ids
//! pages and fragments share, and the landing page that links to the example pages.

use datastar_runtime::page::Id;
use maud::{DOCTYPE, Markup, html};

use crate::SeedDialect;

/// A published Datastar client a page generation loads, pinned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client {
    /// Its version, which names its file in the client cache (`datastar-VERSION.js`).
    pub version: &'static str,
    /// The path the demo serves a local copy at (from the cache or `--client-js`).
    pub route: &'static str,
    /// Where the pages load it from when there is no local copy.
    pub cdn: &'static str,
}

/// The seed pages' client: the version their unpinned URL resolved to when the demo was written.
pub const CLIENT_019: Client = Client {
    version: "0.19.9",
    route: "/datastar.js",
    cdn: "https://cdn.jsdelivr.net/npm/@sudodevnull/datastar@0.19.9/dist/datastar.js",
};

/// The 0.21 pages' client.
pub const CLIENT_021: Client = Client {
    version: "0.21.4",
    route: "/datastar-021.js",
    cdn: "https://cdn.jsdelivr.net/npm/@starfederation/datastar@0.21.4/dist/datastar.js",
};

/// The 1.0 pages' client: 1.0.2, the newest upstream bundle a registry ships unmodified.
pub const CLIENT_V1: Client = Client {
    version: "1.0.2",
    route: "/datastar-v1.js",
    cdn: "https://cdn.jsdelivr.net/gh/starfederation/datastar@v1.0.2/bundles/datastar.js",
};

/// Where the element the seeds' `/put` (Node) and `/get` (Python) fill lives.
pub(crate) const OUTPUT: Id = Id::new("output");
/// The Node page's backend state.
pub(crate) const OUTPUT2: Id = Id::new("output2");
/// The Python page's date and time.
pub(crate) const TARGET: Id = Id::new("target");
/// The random values of both pages' feeds.
pub(crate) const FEED: Id = Id::new("feed");
/// The Node page's multi-line fragment.
pub(crate) const MULTILINE: Id = Id::new("multiline");

/// The client URL a page loads; the page's attribute syntax follows from the dialect it is
/// served in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pages {
    pub(crate) client: &'static str,
}

impl Pages {
    /// The seed pages, loading [`CLIENT_019`] from the demo's origin when `local`, else from the CDN.
    pub(crate) fn seed(local: bool) -> Pages {
        Pages::new(CLIENT_019, local)
    }

    /// The 0.21 pages, loading [`CLIENT_021`] from the demo's origin when `local`, else from the CDN.
    pub(crate) fn v021(local: bool) -> Pages {
        Pages::new(CLIENT_021, local)
    }

    /// The 1.0 pages, loading [`CLIENT_V1`] from the demo's origin when `local`, else from the CDN.
    pub(crate) fn v1(local: bool) -> Pages {
        Pages::new(CLIENT_V1, local)
    }

    fn new(client: Client, local: bool) -> Pages {
        Pages {
            client: if local { client.route } else { client.cdn },
        }
    }

    /// The document head: title and client script.
    pub(crate) fn head(self, title: &str) -> Markup {
        html! {
            head {
                meta charset="utf-8";
                // No favicon request, so the console stays free of its 404.
                link rel="icon" href="data:,";
                title { (title) }
                script type="module" defer src=(self.client) {}
            }
        }
    }
}

/// The landing page, rendered once.
pub(crate) fn landing(dialect: SeedDialect) -> impl Fn() -> std::future::Ready<Markup> + Clone + Send + 'static {
    let page = landing_page(dialect);
    move || std::future::ready(page.clone())
}

fn landing_page(dialect: SeedDialect) -> Markup {
    html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                link rel="icon" href="data:,";
                title { "Datastar DSL demo" }
            }
            body {
                h1 { "Datastar DSL demo" }
                p {
                    "The two seed backends, Node/Express and Python/Starlette, restated in Rust with the Datastar DSL. "
                    "Each page is written once and rendered in the attribute syntax of the client it loads; "
                    "the same handler functions serve it in that client's wire dialect."
                }
                table {
                    thead { tr { th { "page" } th { "attribute syntax" } th { "dialect" } th { "client" } } }
                    tbody {
                        tr {
                            td { a href="/node/" { "Node/Express example" } }
                            td { "0.x (seed)" } td { (dialect.name()) } td { (CLIENT_019.version) }
                        }
                        tr {
                            td { a href="/python/" { "Python/Starlette example" } }
                            td { "0.x (seed)" } td { (dialect.name()) } td { (CLIENT_019.version) }
                        }
                        tr {
                            td { a href="/v021/node/" { "Node/Express example, Datastar 0.21" } }
                            td { "0.21" } td { "0.21" } td { (CLIENT_021.version) }
                        }
                        tr {
                            td { a href="/v021/python/" { "Python/Starlette example, Datastar 0.21" } }
                            td { "0.21" } td { "0.21" } td { (CLIENT_021.version) }
                        }
                        tr {
                            td { a href="/v1/node/" { "Node/Express example, Datastar 1.0" } }
                            td { "1.0" } td { "1.0" } td { (CLIENT_V1.version) }
                        }
                        tr {
                            td { a href="/v1/python/" { "Python/Starlette example, Datastar 1.0" } }
                            td { "1.0" } td { "1.0" } td { (CLIENT_V1.version) }
                        }
                    }
                }
                p {
                    "Run with " code { "--dialect 2024" } " to speak the 2024 fragment protocol the seeds were written for "
                    "(no client of that generation is published any more), and with " code { "--help" } " for every option."
                }
            }
        }
    }
}
