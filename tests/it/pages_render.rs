//! Golden test of the typed pages: each demo page, served over real TCP, for each of the
//! four client generations, spells every attribute and action as that generation's client
//! reads it and nothing in another generation's syntax; a property test that no signal
//! value leaves the attribute of the initial signals, in any generation; and one that an
//! action's path capture, whatever its text, stays in its attribute and reaches the
//! handler as it was.

use datastar_runtime::maud::Markup;
use datastar_runtime::page::{Page, PageError};
use datastar_runtime::{Dialect, Signals, get, page, put, routes};

/// Serves the demo in `dialect` for the seed pages and returns the pages' HTML by path.
async fn pages(dialect: demo::SeedDialect, paths: &[&str]) -> Vec<String> {
    let config = demo::Config {
        dialect,
        ..demo::Config::default()
    };
    let server = datastar_runtime::test::TestServer::start(demo::app(config))
        .await
        .expect("a test server");
    let base = server.url("");
    let client = reqwest::Client::new();
    let mut out = Vec::new();
    for path in paths {
        let response = client.get(format!("{base}{path}")).send().await.expect("GET the page");
        assert_eq!(response.status(), 200, "{path}");
        out.push(response.text().await.expect("the page's text"));
    }
    server.stop().await.expect("the server");
    out
}

/// What no page of a generation may hold: the other generations' spellings.
fn foreign(generation: &str) -> &'static [&'static str] {
    match generation {
        "2024" | "0.19" => &[
            "data-signals",
            "data-bind",
            "data-on:",
            "data-init",
            "@",
            ".value",
            "sse(",
        ],
        "0.21" => &["data-store", "data-model", "data-on:", "data-init", "$", "@"],
        _ => &["data-store", "data-model", "data-on-", "$$", ".value", "sse("],
    }
}

fn check(generation: &str, path: &str, html: &str, expected: &[String]) {
    for needle in expected {
        assert!(
            html.contains(needle.as_str()),
            "{generation} {path} lacks {needle}:\n{html}"
        );
    }
    // The head's client URL may hold `@` (a package version): only the body counts.
    let body = &html[html.find("<body>").expect("a body")..];
    for word in foreign(generation) {
        assert!(!body.contains(word), "{generation} {path} holds {word}:\n{body}");
    }
}

#[tokio::test]
async fn every_demo_page_speaks_the_syntax_of_its_generation() {
    let paths = [
        "/node/",
        "/python/",
        "/v021/node/",
        "/v021/python/",
        "/v1/node/",
        "/v1/python/",
    ];
    let served = pages(demo::SeedDialect::V019, &paths).await;
    let seed_2024 = pages(demo::SeedDialect::Fragment2024, &paths[..2]).await;
    let pages = [
        ("2024", "/node/", &seed_2024[0]),
        ("2024", "/python/", &seed_2024[1]),
        ("0.19", "/node/", &served[0]),
        ("0.19", "/python/", &served[1]),
        ("0.21", "/v021/node/", &served[2]),
        ("0.21", "/v021/python/", &served[3]),
        ("1.0", "/v1/node/", &served[4]),
        ("1.0", "/v1/python/", &served[5]),
    ];
    for (generation, path, html) in pages {
        let (signals, bind, on, init, show) = match generation {
            "2024" | "0.19" => ("data-store", "data-model", "data-on-click", "data-on-load", "$show"),
            "0.21" => (
                "data-signals",
                "data-bind",
                "data-on-click",
                "data-on-load",
                "show.value",
            ),
            _ => ("data-signals", "data-bind", "data-on:click", "data-init", "$show"),
        };
        let action = |method: &str, route: &str| match generation {
            "2024" | "0.19" => format!("$${method}('{path}{route}')"),
            "0.21" if method == "get" => format!("sse('{path}{route}')"),
            "0.21" => format!("sse('{path}{route}', {{method: '{method}'}})"),
            _ => format!("@{method}('{path}{route}')"),
        };
        let mut expected = vec![
            format!(r#"{bind}="input""#),
            format!(r#"{on}="{show}=!{show}""#),
            format!(r#"data-show="{show}""#),
            format!(r#"{init}="{}""#, action("get", "feed")),
        ];
        if path.ends_with("node/") {
            expected.push(format!(r#"{signals}="{{ input: &quot;&quot;, show: false }}""#));
            expected.push(format!(r#"{on}="{}""#, action("put", "put")));
            expected.push(format!(r#"{on}="{}""#, action("get", "get")));
            expected.push(format!(r#"{on}="{}""#, action("get", "multiline")));
        } else {
            expected.push(format!(
                r#"{signals}="{{ input: &quot;&quot;, output: &quot;&quot;, show: true }}""#
            ));
            expected.push(format!(r#"{on}="{}""#, action("get", "get")));
            expected.push(format!(r#"{on}="{}""#, action("get", "target")));
            let text = if generation == "0.21" {
                "output.value"
            } else {
                "$output"
            };
            expected.push(format!(r#"data-text="{text}""#));
        }
        check(generation, path, html, &expected);
        for id in [r#"id="output""#, r#"id="feed""#, r#"id="main""#] {
            assert!(html.contains(id), "{generation} {path} lacks {id}");
        }
    }
}

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Note {
    text: String,
    count: u32,
}

// Only a page's action target here: no router serves it, which the compiler would report.
#[allow(dead_code)]
#[put("/note")]
async fn save(Signals(note): Signals<Note>) -> String {
    note.text
}

fn note_page(p: Page, note: &Note) -> Result<Markup, PageError> {
    let s = p.signals::<Note>();
    page!(p, {
        main data-signals=(note) {
            input data-bind=(s.text);
            button data-on:click=(p.action::<save>()) { "Save" }
        }
    })
}

/// Undoes the HTML entities maud writes in attribute values.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A pseudo-random string over characters that break attributes, JavaScript strings and
/// the clients' expression rewriting.
fn hostile(seed: &mut u64) -> String {
    const PALETTE: &[&str] = &[
        "'",
        "\"",
        "</script>",
        "<",
        ">",
        "&",
        "&amp;",
        "$",
        "$$get('/x')",
        "@get('/x')",
        ";",
        "\n",
        "\\",
        "`",
        "${x}",
        "é",
        "\u{2028}",
        "a",
        " ",
        "}",
        "{",
        "show.value",
    ];
    let mut out = String::new();
    for _ in 0..(*seed % 7) + 1 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push_str(PALETTE[(*seed >> 33) as usize % PALETTE.len()]);
    }
    out
}

#[test]
fn no_signal_value_leaves_its_attribute_in_any_generation() {
    let mut seed = 7;
    for case in 0..400 {
        let note = Note {
            text: hostile(&mut seed),
            count: case,
        };
        for (dialect, name) in [
            (Dialect::FRAGMENT_2024, "data-store"),
            (Dialect::V019, "data-store"),
            (Dialect::V021, "data-signals"),
            (Dialect::V1, "data-signals"),
        ] {
            let html = note_page(Page::new(dialect, "/p"), &note)
                .expect("every generation has these")
                .into_string();
            let start = html.find(&format!("{name}=\"")).expect("the signals attribute") + name.len() + 2;
            let end = start + html[start..].find('"').expect("the attribute ends");
            // The attribute ends where it should: the rest of the element is intact.
            assert!(html[end..].starts_with("\"><input "), "{dialect}: {html}");
            let value = unescape(&html[start..end]);
            // Nothing a client acts on survives in the decoded text but the object itself.
            for c in ['\'', '<', '>', '&', '$', '@', ';', '\n'] {
                assert!(!value.contains(c), "{dialect}: {c:?} in {value:?} from {:?}", note.text);
            }
            let json = value
                .replacen("{ text:", "{ \"text\":", 1)
                .replacen(", count:", ", \"count\":", 1);
            let back: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
            assert_eq!(back["text"], note.text.as_str(), "{dialect}");
            assert_eq!(back["count"], case, "{dialect}");
        }
    }
}

#[test]
fn a_prefix_that_needs_escaping_is_escaped_in_every_action() {
    let note = Note::default();
    let plain = note_page(Page::new(Dialect::V1, "/p"), &note).unwrap().into_string();
    assert!(plain.contains(r#"data-on:click="@put('/p/note')""#), "{plain}");
    let odd = note_page(Page::new(Dialect::V1, "/it's;\"&<"), &note)
        .unwrap()
        .into_string();
    assert!(
        odd.contains(r#"data-on:click="@put('/it\u0027s\u003b&quot;&amp;&lt;/note')""#),
        "{odd}"
    );
}

// Only a page's action target here: no router serves it, which the compiler would report.
#[allow(dead_code)]
#[get("/")]
async fn home() -> &'static str {
    "home"
}

#[test]
fn the_root_route_under_a_prefix_is_the_prefix_alone() {
    let action = |dialect, prefix| {
        let p = Page::new(dialect, prefix);
        datastar_runtime::maud::html! { (p.action::<home>()) }.into_string()
    };
    assert_eq!(action(Dialect::V1, "/p"), "@get('/p')");
    assert_eq!(action(Dialect::V1, ""), "@get('/')");
    assert_eq!(action(Dialect::V019, "/p"), "$$get('/p')");
    assert_eq!(action(Dialect::V021, ""), "sse('/')");
}

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Address {
    city: String,
}

/// Every kind of field the derive writes: by hand (strings, booleans, integers), through
/// serde (floats, options, lists, maps, a struct without `nested`), and nested.
#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Everything {
    text: String,
    #[serde(rename = "a b")]
    spaced: bool,
    r#type: i64,
    #[serde(default)]
    _local: u8,
    #[serde(skip)]
    skipped: u32,
    ratio: f64,
    maybe: Option<String>,
    list: Vec<String>,
    map: std::collections::BTreeMap<u32, String>,
    plain: Note,
    #[signal(nested)]
    address: Address,
    #[signal(nested)]
    empty: Empty,
}

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Empty {}

#[test]
fn the_derive_writes_the_initial_signals_serde_would() {
    let mut seed = 11;
    for case in 0..300u32 {
        let value = Everything {
            text: hostile(&mut seed),
            spaced: case % 2 == 0,
            r#type: i64::from(case) * -7_000_000_003,
            _local: case as u8,
            skipped: case,
            ratio: f64::from(case) / 3.0,
            maybe: (case % 3 == 0).then(|| hostile(&mut seed)),
            list: vec![hostile(&mut seed), String::new()],
            map: std::collections::BTreeMap::from([(case, hostile(&mut seed))]),
            plain: Note {
                text: hostile(&mut seed),
                count: case,
            },
            address: Address {
                city: hostile(&mut seed),
            },
            empty: Empty {},
        };
        let mut derived = String::new();
        datastar_runtime::page::TypedSignals::write_initial(&value, &mut derived).expect("writes");
        let by_serde = datastar_runtime::maud::html! { (datastar_runtime::page::InitialSignals(&value)) }.into_string();
        assert_eq!(derived, by_serde);
        assert!(
            !derived.contains("skipped"),
            "the skipped {} is written: {derived}",
            value.skipped
        );
    }
    let mut one = String::new();
    let value = Everything {
        text: "it's".into(),
        ..Everything::default()
    };
    datastar_runtime::page::TypedSignals::write_initial(&value, &mut one).expect("writes");
    assert!(
        one.starts_with("{ text: &quot;it\\u0027s&quot;, &quot;a b&quot;: false, type: 0, _local: 0, ratio: 0.0, "),
        "{one}"
    );
    assert!(one.ends_with("address: { city: &quot;&quot; }, empty: {} }"), "{one}");
}

#[get("/notes/{name}")]
async fn open(axum::extract::Path(name): axum::extract::Path<String>) -> String {
    name
}

fn open_page(p: Page, name: &str) -> Result<Markup, PageError> {
    page!(p, { button data-on:click=(p.action_with::<open>(name.to_owned())?) { "Open" } })
}

#[tokio::test]
async fn a_capture_stays_in_its_action_and_reaches_the_handler_unchanged() {
    let server = datastar_runtime::test::TestServer::start(routes![prefix = "/p"; open])
        .await
        .expect("a test server");
    let client = reqwest::Client::new();
    let mut seed = 11;
    for _ in 0..100 {
        let name = hostile(&mut seed);
        for (dialect, call) in [
            (Dialect::FRAGMENT_2024, "$$get('"),
            (Dialect::V019, "$$get('"),
            (Dialect::V021, "sse('"),
            (Dialect::V1, "@get('"),
        ] {
            let html = open_page(Page::new(dialect, "/p"), &name)
                .expect("every generation")
                .into_string();
            let start = html.find(call).unwrap_or_else(|| panic!("{dialect}: {html}")) + call.len();
            let end = start + html[start..].find('\'').expect("the string ends");
            assert!(html[end..].starts_with("')\">Open</button>"), "{dialect}: {html}");
            let url = &html[start..end];
            assert!(url.starts_with("/p/notes/"), "{dialect}: {url}");
            let response = client.get(server.url(url)).send().await.expect("GET the action's URL");
            assert_eq!(response.status(), 200, "{url}");
            assert_eq!(response.text().await.expect("the text"), name, "{dialect}: {url}");
        }
    }
    server.stop().await.expect("the server");
}
