//! `docs/vocabulary.md` against the tables it explains: it cites every string the tables
//! cite and names every attribute, its examples are read and spelled for each page syntax
//! exactly as it shows them, and its misspellings are rejected with the words it quotes.

use datastar_syntax::PageSyntax;
use datastar_syntax::vocabulary::{
    ACTION_OPTIONS, BACKEND_ACTIONS, CLIENT_ACTIONS, LEGACY_ATTRIBUTES, MODIFIERS, PLUGINS, parse_attribute,
};

fn page() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/vocabulary.md");
    std::fs::read_to_string(path).expect("docs/vocabulary.md")
}

/// The body rows of the first table after the line `heading`, as trimmed cells.
fn table<'a>(page: &'a str, heading: &str) -> Vec<Vec<&'a str>> {
    let mut lines = page.lines().skip_while(|line| *line != heading);
    assert!(lines.next().is_some(), "no heading {heading:?}");
    let rows: Vec<Vec<&str>> = lines
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert!(!rows.is_empty(), "no table under {heading:?}");
    rows
}

/// A cell holding one code span, without its backticks.
fn code(cell: &str) -> &str {
    cell.strip_prefix('`')
        .and_then(|inner| inner.strip_suffix('`'))
        .unwrap_or_else(|| panic!("{cell:?} is not one code span"))
}

#[test]
fn the_page_cites_every_string_the_tables_cite() {
    let page = page();
    let mut cited: Vec<&str> = Vec::new();
    for plugin in &PLUGINS {
        cited.extend([plugin.evidence.v019, plugin.evidence.v021, plugin.evidence.v1]);
    }
    for def in &MODIFIERS {
        cited.extend([def.evidence.v019, def.evidence.v021, def.evidence.v1]);
        for flag in def.tags.flags {
            cited.extend([flag.evidence.v019, flag.evidence.v021, flag.evidence.v1]);
        }
    }
    for option in &ACTION_OPTIONS {
        let spellings = [option.spelling.v019, option.spelling.v021, option.spelling.v1];
        cited.extend(spellings.into_iter().flatten().map(|s| s.evidence));
    }
    for action in &CLIENT_ACTIONS {
        let calls = [action.call.v019, action.call.v021, action.call.v1];
        cited.extend(calls.into_iter().flatten().map(|c| c.evidence));
    }
    for action in &BACKEND_ACTIONS {
        cited.extend([
            action.call.v019.evidence,
            action.call.v021.evidence,
            action.call.v1.evidence,
        ]);
    }
    cited.extend(LEGACY_ATTRIBUTES.iter().map(|legacy| legacy.evidence));
    let missing: Vec<&str> = cited
        .into_iter()
        .filter(|evidence| !evidence.is_empty() && !page.contains(evidence))
        .collect();
    assert!(missing.is_empty(), "docs/vocabulary.md does not cite {missing:#?}");
}

#[test]
fn the_page_names_every_attribute_modifier_and_action() {
    let page = page();
    for plugin in &PLUGINS {
        assert!(page.contains(&format!("`data-{}", plugin.name)), "data-{}", plugin.name);
    }
    for def in &MODIFIERS {
        assert!(page.contains(&format!("| `{}` |", def.name)), "modifier {}", def.name);
    }
    let options = ACTION_OPTIONS
        .iter()
        .flat_map(|o| [o.spelling.v019, o.spelling.v021, o.spelling.v1])
        .flatten();
    for option in options {
        assert!(page.contains(&format!("`{}`", option.name)), "option {}", option.name);
    }
    for action in &CLIENT_ACTIONS {
        assert!(page.contains(&format!("`{}`", action.name)), "action {}", action.name);
    }
}

#[test]
fn every_example_reads_and_spells_as_shown() {
    let page = page();
    for row in table(&page, "## Examples") {
        let written = code(row[0]);
        let attribute = parse_attribute(written).unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(attribute.to_string(), written);
        assert_eq!(attribute.spell(PageSyntax::V1).as_deref(), Ok(written));
        for (syntax, cell) in [(PageSyntax::V021, row[1]), (PageSyntax::V019, row[2])] {
            let spelled = attribute.spell(syntax);
            match cell {
                "none" => assert!(spelled.is_err(), "{written} in {syntax}: {spelled:?}"),
                cell => assert_eq!(spelled.as_deref(), Ok(code(cell)), "{written} in {syntax}"),
            }
        }
    }
}

#[test]
fn every_misspelling_is_rejected_with_the_words_shown() {
    let page = page();
    for row in table(&page, "## Misspellings") {
        let written = code(row[0]);
        let error = parse_attribute(written).expect_err(written).to_string();
        assert!(error.contains(row[1]), "{written}: {error:?} does not say {:?}", row[1]);
    }
}
