//! Attribute plugins: each `data-*` attribute the 1.0 clients read, what its key and value
//! are, the modifiers it reads, and how each page syntax spells it.
//!
//! 1.0 writes an attribute as `data-PLUGIN` (the value form) or `data-PLUGIN:KEY` (the
//! keyed form): the clients take everything before the first `:` as the plugin's name, so a
//! hyphenated name such as `on-intersect` is a plugin of its own, and `data-on:intersect`
//! is a listener for an `intersect` event that no browser fires. 0.21 and 0.19 join a key
//! with `-` and match plugins by prefix.

use super::{BySyntax, Modifier, every};
use crate::PageSyntax;

/// How a page syntax spells an attribute: the part after `data-` of its value form and of
/// its keyed form (the key follows after [`PageSyntax::key_join`]), `None` where it has no
/// such form.
///
/// ```
/// use datastar_syntax::vocabulary::plugin;
/// let attr = plugin("attr").unwrap().spelling;
/// assert_eq!(attr.v021.get(false), Some("attributes"));
/// assert_eq!(attr.v019.get(false), None); // 0.19 sets one attribute at a time,
/// assert_eq!(attr.v019.get(true), Some("bind")); // as `data-bind-KEY`
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Forms {
    /// `data-bind="input"`: the name before the value.
    pub value: Option<&'static str>,
    /// `data-bind:input`: the name before the key.
    pub keyed: Option<&'static str>,
}

impl Forms {
    /// Neither form.
    pub const NONE: Forms = Forms {
        value: None,
        keyed: None,
    };

    /// Both forms, under `name`.
    pub const fn both(name: &'static str) -> Forms {
        Forms {
            value: Some(name),
            keyed: Some(name),
        }
    }

    /// Only the value form.
    pub const fn value(name: &'static str) -> Forms {
        Forms {
            value: Some(name),
            keyed: None,
        }
    }

    /// Only the keyed form.
    pub const fn keyed(name: &'static str) -> Forms {
        Forms {
            value: None,
            keyed: Some(name),
        }
    }

    /// The name of the form with a key, or without.
    pub const fn get(self, keyed: bool) -> Option<&'static str> {
        if keyed { self.keyed } else { self.value }
    }
}

/// What an attribute's key or value holds.
///
/// ```
/// use datastar_syntax::vocabulary::{Operand, plugin};
/// // `data-indicator` names a signal: `data-indicator="$busy"` would make one called `$busy`.
/// assert_eq!(plugin("indicator").unwrap().value.holds, Operand::SignalPath);
/// assert_eq!(plugin("show").unwrap().value.holds, Operand::Expression);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    /// Nothing the client reads.
    Nothing,
    /// A JavaScript expression, compiled with `$signal` and `@action()` rewritten and
    /// evaluated (reactively, for most plugins).
    Expression,
    /// The name or dotted path of a signal, as it is: no `$`, nothing evaluated. A `$name`
    /// here is a signal whose name starts with `$`.
    SignalPath,
    /// The name of an HTML attribute.
    AttributeName,
    /// A class name.
    ClassName,
    /// The name of a DOM event.
    EventName,
    /// The name of a CSS property.
    CssProperty,
    /// A signal filter `{include, exclude}` (regular expressions, or strings of them), read
    /// once as JSON or as a JavaScript object literal: not reactive, no `$signal`.
    SignalFilter,
    /// Attribute names separated by spaces.
    AttributeNames,
}

/// Whether a part must, may or must not be there: the 1.0 clients' `requirement`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    /// It may be there.
    Allowed,
    /// It must be there and not empty.
    Must,
    /// It must be missing or empty.
    Denied,
    /// Exactly one of the key and the value.
    Exclusive,
}

/// An attribute's key or value: what it holds and whether it must be there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Part {
    /// Whether it must be there.
    pub need: Need,
    /// What it holds.
    pub holds: Operand,
}

/// Why an attribute's key and value do not fit its plugin: the 1.0 clients' error names,
/// which they throw when the attribute is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Presence {
    /// A key where the plugin takes none.
    KeyNotAllowed,
    /// No key where the plugin needs one.
    KeyRequired,
    /// A value where the plugin takes none.
    ValueNotAllowed,
    /// No value where the plugin needs one.
    ValueRequired,
    /// Both, where the plugin takes one of them.
    KeyAndValueProvided,
    /// Neither, where the plugin takes one of them.
    KeyOrValueRequired,
}

/// Whether a page syntax's client reads a modifier on a plugin.
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::{Modifier, Support, plugin};
/// let signals = plugin("signals").unwrap();
/// assert_eq!(signals.support(Modifier::IfMissing, PageSyntax::V1), Support::Yes);
/// assert_eq!(signals.support(Modifier::IfMissing, PageSyntax::V021), Support::ValueFormOnly);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Support {
    /// It does not.
    No,
    /// It does.
    Yes,
    /// Only in the value form: 0.21.4 reads `data-signals-KEY__ifmissing` as an object to
    /// merge, so the keyed form with it sets nothing.
    ValueFormOnly,
}

/// A modifier a plugin reads, per page syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Accepts {
    /// The modifier.
    pub modifier: Modifier,
    /// Whether each page syntax's client reads it on this plugin.
    pub by: BySyntax<Support>,
}

/// One attribute of the 1.0 language.
///
/// ```
/// use datastar_syntax::vocabulary::{Need, plugin};
/// let on = plugin("on").unwrap();
/// assert_eq!(on.key.need, Need::Must);
/// assert_eq!(on.arguments, ["evt"]);
/// assert!(on.registered && !plugin("ignore").unwrap().registered);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Plugin {
    /// Its 1.0 name, after `data-` and before any `:`.
    pub name: &'static str,
    /// What it does, in a line.
    pub summary: &'static str,
    /// Whether the clients register it as a plugin; if not, the engine or another plugin
    /// looks the exact attribute up (`data-ignore`, `data-on-signal-patch-filter`), so a
    /// key or a modifier it does not list makes it a different, unread attribute.
    pub registered: bool,
    /// What its key names, and whether it needs one.
    pub key: Part,
    /// What its value holds, and whether it needs one.
    pub value: Part,
    /// Names an expression may use besides `el` and `$` (`evt` in `data-on`).
    pub arguments: &'static [&'static str],
    /// The modifiers it reads.
    pub modifiers: &'static [Accepts],
    /// Its forms in each page syntax.
    pub spelling: BySyntax<Forms>,
    /// The string the bundle test finds in each page syntax's client that has the plugin,
    /// or `""`.
    pub evidence: BySyntax<&'static str>,
}

impl Plugin {
    /// Whether (and how) `syntax` reads `modifier` on this plugin.
    pub fn support(&self, modifier: Modifier, syntax: PageSyntax) -> Support {
        self.modifiers
            .iter()
            .find(|accepts| accepts.modifier == modifier)
            .map_or(Support::No, |accepts| *accepts.by.get(syntax))
    }

    /// Checks a key and a value being there (not empty) as the 1.0 clients do when they
    /// apply the attribute.
    ///
    /// ```
    /// use datastar_syntax::vocabulary::{Presence, plugin};
    /// let bind = plugin("bind").unwrap();
    /// assert_eq!(bind.check(true, false), Ok(()));
    /// assert_eq!(bind.check(true, true), Err(Presence::KeyAndValueProvided));
    /// assert_eq!(plugin("show").unwrap().check(false, false), Err(Presence::ValueRequired));
    /// ```
    pub const fn check(&self, has_key: bool, has_value: bool) -> Result<(), Presence> {
        match (self.key.need, has_key) {
            (Need::Denied, true) => return Err(Presence::KeyNotAllowed),
            (Need::Must, false) => return Err(Presence::KeyRequired),
            _ => {}
        }
        match (self.value.need, has_value) {
            (Need::Denied, true) => return Err(Presence::ValueNotAllowed),
            (Need::Must, false) => return Err(Presence::ValueRequired),
            _ => {}
        }
        if matches!(self.key.need, Need::Exclusive) || matches!(self.value.need, Need::Exclusive) {
            match (has_key, has_value) {
                (true, true) => return Err(Presence::KeyAndValueProvided),
                (false, false) => return Err(Presence::KeyOrValueRequired),
                _ => {}
            }
        }
        Ok(())
    }
}

/// The plugin named `name` in 1.0.
///
/// ```
/// use datastar_syntax::vocabulary::plugin;
/// assert!(plugin("on-intersect").is_some());
/// assert!(plugin("intersects").is_none()); // the 0.x name
/// ```
pub const fn plugin(name: &str) -> Option<&'static Plugin> {
    let mut i = 0;
    while i < PLUGINS.len() {
        if crate::text::same(PLUGINS[i].name, name) {
            return Some(&PLUGINS[i]);
        }
        i += 1;
    }
    None
}

const fn part(need: Need, holds: Operand) -> Part {
    Part { need, holds }
}

const NO_KEY: Part = part(Need::Denied, Operand::Nothing);
const EXPRESSION: Part = part(Need::Must, Operand::Expression);
const EXCLUSIVE_PATH: Part = part(Need::Exclusive, Operand::SignalPath);

const fn only_1_0(modifier: Modifier) -> Accepts {
    Accepts {
        modifier,
        by: BySyntax {
            v019: Support::No,
            v021: Support::No,
            v1: Support::Yes,
        },
    }
}

const fn everywhere(modifier: Modifier) -> Accepts {
    Accepts {
        modifier,
        by: every(Support::Yes),
    }
}

const fn from_0_21(modifier: Modifier) -> Accepts {
    Accepts {
        modifier,
        by: BySyntax {
            v019: Support::No,
            v021: Support::Yes,
            v1: Support::Yes,
        },
    }
}

const fn only_1_0_forms(forms: Forms) -> BySyntax<Forms> {
    BySyntax {
        v019: Forms::NONE,
        v021: Forms::NONE,
        v1: forms,
    }
}

const fn only_1_0_evidence(evidence: &'static str) -> BySyntax<&'static str> {
    BySyntax {
        v019: "",
        v021: "",
        v1: evidence,
    }
}

const CASE: &[Accepts] = &[only_1_0(Modifier::Case)];

/// The 1.0 clients' one timing helper, which `data-on`, `data-on-intersect` and
/// `data-on-signal-patch` share; of the older clients only `data-on`'s reads debounce and
/// throttle.
const TIMING_1_0: [Accepts; 3] = [
    only_1_0(Modifier::Delay),
    only_1_0(Modifier::Debounce),
    only_1_0(Modifier::Throttle),
];

/// Every attribute the 1.0 clients read, registered plugins first, each list in name order.
///
/// ```
/// use datastar_syntax::vocabulary::PLUGINS;
/// let none_in_0_19 = PLUGINS.iter().filter(|p| p.spelling.v019.value.is_none() && p.spelling.v019.keyed.is_none());
/// assert!(none_in_0_19.map(|p| p.name).any(|name| name == "effect"));
/// ```
pub const PLUGINS: [Plugin; 21] = [
    Plugin {
        name: "attr",
        summary: "sets the attribute KEY to the value, or each attribute of an object value",
        registered: true,
        key: part(Need::Allowed, Operand::AttributeName),
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[],
        spelling: BySyntax {
            v019: Forms::keyed("bind"),
            v021: Forms::both("attributes"),
            v1: Forms::both("attr"),
        },
        evidence: BySyntax {
            v019: r#"prefix: "bind""#,
            v021: r#"name:"attributes""#,
            v1: r#"name:"attr""#,
        },
    },
    Plugin {
        name: "bind",
        summary: "two-way binding between the element's value and the signal the key or value names",
        registered: true,
        key: EXCLUSIVE_PATH,
        value: EXCLUSIVE_PATH,
        arguments: &[],
        modifiers: &[
            only_1_0(Modifier::Case),
            only_1_0(Modifier::Prop),
            only_1_0(Modifier::Event),
        ],
        spelling: BySyntax {
            v019: Forms::value("model"),
            v021: Forms::both("bind"),
            v1: Forms::both("bind"),
        },
        evidence: BySyntax {
            v019: r#"prefix: "model""#,
            v021: r#"name:"bind""#,
            v1: r#"name:"bind""#,
        },
    },
    Plugin {
        name: "class",
        summary: "adds the class KEY while the value is true, or each class of an object value",
        registered: true,
        key: part(Need::Allowed, Operand::ClassName),
        value: EXPRESSION,
        arguments: &[],
        modifiers: CASE,
        spelling: BySyntax {
            v019: Forms::value("class"),
            v021: Forms::both("class"),
            v1: Forms::both("class"),
        },
        evidence: BySyntax {
            v019: r#"prefix: "class""#,
            v021: r#"name:"class""#,
            v1: r#"name:"class""#,
        },
    },
    Plugin {
        name: "computed",
        summary: "a read-only signal KEY computed from the value, or an object of such functions",
        registered: true,
        key: part(Need::Allowed, Operand::SignalPath),
        value: EXPRESSION,
        arguments: &[],
        modifiers: CASE,
        spelling: BySyntax {
            v019: Forms::keyed("computed"),
            v021: Forms::keyed("computed"),
            v1: Forms::both("computed"),
        },
        evidence: BySyntax {
            v019: r#"prefix: "computed""#,
            v021: r#"ln="computed""#,
            v1: r#"name:"computed""#,
        },
    },
    Plugin {
        name: "effect",
        summary: "runs the expression whenever a signal it reads changes",
        registered: true,
        key: NO_KEY,
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[],
        spelling: only_1_0_forms(Forms::value("effect")),
        evidence: only_1_0_evidence(r#"name:"effect""#),
    },
    Plugin {
        name: "indicator",
        summary: "a signal, named by the key or value, that is true while the element's fetch runs",
        registered: true,
        key: EXCLUSIVE_PATH,
        value: EXCLUSIVE_PATH,
        arguments: &[],
        modifiers: CASE,
        spelling: BySyntax {
            v019: Forms::NONE,
            v021: Forms::both("indicator"),
            v1: Forms::both("indicator"),
        },
        evidence: BySyntax {
            v019: "",
            v021: r#"name:"indicator""#,
            v1: r#"name:"indicator""#,
        },
    },
    Plugin {
        name: "init",
        summary: "runs the expression when the element is loaded",
        registered: true,
        key: NO_KEY,
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[only_1_0(Modifier::Delay), only_1_0(Modifier::ViewTransition)],
        spelling: BySyntax {
            v019: Forms::value("on-load"),
            v021: Forms::value("on-load"),
            v1: Forms::value("init"),
        },
        evidence: BySyntax {
            v019: "dataset.onLoad",
            v021: "dataset.onLoad",
            v1: r#"name:"init""#,
        },
    },
    Plugin {
        name: "json-signals",
        summary: "shows the signals (those the filter value selects) as JSON text",
        registered: true,
        key: NO_KEY,
        value: part(Need::Allowed, Operand::SignalFilter),
        arguments: &[],
        modifiers: &[only_1_0(Modifier::Terse)],
        spelling: only_1_0_forms(Forms::value("json-signals")),
        evidence: only_1_0_evidence(r#"name:"json-signals""#),
    },
    Plugin {
        name: "on",
        summary: "runs the expression on the event KEY",
        registered: true,
        key: part(Need::Must, Operand::EventName),
        value: EXPRESSION,
        arguments: &["evt"],
        modifiers: &[
            everywhere(Modifier::Once),
            everywhere(Modifier::Passive),
            everywhere(Modifier::Capture),
            everywhere(Modifier::Window),
            only_1_0(Modifier::Document),
            everywhere(Modifier::Outside),
            from_0_21(Modifier::Prevent),
            from_0_21(Modifier::Stop),
            TIMING_1_0[0],
            everywhere(Modifier::Debounce),
            everywhere(Modifier::Throttle),
            only_1_0(Modifier::ViewTransition),
            only_1_0(Modifier::Case),
        ],
        spelling: every(Forms::keyed("on")),
        evidence: BySyntax {
            v019: r#"prefix: "on""#,
            v021: r#"name:"on""#,
            v1: r#"name:"on""#,
        },
    },
    Plugin {
        name: "on-intersect",
        summary: "runs the expression when the element becomes visible",
        registered: true,
        key: NO_KEY,
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[
            everywhere(Modifier::Once),
            everywhere(Modifier::Half),
            everywhere(Modifier::Full),
            only_1_0(Modifier::Threshold),
            only_1_0(Modifier::Exit),
            TIMING_1_0[0],
            TIMING_1_0[1],
            TIMING_1_0[2],
            only_1_0(Modifier::ViewTransition),
        ],
        spelling: BySyntax {
            v019: Forms::value("intersects"),
            v021: Forms::value("intersects"),
            v1: Forms::value("on-intersect"),
        },
        evidence: BySyntax {
            v019: r#"vs = "intersects""#,
            v021: r#"name:"intersects""#,
            v1: r#"name:"on-intersect""#,
        },
    },
    Plugin {
        name: "on-interval",
        summary: "runs the expression every second, or every `__duration`",
        registered: true,
        key: NO_KEY,
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[only_1_0(Modifier::Duration), only_1_0(Modifier::ViewTransition)],
        spelling: only_1_0_forms(Forms::value("on-interval")),
        evidence: only_1_0_evidence(r#"name:"on-interval""#),
    },
    Plugin {
        name: "on-signal-patch",
        summary: "runs the expression with `patch` when signals change (filtered by `data-on-signal-patch-filter`)",
        registered: true,
        // The clients also accept the key `filter`, which changes nothing: the filter is
        // the separate attribute. A key here is a mistake.
        key: NO_KEY,
        value: EXPRESSION,
        arguments: &["patch"],
        modifiers: &TIMING_1_0,
        spelling: only_1_0_forms(Forms::value("on-signal-patch")),
        evidence: only_1_0_evidence(r#"name:"on-signal-patch""#),
    },
    Plugin {
        name: "ref",
        summary: "a signal, named by the key or value, holding the element",
        registered: true,
        key: EXCLUSIVE_PATH,
        value: EXCLUSIVE_PATH,
        arguments: &[],
        modifiers: CASE,
        spelling: BySyntax {
            // 0.19's refs are not signals: an expression reads them as `~name`.
            v019: Forms::value("ref"),
            v021: Forms::both("ref"),
            v1: Forms::both("ref"),
        },
        evidence: BySyntax {
            v019: r#"prefix: "ref""#,
            v021: r#"name:"ref""#,
            v1: r#"name:"ref""#,
        },
    },
    Plugin {
        name: "show",
        summary: "shows the element while the value is true (`display: none` otherwise)",
        registered: true,
        key: NO_KEY,
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[],
        spelling: every(Forms::value("show")),
        evidence: BySyntax {
            v019: r#"ms = "show""#,
            v021: r#"name:"show""#,
            v1: r#"name:"show""#,
        },
    },
    Plugin {
        name: "signals",
        summary: "sets the signal KEY to the value, or merges an object value into the signals",
        registered: true,
        key: part(Need::Allowed, Operand::SignalPath),
        value: part(Need::Allowed, Operand::Expression),
        arguments: &[],
        modifiers: &[
            Accepts {
                modifier: Modifier::IfMissing,
                by: BySyntax {
                    v019: Support::Yes,
                    v021: Support::ValueFormOnly,
                    v1: Support::Yes,
                },
            },
            only_1_0(Modifier::Case),
        ],
        spelling: BySyntax {
            v019: Forms::value("store"),
            v021: Forms::both("signals"),
            v1: Forms::both("signals"),
        },
        evidence: BySyntax {
            v019: r#"prefix: "store""#,
            v021: r#"name:"signals""#,
            v1: r#"name:"signals""#,
        },
    },
    Plugin {
        name: "style",
        summary: "sets the CSS property KEY to the value, or each property of an object value",
        registered: true,
        key: part(Need::Allowed, Operand::CssProperty),
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[],
        spelling: only_1_0_forms(Forms::both("style")),
        evidence: only_1_0_evidence(r#"name:"style""#),
    },
    Plugin {
        name: "text",
        summary: "sets the element's text to the value",
        registered: true,
        key: NO_KEY,
        value: EXPRESSION,
        arguments: &[],
        modifiers: &[],
        spelling: every(Forms::value("text")),
        evidence: BySyntax {
            v019: r#"prefix: "text""#,
            v021: r#"name:"text""#,
            v1: r#"name:"text""#,
        },
    },
    Plugin {
        name: "ignore",
        summary: "the clients apply no attribute on the element or its descendants (`__self`: on the element only)",
        registered: false,
        key: NO_KEY,
        value: part(Need::Allowed, Operand::Nothing),
        arguments: &[],
        modifiers: &[only_1_0(Modifier::SelfOnly)],
        spelling: only_1_0_forms(Forms::value("ignore")),
        evidence: only_1_0_evidence(r#"W("ignore")"#),
    },
    Plugin {
        name: "ignore-morph",
        summary: "a patch leaves the element alone when both it and its replacement carry this",
        registered: false,
        key: NO_KEY,
        value: part(Need::Allowed, Operand::Nothing),
        arguments: &[],
        modifiers: &[],
        spelling: only_1_0_forms(Forms::value("ignore-morph")),
        evidence: only_1_0_evidence(r#"W("ignore-morph")"#),
    },
    Plugin {
        name: "on-signal-patch-filter",
        summary: "the signals `data-on-signal-patch` on the same element hears about",
        registered: false,
        key: NO_KEY,
        value: part(Need::Must, Operand::SignalFilter),
        arguments: &[],
        modifiers: &[],
        spelling: only_1_0_forms(Forms::value("on-signal-patch-filter")),
        evidence: only_1_0_evidence("W(`${this.name}-filter`)"),
    },
    Plugin {
        name: "preserve-attr",
        summary: "a patch keeps these attributes of the element (read on the new element)",
        registered: false,
        key: NO_KEY,
        value: part(Need::Must, Operand::AttributeNames),
        arguments: &[],
        modifiers: &[],
        spelling: only_1_0_forms(Forms::value("preserve-attr")),
        evidence: only_1_0_evidence(r#"W("preserve-attr")"#),
    },
];

/// An attribute an older client reads that has no counterpart in 1.0: a page in 1.0
/// syntax cannot ask for it, and writing its name is a mistake the parser names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LegacyAttribute {
    /// The page syntax whose client reads it.
    pub syntax: PageSyntax,
    /// Its forms there.
    pub forms: Forms,
    /// The modifiers it reads.
    pub modifiers: &'static [&'static str],
    /// What it does, and what 1.0 offers instead.
    pub summary: &'static str,
    /// The string the bundle test finds in that client.
    pub evidence: &'static str,
}

const fn legacy(
    syntax: PageSyntax,
    forms: Forms,
    modifiers: &'static [&'static str],
    summary: &'static str,
    evidence: &'static str,
) -> LegacyAttribute {
    LegacyAttribute {
        syntax,
        forms,
        modifiers,
        summary,
        evidence,
    }
}

const SCROLL_MODIFIERS: &[&str] = &[
    "smooth", "instant", "auto", "hstart", "hcenter", "hend", "hnearest", "vstart", "vcenter", "vend", "vnearest",
    "focus",
];

/// The attributes only 0.21.4 or 0.19.9 read (their special `data-on-*` events included).
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::LEGACY_ATTRIBUTES;
/// let persist = LEGACY_ATTRIBUTES.iter().find(|a| a.forms.value == Some("persist")).unwrap();
/// assert_eq!(persist.syntax, PageSyntax::V021);
/// ```
pub const LEGACY_ATTRIBUTES: [LegacyAttribute; 15] = [
    legacy(
        PageSyntax::V021,
        Forms::both("persist"),
        &["session"],
        "keeps the signals the value lists (all without one) in localStorage under KEY; none in 1.0's free client",
        r#"name:"persist""#,
    ),
    legacy(
        PageSyntax::V021,
        Forms::value("replace-url"),
        &[],
        "replaces the URL with the value; none in 1.0's free client",
        r#"name:"replaceUrl""#,
    ),
    legacy(
        PageSyntax::V021,
        Forms::value("scroll-into-view"),
        SCROLL_MODIFIERS,
        "scrolls the element into view once; none in 1.0's free client",
        r#"name:"scrollIntoView""#,
    ),
    legacy(
        PageSyntax::V021,
        Forms::value("view-transition"),
        &[],
        "registered as `view-transition`, which no camel-cased dataset key starts with: never applied",
        r#"Le="view-transition""#,
    ),
    legacy(
        PageSyntax::V021,
        Forms::value("star"),
        &[],
        "shows an alert (a joke); nothing in 1.0",
        r#"name:"star""#,
    ),
    legacy(
        PageSyntax::V021,
        Forms::value("star-ignore"),
        &[],
        "the element's own attributes are not applied; 1.0: `data-ignore__self`",
        r#""starIgnore"in"#,
    ),
    legacy(
        PageSyntax::V021,
        Forms::value("on-raf"),
        &[],
        "runs the expression on every animation frame; none in 1.0",
        r#"case"raf""#,
    ),
    legacy(
        PageSyntax::V021,
        Forms::value("on-signals-change"),
        &["remote"],
        "runs the expression when the signals change; 1.0: `data-on-signal-patch` (which passes the patch)",
        r#"case"signals-change""#,
    ),
    legacy(
        PageSyntax::V019,
        Forms::value("teleport"),
        &["prepend", "append"],
        "copies a template's content into the element the value selects; none in 1.0",
        r#"prefix: "teleport""#,
    ),
    legacy(
        PageSyntax::V019,
        Forms::value("scroll-into-view"),
        SCROLL_MODIFIERS,
        "scrolls the element into view once; none in 1.0's free client",
        r#"prefix: "scrollIntoView""#,
    ),
    legacy(
        PageSyntax::V019,
        Forms::value("view-transition"),
        &[],
        "sets the element's view-transition-name to the value; none in 1.0",
        r#"prefix: "viewTransition""#,
    ),
    legacy(
        PageSyntax::V019,
        Forms::value("fetch-indicator"),
        &[],
        "shows the elements the value selects while the element fetches; 1.0: `data-indicator` and `data-show`",
        r#"prefix: "fetchIndicator""#,
    ),
    legacy(
        PageSyntax::V019,
        Forms::keyed("header"),
        &[],
        "adds the header KEY (upper-cased) with the value as text to every fetch; 1.0: the `headers` option",
        r#"prefix: "header""#,
    ),
    legacy(
        PageSyntax::V019,
        Forms::value("on-raf"),
        &[],
        "runs the expression on every animation frame; none in 1.0",
        r#"case "raf":"#,
    ),
    legacy(
        PageSyntax::V019,
        Forms::value("on-store-change"),
        &["remote"],
        "runs the expression when the store changes; 1.0: `data-on-signal-patch`",
        r#"case "store-change":"#,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_round_trips_and_names_are_unique_and_sorted() {
        for (i, row) in PLUGINS.iter().enumerate() {
            assert_eq!(plugin(row.name), Some(row));
            assert!(PLUGINS[..i].iter().all(|other| other.name != row.name));
            // Two lists, each in name order: the registered plugins, then the rest.
            if let Some(next) = PLUGINS.get(i + 1)
                && next.registered == row.registered
            {
                assert!(row.name < next.name, "{} before {}", row.name, next.name);
            }
            assert!(row.registered || !PLUGINS[i + 1..].iter().any(|p| p.registered));
        }
        assert_eq!(plugin("nope"), None);
    }

    #[test]
    fn every_1_0_plugin_has_a_1_0_form_and_forms_match_the_key_and_value() {
        for row in &PLUGINS {
            let v1 = row.spelling.v1;
            assert_eq!(v1.keyed.is_some(), row.key.need != Need::Denied, "{}", row.name);
            assert_eq!(v1.value.is_some(), row.key.need != Need::Must, "{}", row.name);
            for forms in [v1, row.spelling.v021, row.spelling.v019] {
                assert!(forms.value.is_none() || v1.value.is_some(), "{}", row.name);
                assert!(forms.keyed.is_none() || v1.keyed.is_some(), "{}", row.name);
            }
        }
    }

    #[test]
    fn a_form_has_evidence_exactly_where_it_is_spelled() {
        for row in &PLUGINS {
            for syntax in PageSyntax::ALL {
                let forms = row.spelling.get(syntax);
                assert_eq!(
                    forms.value.is_some() || forms.keyed.is_some(),
                    !row.evidence.get(syntax).is_empty(),
                    "{} in {syntax}",
                    row.name
                );
            }
        }
    }

    #[test]
    fn a_modifier_is_read_only_where_the_plugin_has_a_form() {
        for row in &PLUGINS {
            for accepts in row.modifiers {
                for syntax in PageSyntax::ALL {
                    let forms = row.spelling.get(syntax);
                    if *accepts.by.get(syntax) != Support::No {
                        assert!(forms.value.is_some() || forms.keyed.is_some(), "{} {syntax}", row.name);
                        assert!(!accepts.modifier.def().evidence.get(syntax).is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn presence_follows_the_clients_requirements() {
        let on = plugin("on").unwrap();
        assert_eq!(on.check(false, true), Err(Presence::KeyRequired));
        assert_eq!(on.check(true, false), Err(Presence::ValueRequired));
        assert_eq!(plugin("text").unwrap().check(true, true), Err(Presence::KeyNotAllowed));
        assert_eq!(
            plugin("ref").unwrap().check(false, false),
            Err(Presence::KeyOrValueRequired)
        );
        assert_eq!(plugin("signals").unwrap().check(false, false), Ok(()));
        assert_eq!(plugin("json-signals").unwrap().check(false, false), Ok(()));
    }
}
