//! Page attributes: how each client generation spells a Datastar attribute, from the one
//! spelling a typed page is written in (Datastar 1.0's).
//!
//! A page source names an attribute as 1.0 does, `data-PLUGIN` (the value form) or
//! `data-PLUGIN:KEY` (the keyed form). Each generation spells the same meaning with its own
//! prefix, joins a key with `-` instead of `:`, and lacks some forms altogether; a form a
//! generation lacks is an error, never an attribute its client would silently ignore.
//! Checked against the published clients 0.19.9, 0.21.4 and 1.0.1.
//!
//! ```
//! use datastar_syntax::{PageSyntax, page_attribute};
//! assert_eq!(page_attribute(PageSyntax::V019, "on", Some("click")), Ok(Some("data-on-click".to_owned())));
//! assert_eq!(page_attribute(PageSyntax::V019, "init", None), Ok(Some("data-on-load".to_owned())));
//! assert_eq!(page_attribute(PageSyntax::V021, "bind", None), Ok(Some("data-bind".to_owned())));
//! assert_eq!(page_attribute(PageSyntax::V1, "title", None), Ok(None)); // not Datastar's
//! assert!(page_attribute(PageSyntax::V019, "indicator", Some("busy")).is_err());
//! ```

use std::fmt;

/// The attribute syntax of a page, per client generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageSyntax {
    /// The 2024 clients and `@sudodevnull/datastar` 0.19: `data-store`, `data-model`,
    /// `data-on-click`, `$$get('/x')`.
    V019,
    /// 0.20 and 0.21: `data-signals`, `data-bind`, `data-on-click`, signals read as
    /// `input.value`, and one action for every method, `sse('/x', {method: 'put'})`
    /// (0.21.4 has no `@get`, `@put`, … and no `$input`).
    V021,
    /// Datastar 1.0: `data-signals`, `data-bind`, `data-on:click`, `data-init`, `@get('/x')`.
    V1,
}

impl PageSyntax {
    /// Every page syntax, oldest first.
    pub const ALL: [PageSyntax; 3] = [PageSyntax::V019, PageSyntax::V021, PageSyntax::V1];

    /// Its place in [`ALL`](Self::ALL), for tables kept in that order.
    pub const fn index(self) -> usize {
        match self {
            PageSyntax::V019 => 0,
            PageSyntax::V021 => 1,
            PageSyntax::V1 => 2,
        }
    }

    /// The join between an attribute and its key: `-` before 1.0, `:` in 1.0 (which
    /// ignores the hyphen form).
    pub const fn key_join(self) -> char {
        match self {
            PageSyntax::V1 => ':',
            PageSyntax::V019 | PageSyntax::V021 => '-',
        }
    }

    fn column(self) -> usize {
        match self {
            PageSyntax::V1 => 0,
            PageSyntax::V021 => 1,
            PageSyntax::V019 => 2,
        }
    }
}

impl fmt::Display for PageSyntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PageSyntax::V019 => "0.19 (and 2024) page syntax",
            PageSyntax::V021 => "0.21 page syntax",
            PageSyntax::V1 => "1.0 page syntax",
        })
    }
}

/// How one generation writes one attribute: the prefix after `data-` of its value form
/// (`data-bind="input"`) and of its keyed form (`data-bind:input`), or `None` when it has
/// no such form.
#[derive(Clone, Copy, Debug)]
struct Forms {
    value: Option<&'static str>,
    keyed: Option<&'static str>,
}

const fn both(prefix: &'static str) -> Forms {
    Forms {
        value: Some(prefix),
        keyed: Some(prefix),
    }
}

const fn value(prefix: &'static str) -> Forms {
    Forms {
        value: Some(prefix),
        keyed: None,
    }
}

const fn keyed(prefix: &'static str) -> Forms {
    Forms {
        value: None,
        keyed: Some(prefix),
    }
}

const NONE: Forms = Forms {
    value: None,
    keyed: None,
};

/// The table: each 1.0 attribute and its forms in 1.0, 0.21 and 0.19. 0.19 names
/// attribute binding `data-bind-KEY` (1.0's `data-attr:KEY`) and two-way binding
/// `data-model`; 0.21.4 registers `data-attributes`; neither 0.x client has `data-init`
/// (its load event is `data-on-load`).
const ATTRIBUTES: &[(&str, [Forms; 3])] = &[
    ("signals", [both("signals"), both("signals"), value("store")]),
    ("bind", [both("bind"), both("bind"), value("model")]),
    ("on", [keyed("on"), keyed("on"), keyed("on")]),
    ("init", [value("init"), value("on-load"), value("on-load")]),
    ("show", [value("show"), value("show"), value("show")]),
    ("text", [value("text"), value("text"), value("text")]),
    ("class", [both("class"), both("class"), value("class")]),
    ("attr", [both("attr"), both("attributes"), keyed("bind")]),
    ("indicator", [both("indicator"), both("indicator"), NONE]),
    ("ref", [both("ref"), both("ref"), value("ref")]),
    ("computed", [keyed("computed"), NONE, NONE]),
    ("effect", [value("effect"), NONE, NONE]),
    ("style", [both("style"), NONE, NONE]),
];

/// Why an attribute cannot be written in a page syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeError {
    /// The attribute as the page wrote it, like `data-indicator:busy`.
    pub attribute: String,
    /// The syntax that lacks it.
    pub syntax: PageSyntax,
}

impl fmt::Display for AttributeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` has no spelling in the {}", self.attribute, self.syntax)
    }
}

impl std::error::Error for AttributeError {}

/// Whether `plugin` (the part after `data-`, before any `:`) names a Datastar attribute.
pub fn is_page_attribute(plugin: &str) -> bool {
    ATTRIBUTES.iter().any(|(name, _)| *name == plugin)
}

/// The name a page in `syntax` writes for the 1.0 attribute `data-PLUGIN` or
/// `data-PLUGIN:KEY`: `Ok(None)` when `plugin` is not a Datastar attribute (the page keeps
/// the name as written), an error when `syntax` has no such form.
pub fn page_attribute(syntax: PageSyntax, plugin: &str, key: Option<&str>) -> Result<Option<String>, AttributeError> {
    let Some((_, forms)) = ATTRIBUTES.iter().find(|(name, _)| *name == plugin) else {
        return Ok(None);
    };
    let forms = forms[syntax.column()];
    let spelled = match key {
        None => forms.value.map(|prefix| format!("data-{prefix}")),
        Some(key) => forms
            .keyed
            .map(|prefix| format!("data-{prefix}{}{key}", syntax.key_join())),
    };
    spelled.map(Some).ok_or_else(|| AttributeError {
        attribute: match key {
            None => format!("data-{plugin}"),
            Some(key) => format!("data-{plugin}:{key}"),
        },
        syntax,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generation_spells_the_seed_attributes() {
        let cases = [
            ("signals", None, ["data-signals", "data-signals", "data-store"]),
            ("bind", None, ["data-bind", "data-bind", "data-model"]),
            ("on", Some("click"), ["data-on:click", "data-on-click", "data-on-click"]),
            ("init", None, ["data-init", "data-on-load", "data-on-load"]),
            ("show", None, ["data-show", "data-show", "data-show"]),
            (
                "attr",
                Some("title"),
                ["data-attr:title", "data-attributes-title", "data-bind-title"],
            ),
        ];
        for (plugin, key, spelled) in cases {
            for (syntax, expected) in [PageSyntax::V1, PageSyntax::V021, PageSyntax::V019]
                .into_iter()
                .zip(spelled)
            {
                assert_eq!(
                    page_attribute(syntax, plugin, key),
                    Ok(Some(expected.to_owned())),
                    "{plugin} {syntax}"
                );
            }
        }
    }

    #[test]
    fn a_missing_form_is_an_error_naming_the_attribute() {
        let error = page_attribute(PageSyntax::V019, "bind", Some("input")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "`data-bind:input` has no spelling in the 0.19 (and 2024) page syntax"
        );
        assert!(page_attribute(PageSyntax::V1, "on", None).is_err());
        assert!(page_attribute(PageSyntax::V021, "effect", None).is_err());
    }

    #[test]
    fn other_data_attributes_are_not_datastar_s() {
        assert_eq!(page_attribute(PageSyntax::V019, "testid", None), Ok(None));
        assert!(!is_page_attribute("testid"));
        assert!(is_page_attribute("on"));
    }
}
