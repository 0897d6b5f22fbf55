//! The vocabulary against the published clients, so that the tables cannot drift from
//! them: every plugin, modifier, flag, fetch option and action a table says a page syntax
//! has is found in that syntax's client by the string its row cites, and the 1.0 clients
//! register exactly the plugins and actions the tables list.
//!
//! The clients come from the cache `scripts/fetch-clients.sh` fills. Without them this
//! test is ignored with the browser tests (see `tests/build.rs`), except under `CI=true`,
//! where it fails.

use demo_client_cache as client_cache;

use std::collections::BTreeSet;

use datastar_syntax::PageSyntax;
use datastar_syntax::vocabulary::{
    ACTION_OPTIONS, BACKEND_ACTIONS, CLIENT_ACTIONS, LEGACY_ATTRIBUTES, MODIFIERS, PLUGINS, Support,
};

/// The published clients of each page syntax, by version, with their text.
struct Clients {
    v019: Vec<(&'static str, String)>,
    v021: Vec<(&'static str, String)>,
    v1: Vec<(&'static str, String)>,
}

impl Clients {
    fn load() -> Clients {
        let dir = client_cache::dir(|name| std::env::var(name).ok());
        let mut missing = Vec::new();
        let mut read = |versions: &[&'static str]| -> Vec<(&'static str, String)> {
            versions
                .iter()
                .filter_map(|version| match client_cache::find(dir.as_ref(), version) {
                    Some(file) => Some((*version, std::fs::read_to_string(file).expect("a readable client"))),
                    None => {
                        missing.push(*version);
                        None
                    }
                })
                .collect()
        };
        let clients = Clients {
            v019: read(&["0.19.9"]),
            v021: read(&["0.21.4"]),
            v1: read(&["1.0.1", "1.0.2"]),
        };
        assert!(
            missing.is_empty(),
            "the Datastar clients {missing:?} are not in the client cache ({dir:?}): \
             `scripts/fetch-clients.sh` fetches them"
        );
        clients
    }

    fn of(&self, syntax: PageSyntax) -> &[(&'static str, String)] {
        match syntax {
            PageSyntax::V019 => &self.v019,
            PageSyntax::V021 => &self.v021,
            PageSyntax::V1 => &self.v1,
        }
    }
}

/// Whether `text` contains `evidence`, where each `…` in it stands for one minified name
/// (the 1.0.1 and 1.0.2 builds name their variables differently).
fn contains(text: &str, evidence: &str) -> bool {
    let mut pieces = evidence.split('…');
    let first = pieces.next().unwrap_or_default();
    let rest: Vec<&str> = pieces.collect();
    text.match_indices(first)
        .any(|(at, _)| follows(&text[at + first.len()..], &rest))
}

fn follows(mut text: &str, pieces: &[&str]) -> bool {
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    for piece in pieces {
        let name = text.find(|c: char| !name_char(c)).unwrap_or(text.len());
        if name == 0 {
            return false;
        }
        match text[name..].strip_prefix(piece) {
            Some(after) => text = after,
            None => return false,
        }
    }
    true
}

/// Checks one cited string in every client of `syntax`, collecting what is not found.
fn cite(clients: &Clients, syntax: PageSyntax, what: &str, evidence: &str, failures: &mut Vec<String>) {
    if evidence.is_empty() {
        failures.push(format!("{what}: the table spells it in {syntax} but cites nothing"));
        return;
    }
    for (version, text) in clients.of(syntax) {
        if !contains(text, evidence) {
            failures.push(format!("{what}: `{evidence}` is not in the {version} client"));
        }
    }
}

#[test]
fn the_wildcard_stands_for_one_name() {
    assert!(contains("{a:b=1,c:x=2}", "a:…=1,c:…=2"));
    assert!(!contains("{a:=1}", "a:…=1"));
    assert!(!contains("{a:b.c=1}", "a:…=1"));
    assert!(contains("plain", "plain"));
    // A piece after a wildcard must not start with a name's character, or the name would
    // swallow it.
    let every = PLUGINS
        .iter()
        .flat_map(|p| [p.evidence.v019, p.evidence.v021, p.evidence.v1])
        .chain(ACTION_OPTIONS.iter().flat_map(|o| {
            [o.spelling.v019, o.spelling.v021, o.spelling.v1]
                .into_iter()
                .flatten()
                .map(|s| s.evidence)
        }));
    for evidence in every {
        for piece in evidence.split('…').skip(1) {
            assert!(
                !piece.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$'),
                "{evidence}"
            );
        }
    }
}

#[test]
#[cfg_attr(
    browser_setup_missing,
    ignore = "the clients are not cached (see the build warning): scripts/test.sh fetches them"
)]
fn every_row_is_found_in_the_clients_it_names() {
    let clients = Clients::load();
    let mut failures = Vec::new();
    for syntax in PageSyntax::ALL {
        for plugin in &PLUGINS {
            let forms = plugin.spelling.get(syntax);
            if forms.value.is_some() || forms.keyed.is_some() {
                let what = format!("plugin {} in {syntax}", plugin.name);
                cite(&clients, syntax, &what, plugin.evidence.get(syntax), &mut failures);
            }
        }
        for def in &MODIFIERS {
            let read = PLUGINS.iter().any(|p| p.support(def.modifier, syntax) != Support::No);
            let evidence = *def.evidence.get(syntax);
            if !read {
                if !evidence.is_empty() {
                    failures.push(format!(
                        "modifier {}: cited in {syntax}, which no plugin reads it in",
                        def.name
                    ));
                }
                continue;
            }
            cite(
                &clients,
                syntax,
                &format!("modifier {} in {syntax}", def.name),
                evidence,
                &mut failures,
            );
            for flag in def.tags.flags {
                if flag.spelling.get(syntax).is_some() {
                    let what = format!("tag {}.{} in {syntax}", def.name, flag.name);
                    cite(&clients, syntax, &what, flag.evidence.get(syntax), &mut failures);
                }
            }
        }
        for option in &ACTION_OPTIONS {
            if let Some(spelling) = option.spelling.get(syntax) {
                let what = format!("fetch option {} in {syntax}", spelling.name);
                cite(&clients, syntax, &what, spelling.evidence, &mut failures);
            }
        }
        for action in &CLIENT_ACTIONS {
            if let Some(call) = action.call.get(syntax) {
                let what = format!("action {} in {syntax}", action.name);
                cite(&clients, syntax, &what, call.evidence, &mut failures);
            }
        }
        for action in &BACKEND_ACTIONS {
            let what = format!("fetch action {} in {syntax}", action.method);
            cite(&clients, syntax, &what, action.call.get(syntax).evidence, &mut failures);
        }
    }
    for legacy in &LEGACY_ATTRIBUTES {
        let name = legacy.forms.value.or(legacy.forms.keyed).unwrap_or_default();
        let what = format!("legacy attribute data-{name} in {}", legacy.syntax);
        cite(&clients, legacy.syntax, &what, legacy.evidence, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The names registered with `({name:"…"`, which is how the 1.0 builds register every
/// attribute plugin, client action and event watcher whose name is a literal.
fn registered(text: &str) -> BTreeSet<String> {
    text.match_indices("({name:\"")
        .filter_map(|(at, open)| {
            let rest = &text[at + open.len()..];
            Some(rest[..rest.find('"')?].to_owned())
        })
        .collect()
}

#[test]
#[cfg_attr(
    browser_setup_missing,
    ignore = "the clients are not cached (see the build warning): scripts/test.sh fetches them"
)]
fn the_1_0_clients_register_exactly_what_the_tables_list() {
    let clients = Clients::load();
    let mut expected: BTreeSet<String> = PLUGINS
        .iter()
        .filter(|p| p.registered)
        .map(|p| p.name.to_owned())
        .collect();
    expected.extend(
        CLIENT_ACTIONS
            .iter()
            .filter(|a| a.call.v1.is_some())
            .map(|a| a.name.to_owned()),
    );
    expected.extend([
        "datastar-patch-elements".to_owned(),
        "datastar-patch-signals".to_owned(),
    ]);
    for (version, text) in &clients.v1 {
        assert_eq!(registered(text), expected, "the {version} client");
        // The fetch actions are registered by a function taking the name (their rows cite
        // each call); no build has a fetch action for the QUERY method.
        assert!(!text.contains("\"QUERY\""), "the {version} client has @query");
    }
}
