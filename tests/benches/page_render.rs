//! The cost of typed pages: the demo's Node page rendered by `page!` against the same page
//! written by hand in maud (attribute names as literals, action URLs spliced without
//! allocating), in the 0.19 and 1.0 syntaxes, in one run. Both produce the same HTML
//! (checked first).
//!
//! `cargo bench -p tests --bench page_render` prints criterion's estimates, then the
//! typed/hand-written time ratio from interleaved rounds: the ratio of each side's fastest
//! round, which the target (<= 1.1) is held to, with the median ratio and how noisy the
//! machine was beside it.

use std::hint::black_box;

use criterion::Criterion;
use datastar_runtime::Dialect;
use datastar_runtime::maud::{DOCTYPE, Markup, PreEscaped, html};
use tests::timing::interleaved;

const TITLE: &str = "Node/Express + Datastar Example";
const PINNED_019: &str = demo::CLIENT_019.cdn;
const PINNED_V1: &str = demo::CLIENT_V1.cdn;

fn head(client: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            link rel="icon" href="data:,";
            title { (TITLE) }
            script type="module" defer src=(client) {}
        }
    }
}

/// The 0.19 page as the demo wrote it before typed pages, without its `format!`s.
fn hand_019(prefix: &str) -> Markup {
    html! {
        (DOCTYPE)
        html {
            (head(PINNED_019))
            body {
                (PreEscaped("<!-- The seed's page; changed: action URLs under their prefix, the client \
                    pinned to 0.19.9, <main> closed, and the multi-line section below it added. -->"))
                h2 { (TITLE) }
                main.container #main data-store=r#"{ input: "", show: false }"# {
                    input type="text" placeholder="Type here!" data-model="input";
                    button data-on-click={ "$$put('" (prefix) "/put')" } { "Send State" }
                    div #output {}
                    button data-on-click={ "$$get('" (prefix) "/get')" } { "Get Backend State" }
                    div #output2 {}
                    button data-on-click="$show=!$show" { "Toggle" }
                    div data-show="$show" {
                        span { "Hello From Datastar!" }
                    }
                    div {
                        span { "Feed from server: " }
                        span #feed data-on-load={ "$$get('" (prefix) "/feed')" } {}
                    }
                }
                section #beyond-the-seed {
                    button data-on-click={ "$$get('" (prefix) "/multiline')" } { "Get Multi-line Fragment" }
                    pre #multiline {}
                }
            }
        }
    }
}

/// The 1.0 page as the demo wrote it before typed pages, without its `format!`s.
fn hand_v1(prefix: &str) -> Markup {
    html! {
        (DOCTYPE)
        html {
            (head(PINNED_V1))
            body {
                h2 { (TITLE) }
                main.container #main data-signals=r#"{ input: "", show: false }"# {
                    input type="text" placeholder="Type here!" data-bind="input";
                    button data-on:click={ "@put('" (prefix) "/put')" } { "Send State" }
                    div #output {}
                    button data-on:click={ "@get('" (prefix) "/get')" } { "Get Backend State" }
                    div #output2 {}
                    button data-on:click="$show=!$show" { "Toggle" }
                    div data-show="$show" {
                        span { "Hello From Datastar!" }
                    }
                    div {
                        span { "Feed from server: " }
                        span #feed data-init={ "@get('" (prefix) "/feed')" } {}
                    }
                }
                section #beyond-the-seed {
                    button data-on:click={ "@get('" (prefix) "/multiline')" } { "Get Multi-line Fragment" }
                    pre #multiline {}
                }
            }
        }
    }
}

/// One generation's case: its name, dialect, prefix and hand-written page.
type Case = (&'static str, Dialect, &'static str, fn(&str) -> Markup);

fn typed(dialect: Dialect, prefix: &str) -> Markup {
    demo::node_page(dialect, prefix).expect("the Node page renders in every generation")
}

fn main() {
    let cases: [Case; 2] = [
        ("0.19", Dialect::V019, "/node", hand_019),
        ("1.0", Dialect::V1, "/v1/node", hand_v1),
    ];
    for (name, dialect, prefix, hand) in cases {
        assert_eq!(
            typed(dialect, prefix).into_string(),
            hand(prefix).into_string(),
            "the two {name} pages differ"
        );
    }
    let mut criterion = Criterion::default().configure_from_args();
    for (name, dialect, prefix, hand) in cases {
        criterion.bench_function(&format!("node page {name}: page!"), |b| {
            b.iter(|| typed(black_box(dialect), black_box(prefix)))
        });
        criterion.bench_function(&format!("node page {name}: by hand"), |b| {
            b.iter(|| hand(black_box(prefix)))
        });
    }
    criterion.final_summary();
    for (name, dialect, prefix, hand) in cases {
        let ratio = interleaved(
            || {
                black_box(typed(black_box(dialect), black_box(prefix)));
            },
            || {
                black_box(hand(black_box(prefix)));
            },
        );
        println!("node page {name}: page! / by hand = {ratio}");
    }
}
