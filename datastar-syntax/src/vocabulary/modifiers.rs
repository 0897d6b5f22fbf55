//! Modifiers: the `__name.tag.tag` parts after an attribute's name, what tags each takes,
//! and how each page syntax writes them.
//!
//! The 1.0 clients split an attribute name at every `__` (the first part is the plugin and
//! its key, each later part a modifier) and a modifier at every `.` (its name, then its
//! tags, kept as a set). 0.21.4 splits the same way (at two or more `_`). 0.19.9 puts a `.`
//! before each modifier and a `_` before each tag: `data-on-input.debounce_500ms`.
//!
//! Which plugin reads which modifier is in [`Plugin::modifiers`](super::Plugin::modifiers);
//! a modifier a plugin does not read is silently ignored by every client.

use super::BySyntax;
use crate::PageSyntax;

/// How a page syntax writes modifiers.
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::ModifierSyntax;
/// let old = ModifierSyntax::of(PageSyntax::V019);
/// assert_eq!((old.before_modifier, old.before_tag), (".", '_'));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModifierSyntax {
    /// What comes before each modifier's name: `__`, or `.` in 0.19.
    pub before_modifier: &'static str,
    /// What comes before each of a modifier's tags: `.`, or `_` in 0.19.
    pub before_tag: char,
}

impl ModifierSyntax {
    /// The modifier syntax of `syntax`.
    pub const fn of(syntax: PageSyntax) -> ModifierSyntax {
        match syntax {
            PageSyntax::V019 => ModifierSyntax {
                before_modifier: ".",
                before_tag: '_',
            },
            PageSyntax::V021 | PageSyntax::V1 => ModifierSyntax {
                before_modifier: "__",
                before_tag: '.',
            },
        }
    }
}

/// A modifier of the 1.0 attribute language, named as 1.0 names it.
///
/// ```
/// use datastar_syntax::vocabulary::Modifier;
/// assert_eq!(Modifier::from_name("ifmissing"), Some(Modifier::IfMissing));
/// assert_eq!(Modifier::Debounce.name(), "debounce");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modifier {
    /// `__case.camel`: how a key becomes a name.
    Case,
    /// `__prop.name`: the element property `data-bind` reads and writes.
    Prop,
    /// `__event.change`: the events `data-bind` listens to.
    Event,
    /// `__delay.500ms`
    Delay,
    /// `__debounce.500ms.leading.notrailing`
    Debounce,
    /// `__throttle.500ms.noleading.trailing`
    Throttle,
    /// `__duration.1s.leading`: `data-on-interval`'s period.
    Duration,
    /// `__threshold.25`: `data-on-intersect`'s visible share, in percent.
    Threshold,
    /// `__viewtransition`
    ViewTransition,
    /// `__once`
    Once,
    /// `__passive`
    Passive,
    /// `__capture`
    Capture,
    /// `__window`
    Window,
    /// `__document`
    Document,
    /// `__outside`
    Outside,
    /// `__prevent`
    Prevent,
    /// `__stop`
    Stop,
    /// `__half`
    Half,
    /// `__full`
    Full,
    /// `__exit`
    Exit,
    /// `__ifmissing`
    IfMissing,
    /// `__terse`
    Terse,
    /// `__self` (`data-ignore__self`)
    SelfOnly,
}

/// What a modifier's tags must start with, before any [`Flag`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lead {
    /// No leading tag.
    Nothing,
    /// A time, first: digits with `ms`, `s` or no unit (milliseconds), like `500ms` or
    /// `1s`. The clients read only the first tag as the time, and `.` separates tags, so
    /// there are no fractions. Required here: the clients take a missing time as 0 ms,
    /// which makes `__duration` a busy loop and the others do nothing.
    Time,
    /// A whole number from 0 to 100, first: a percentage.
    Percent,
    /// Exactly one name (an element property, in kebab case).
    Name,
    /// One or more names (events).
    Names,
}

/// A word a modifier takes after its lead, and how each page syntax spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Flag {
    /// The word in 1.0.
    pub name: &'static str,
    /// The word each page syntax reads for the same meaning, or `None`.
    pub spelling: BySyntax<Option<&'static str>>,
    /// The string the bundle test finds where the word is spelled.
    pub evidence: BySyntax<&'static str>,
}

/// A modifier's tags: a lead, then flags in any order.
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::{Lead, Modifier};
/// let tags = Modifier::Debounce.def().tags;
/// assert_eq!(tags.lead, Lead::Time);
/// let notrailing = tags.flag("notrailing").unwrap();
/// assert_eq!(*notrailing.spelling.get(PageSyntax::V021), Some("notrail"));
/// assert_eq!(*notrailing.spelling.get(PageSyntax::V019), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tags {
    /// What comes first.
    pub lead: Lead,
    /// The flags that may follow.
    pub flags: &'static [Flag],
    /// Whether at least one flag is required (`__case` alone changes nothing).
    pub needs_flag: bool,
}

/// A modifier's row: its name, its tags, and where each client reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModifierDef {
    /// The modifier.
    pub modifier: Modifier,
    /// Its name, which every page syntax that has it writes the same.
    pub name: &'static str,
    /// The tags it takes.
    pub tags: Tags,
    /// What it does, in a line.
    pub summary: &'static str,
    /// The string the bundle test finds in each page syntax's client that reads it, or
    /// `""` where none does.
    pub evidence: BySyntax<&'static str>,
}

const NO_TAGS: Tags = Tags {
    lead: Lead::Nothing,
    flags: &[],
    needs_flag: false,
};

const fn time(flags: &'static [Flag]) -> Tags {
    Tags {
        lead: Lead::Time,
        flags,
        needs_flag: false,
    }
}

const fn only_1_0(name: &'static str, evidence: &'static str) -> Flag {
    Flag {
        name,
        spelling: BySyntax {
            v019: None,
            v021: None,
            v1: Some(name),
        },
        evidence: BySyntax {
            v019: "",
            v021: "",
            v1: evidence,
        },
    }
}

/// `kebab` is not one of the 1.0 clients' case functions: they leave the key as written,
/// which HTML has already lower-cased, so it names the default of `data-on` and
/// `data-class` and undoes nothing.
const CASES: &[Flag] = &[
    only_1_0("camel", "camel:"),
    only_1_0("kebab", r#""kebab""#),
    only_1_0("snake", "snake:"),
    only_1_0("pascal", "pascal:"),
];

const DEBOUNCE_FLAGS: &[Flag] = &[
    Flag {
        name: "leading",
        spelling: BySyntax {
            v019: Some("leading"),
            v021: Some("leading"),
            v1: Some("leading"),
        },
        evidence: BySyntax {
            v019: r#"se(i, "leading", !1)"#,
            v021: r#"re(c,"leading",!1)"#,
            v1: r#"(r,"leading",!1)"#,
        },
    },
    // 0.19.9 looks for `noTrail`, a word with a capital, in a lower-cased attribute name,
    // and defaults it to true either way: its debounce always fires at the end.
    Flag {
        name: "notrailing",
        spelling: BySyntax {
            v019: None,
            v021: Some("notrail"),
            v1: Some("notrailing"),
        },
        evidence: BySyntax {
            v019: "",
            v021: r#""notrail""#,
            v1: r#""notrailing""#,
        },
    },
];

// 0.19.9's throttle looks for `noLead` and `noTrail` in a lower-cased name: it always fires
// at the start and never at the end, whatever the tags.
const THROTTLE_FLAGS: &[Flag] = &[
    Flag {
        name: "noleading",
        spelling: BySyntax {
            v019: None,
            v021: Some("noleading"),
            v1: Some("noleading"),
        },
        evidence: BySyntax {
            v019: "",
            v021: r#"re(u,"noleading",!1)"#,
            v1: r#"(s,"noleading",!1)"#,
        },
    },
    Flag {
        name: "trailing",
        spelling: BySyntax {
            v019: None,
            v021: Some("trail"),
            v1: Some("trailing"),
        },
        evidence: BySyntax {
            v019: "",
            v021: r#"re(u,"trail",!1)"#,
            v1: r#"(s,"trailing",!1)"#,
        },
    },
];

const DURATION_FLAGS: &[Flag] = &[only_1_0("leading", r#"(s,"leading",!1)&&n()"#)];

const fn flag_modifier(
    modifier: Modifier,
    name: &'static str,
    summary: &'static str,
    evidence: BySyntax<&'static str>,
) -> ModifierDef {
    ModifierDef {
        modifier,
        name,
        tags: NO_TAGS,
        summary,
        evidence,
    }
}

const fn in_1_0(evidence: &'static str) -> BySyntax<&'static str> {
    BySyntax {
        v019: "",
        v021: "",
        v1: evidence,
    }
}

/// Every modifier, in the order of [`Modifier`]'s variants.
///
/// ```
/// use datastar_syntax::vocabulary::{MODIFIERS, Modifier};
/// assert_eq!(MODIFIERS[Modifier::Threshold as usize].name, "threshold");
/// ```
pub const MODIFIERS: [ModifierDef; 23] = [
    ModifierDef {
        modifier: Modifier::Case,
        name: "case",
        tags: Tags {
            lead: Lead::Nothing,
            flags: CASES,
            needs_flag: true,
        },
        summary: "converts the key (HTML lower-cases it) before it is used as a name; several apply in order",
        evidence: in_1_0(r#"get("case")"#),
    },
    ModifierDef {
        modifier: Modifier::Prop,
        name: "prop",
        tags: Tags {
            lead: Lead::Name,
            flags: &[],
            needs_flag: false,
        },
        summary: "binds this element property (kebab case, made camel) instead of the element's usual one",
        evidence: in_1_0(r#"get("prop")"#),
    },
    ModifierDef {
        modifier: Modifier::Event,
        name: "event",
        tags: Tags {
            lead: Lead::Names,
            flags: &[],
            needs_flag: false,
        },
        summary: "updates the signal on these events instead of the element's usual ones",
        evidence: in_1_0(r#"get("event")"#),
    },
    ModifierDef {
        modifier: Modifier::Delay,
        name: "delay",
        tags: time(&[]),
        summary: "runs the expression this long after the trigger",
        evidence: in_1_0(r#"get("delay")"#),
    },
    ModifierDef {
        modifier: Modifier::Debounce,
        name: "debounce",
        tags: time(DEBOUNCE_FLAGS),
        summary: "runs once the triggers pause this long (also at the first with `leading`; not at the end with `notrailing`)",
        evidence: BySyntax {
            v019: r#"modifiers.get("debounce")"#,
            v021: r#"get("debounce")"#,
            v1: r#"get("debounce")"#,
        },
    },
    ModifierDef {
        modifier: Modifier::Throttle,
        name: "throttle",
        tags: time(THROTTLE_FLAGS),
        summary: "runs at most once per this long (not at the start with `noleading`; also at the end with `trailing`)",
        evidence: BySyntax {
            v019: r#"modifiers.get("throttle")"#,
            v021: r#"get("throttle")"#,
            v1: r#"get("throttle")"#,
        },
    },
    ModifierDef {
        modifier: Modifier::Duration,
        name: "duration",
        tags: time(DURATION_FLAGS),
        summary: "the interval's period (1 s without it); `leading` also runs it at once",
        evidence: in_1_0(r#"get("duration")"#),
    },
    ModifierDef {
        modifier: Modifier::Threshold,
        name: "threshold",
        tags: Tags {
            lead: Lead::Percent,
            flags: &[],
            needs_flag: false,
        },
        summary: "fires when this percentage of the element is visible",
        evidence: in_1_0(r#"get("threshold")"#),
    },
    flag_modifier(
        Modifier::ViewTransition,
        "viewtransition",
        "runs the expression inside a view transition, where the browser has them",
        in_1_0(r#"has("viewtransition")"#),
    ),
    flag_modifier(
        Modifier::Once,
        "once",
        "fires only the first time",
        BySyntax {
            v019: r#"modifiers.has("once")"#,
            v021: r#"wt="once""#,
            v1: r#"has("once")"#,
        },
    ),
    flag_modifier(
        Modifier::Passive,
        "passive",
        "a passive listener",
        BySyntax {
            v019: r#"modifiers.has("passive")"#,
            v021: r#"has("passive")"#,
            v1: r#"has("passive")"#,
        },
    ),
    flag_modifier(
        Modifier::Capture,
        "capture",
        "listens in the capture phase",
        BySyntax {
            v019: r#"modifiers.has("capture")"#,
            v021: r#"has("capture")"#,
            v1: r#"has("capture")"#,
        },
    ),
    flag_modifier(
        Modifier::Window,
        "window",
        "listens on the window",
        BySyntax {
            v019: r#"modifiers.get("window")"#,
            v021: r#"has("window")"#,
            v1: r#"has("window")"#,
        },
    ),
    flag_modifier(
        Modifier::Document,
        "document",
        "listens on the document",
        in_1_0(r#"has("document")"#),
    ),
    flag_modifier(
        Modifier::Outside,
        "outside",
        "fires for events outside the element",
        BySyntax {
            v019: r#"modifiers.has("outside")"#,
            v021: r#"has("outside")"#,
            v1: r#"has("outside")"#,
        },
    ),
    flag_modifier(
        Modifier::Prevent,
        "prevent",
        "calls `preventDefault()` on the event",
        BySyntax {
            v019: "",
            v021: r#"has("prevent")"#,
            v1: r#"has("prevent")"#,
        },
    ),
    flag_modifier(
        Modifier::Stop,
        "stop",
        "calls `stopPropagation()` on the event",
        BySyntax {
            v019: "",
            v021: r#"has("stop")"#,
            v1: r#"has("stop")"#,
        },
    ),
    flag_modifier(
        Modifier::Half,
        "half",
        "fires when half of the element is visible",
        BySyntax {
            v019: r#"Ue = "half""#,
            v021: r#"Rt="half""#,
            v1: r#"has("half")"#,
        },
    ),
    flag_modifier(
        Modifier::Full,
        "full",
        "fires when all of the element is visible",
        BySyntax {
            v019: r#"Be = "full""#,
            v021: r#"xt="full""#,
            v1: r#"has("full")"#,
        },
    ),
    flag_modifier(
        Modifier::Exit,
        "exit",
        "fires when the element leaves the viewport instead",
        in_1_0(r#"has("exit")"#),
    ),
    flag_modifier(
        Modifier::IfMissing,
        "ifmissing",
        "sets only signals that do not exist yet",
        BySyntax {
            v019: r#"modifiers.has("ifmissing")"#,
            v021: r#"has("ifmissing")"#,
            v1: r#"has("ifmissing")"#,
        },
    ),
    flag_modifier(
        Modifier::Terse,
        "terse",
        "writes the JSON without indentation",
        in_1_0(r#"has("terse")"#),
    ),
    flag_modifier(
        Modifier::SelfOnly,
        "self",
        "ignores this element but not its descendants",
        in_1_0("__self"),
    ),
];

impl Modifier {
    /// Every modifier, in the order of [`MODIFIERS`].
    pub const ALL: [Modifier; 23] = {
        let mut all = [Modifier::Case; 23];
        let mut i = 0;
        while i < MODIFIERS.len() {
            all[i] = MODIFIERS[i].modifier;
            i += 1;
        }
        all
    };

    /// Its row.
    pub const fn def(self) -> &'static ModifierDef {
        &MODIFIERS[self as usize]
    }

    /// Its name, as written after `__`.
    pub const fn name(self) -> &'static str {
        self.def().name
    }

    /// The modifier named `name` (case-sensitive: attribute names reach the clients in
    /// lower case).
    pub const fn from_name(name: &str) -> Option<Modifier> {
        let mut i = 0;
        while i < MODIFIERS.len() {
            if crate::text::same(MODIFIERS[i].name, name) {
                return Some(MODIFIERS[i].modifier);
            }
            i += 1;
        }
        None
    }
}

impl Tags {
    /// The flag whose 1.0 word is `word`.
    pub fn flag(&self, word: &str) -> Option<&'static Flag> {
        self.flags.iter().find(|flag| flag.name == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order_and_names_round_trip() {
        for (i, modifier) in Modifier::ALL.into_iter().enumerate() {
            assert_eq!(modifier as usize, i, "{modifier:?} out of order");
            assert_eq!(Modifier::from_name(modifier.name()), Some(modifier));
            assert!(
                !modifier.def().evidence.v1.is_empty(),
                "{modifier:?} has no 1.0 evidence"
            );
        }
        assert_eq!(Modifier::from_name("notamodifier"), None);
        assert_eq!(Modifier::from_name("IFMISSING"), None);
    }

    #[test]
    fn a_flag_is_spelled_exactly_where_it_has_evidence() {
        for def in &MODIFIERS {
            for flag in def.tags.flags {
                for syntax in PageSyntax::ALL {
                    assert_eq!(
                        flag.spelling.get(syntax).is_some(),
                        !flag.evidence.get(syntax).is_empty(),
                        "{}.{} in {syntax}",
                        def.name,
                        flag.name
                    );
                }
                assert_eq!(flag.spelling.v1, Some(flag.name));
            }
        }
    }
}
