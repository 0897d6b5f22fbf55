//! Reading a 1.0 attribute name into its plugin, key and modifiers, as the 1.0 clients
//! split it, and writing it back in any page syntax.
//!
//! The clients accept any name and ignore what they do not read, so a typo is a dead
//! attribute. This parser is stricter than they are: what they would ignore, misread or
//! run as a no-op is an error, with the nearest word that would work.

use std::fmt;

use super::plugins::LEGACY_ATTRIBUTES;
use super::{Flag, Lead, Modifier, ModifierSyntax, Need, PLUGINS, Plugin, Presence, Support, plugin};
use crate::{PageSyntax, closest};

/// An attribute name of the 1.0 language, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// Its plugin.
    pub plugin: &'static Plugin,
    /// Its key, after `:`.
    pub key: Option<&'a str>,
    /// Its modifiers, in the order written.
    pub modifiers: Vec<Used<'a>>,
}

/// A modifier as an attribute uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Used<'a> {
    /// The modifier.
    pub modifier: Modifier,
    /// Its tags, in the order written.
    pub tags: Vec<Tag<'a>>,
}

/// One tag of a modifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag<'a> {
    /// A time, as written (`500ms`, `1s`, `250`) and in milliseconds.
    Time {
        /// The tag as written.
        text: &'a str,
        /// Its length in milliseconds.
        ms: u64,
    },
    /// A percentage from 0 to 100.
    Percent(u8),
    /// A name (a property or an event).
    Name(&'a str),
    /// One of the modifier's flags.
    Flag(&'static Flag),
}

/// Why a name is not an attribute of the 1.0 language (or not one that does anything).
///
/// Its `Display` is a sentence for a compile error, with the fix where there is one.
///
/// ```
/// use datastar_syntax::vocabulary::parse_attribute;
/// let error = parse_attribute("data-on-load").unwrap_err();
/// assert_eq!(error.to_string(), "`data-on-load` is 0.x syntax, which Datastar 1.0 ignores: write `data-init`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// It does not start with `data-`.
    NotData {
        /// The name.
        name: String,
    },
    /// It has capitals, which HTML lower-cases before any client sees them.
    Uppercase {
        /// The name.
        name: String,
    },
    /// No plugin of that name.
    UnknownPlugin {
        /// The plugin's name as written.
        plugin: String,
        /// The nearest plugin's name.
        suggestion: Option<&'static str>,
    },
    /// A 0.x key joined with `-`, which 1.0 reads as a plugin of its own that does not
    /// exist: `data-on-click`.
    HyphenKey {
        /// The plugin.
        plugin: &'static str,
        /// The key.
        key: String,
    },
    /// A 0.x name of a 1.0 attribute: `data-on-load`, `data-store`, `data-intersects`.
    Renamed {
        /// The name as written.
        written: String,
        /// The 1.0 spelling.
        write: String,
    },
    /// An attribute that only an older client has.
    Legacy {
        /// The name as written.
        written: String,
        /// The page syntax that has it.
        syntax: PageSyntax,
        /// What it did, and what 1.0 offers instead.
        summary: &'static str,
    },
    /// `data-on:intersect` and its kind: a listener for an event no browser fires, where a
    /// plugin of its own exists.
    EventIsPlugin {
        /// The event.
        event: String,
        /// The plugin to use.
        plugin: &'static str,
    },
    /// A `:` with nothing after it.
    EmptyKey {
        /// The plugin.
        plugin: &'static str,
    },
    /// A key where the plugin takes none, or none where it needs one.
    Key {
        /// The plugin.
        plugin: &'static str,
        /// [`Presence::KeyNotAllowed`] or [`Presence::KeyRequired`].
        problem: Presence,
    },
    /// Nothing between two `__`, or after the last.
    EmptyModifier {
        /// The plugin.
        plugin: &'static str,
    },
    /// A modifier no plugin reads.
    UnknownModifier {
        /// The plugin.
        plugin: &'static str,
        /// The modifier as written.
        modifier: String,
        /// The nearest modifier the plugin reads.
        suggestion: Option<&'static str>,
    },
    /// A modifier this plugin does not read.
    NotRead {
        /// The plugin.
        plugin: &'static str,
        /// The modifier.
        modifier: Modifier,
    },
    /// A modifier written twice: the clients keep only the last.
    Repeated {
        /// The modifier.
        modifier: Modifier,
    },
    /// An empty tag: `..` or a trailing `.`.
    EmptyTag {
        /// The modifier.
        modifier: Modifier,
    },
    /// No leading tag where the modifier needs one (`__debounce` without a time).
    MissingLead {
        /// The modifier.
        modifier: Modifier,
    },
    /// The leading tag is not what the modifier needs first.
    BadLead {
        /// The modifier.
        modifier: Modifier,
        /// The tag.
        tag: String,
    },
    /// The lead comes later: the clients read only the first tag as the time.
    LeadNotFirst {
        /// The modifier.
        modifier: Modifier,
        /// The lead as written.
        tag: String,
    },
    /// `__case` without a case.
    MissingFlag {
        /// The modifier.
        modifier: Modifier,
    },
    /// A tag the modifier does not read.
    UnknownTag {
        /// The modifier.
        modifier: Modifier,
        /// The tag.
        tag: String,
        /// The nearest flag of the modifier.
        suggestion: Option<&'static str>,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotData { name } => write!(f, "`{name}` is not a `data-` attribute"),
            ParseError::Uppercase { name } => write!(
                f,
                "HTML lower-cases `{name}` before any client reads it: write it in lower case \
                 (a key that must keep capitals takes `__case.camel` or `__case.pascal`)"
            ),
            ParseError::UnknownPlugin { plugin, suggestion } => {
                write!(f, "Datastar 1.0 has no attribute `data-{plugin}`")?;
                did_you_mean(f, suggestion.map(|s| format!("data-{s}")))
            }
            ParseError::HyphenKey { plugin, key } => write!(
                f,
                "`data-{plugin}-{key}` is 0.x syntax, which Datastar 1.0 ignores: write `data-{plugin}:{key}`"
            ),
            ParseError::Renamed { written, write } => {
                write!(
                    f,
                    "`{written}` is 0.x syntax, which Datastar 1.0 ignores: write `{write}`"
                )
            }
            ParseError::Legacy {
                written,
                syntax,
                summary,
            } => write!(f, "`{written}` exists only in the {syntax}: {summary}"),
            ParseError::EventIsPlugin { event, plugin } => write!(
                f,
                "`data-on:{event}` listens for an `{event}` event, which no browser fires: write `data-{plugin}`"
            ),
            ParseError::EmptyKey { plugin } => write!(f, "`data-{plugin}:` has an empty key"),
            ParseError::Key { plugin, problem } => match problem {
                Presence::KeyRequired => write!(f, "`data-{plugin}` needs a key: `data-{plugin}:KEY`"),
                _ => write!(f, "`data-{plugin}` takes no key"),
            },
            ParseError::EmptyModifier { plugin } => {
                write!(f, "an empty modifier on `data-{plugin}` (`__` with nothing after it)")
            }
            ParseError::UnknownModifier {
                plugin,
                modifier,
                suggestion,
            } => {
                write!(f, "`data-{plugin}` has no modifier `{modifier}`")?;
                match suggestion {
                    Some(_) => did_you_mean(f, *suggestion),
                    None => read_list(f, plugin),
                }
            }
            ParseError::NotRead { plugin, modifier } => {
                write!(f, "`data-{plugin}` does not read `__{}`", modifier.name())?;
                read_list(f, plugin)
            }
            ParseError::Repeated { modifier } => write!(
                f,
                "`__{}` is written twice; the client keeps only the last",
                modifier.name()
            ),
            ParseError::EmptyTag { modifier } => write!(f, "an empty tag in `__{}`", modifier.name()),
            ParseError::MissingLead { modifier } => {
                write!(f, "`__{}` needs {}", modifier.name(), grammar(*modifier))
            }
            ParseError::BadLead { modifier, tag } => {
                write!(f, "`{tag}` in `__{}`: it takes {}", modifier.name(), grammar(*modifier))
            }
            ParseError::LeadNotFirst { modifier, tag } => write!(
                f,
                "`{tag}` must be the first tag of `__{}`: the client reads only the first as {}",
                modifier.name(),
                lead_name(modifier.def().tags.lead)
            ),
            ParseError::MissingFlag { modifier } => {
                write!(
                    f,
                    "`__{}` alone does nothing: it takes {}",
                    modifier.name(),
                    grammar(*modifier)
                )
            }
            ParseError::UnknownTag {
                modifier,
                tag,
                suggestion,
            } => {
                write!(f, "`__{}` has no tag `{tag}`", modifier.name())?;
                match suggestion {
                    Some(_) => did_you_mean(f, *suggestion),
                    None => write!(f, " (it takes {})", grammar(*modifier)),
                }
            }
        }
    }
}

impl std::error::Error for ParseError {}

fn did_you_mean(f: &mut fmt::Formatter<'_>, suggestion: Option<impl fmt::Display>) -> fmt::Result {
    match suggestion {
        Some(s) => write!(f, "; did you mean `{s}`?"),
        None => Ok(()),
    }
}

fn read_list(f: &mut fmt::Formatter<'_>, plugin_name: &str) -> fmt::Result {
    let read: Vec<&str> = plugin(plugin_name)
        .into_iter()
        .flat_map(|p| p.modifiers)
        .filter(|accepts| accepts.by.v1 != Support::No)
        .map(|accepts| accepts.modifier.name())
        .collect();
    if read.is_empty() {
        write!(f, " (it reads none)")
    } else {
        write!(f, " (it reads {})", read.join(", "))
    }
}

fn lead_name(lead: Lead) -> &'static str {
    match lead {
        Lead::Nothing => "nothing",
        Lead::Time => "a time (`500ms`, `1s`)",
        Lead::Percent => "a percentage from 0 to 100",
        Lead::Name => "one name",
        Lead::Names => "one or more names",
    }
}

/// The tags a modifier takes, for people.
fn grammar(modifier: Modifier) -> String {
    let tags = modifier.def().tags;
    let flags: Vec<&str> = tags.flags.iter().map(|flag| flag.name).collect();
    match (tags.lead, flags.is_empty()) {
        (Lead::Nothing, true) => "no tags".to_owned(),
        (Lead::Nothing, false) if tags.needs_flag => format!("one or more of {}", flags.join(", ")),
        (Lead::Nothing, false) => format!("any of {}", flags.join(", ")),
        (lead, true) => lead_name(lead).to_owned(),
        (lead, false) => format!("{}, then any of {}", lead_name(lead), flags.join(", ")),
    }
}

/// Why an attribute cannot be written in a page syntax.
///
/// ```
/// use datastar_syntax::PageSyntax;
/// use datastar_syntax::vocabulary::parse_attribute;
/// let error = parse_attribute("data-effect").unwrap().spell(PageSyntax::V021).unwrap_err();
/// assert_eq!(error.to_string(), "`data-effect` has no spelling in the 0.21 page syntax");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpellError {
    /// The attribute, in 1.0 syntax.
    pub attribute: String,
    /// The page syntax.
    pub syntax: PageSyntax,
    /// What that syntax lacks.
    pub missing: Missing,
}

/// What a page syntax lacks to write an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// The plugin's form (with a key, or without).
    Form,
    /// The modifier, on this plugin (or, for 0.21's `ifmissing`, with a key).
    Modifier(Modifier),
    /// A flag of the modifier.
    Flag(Modifier, &'static str),
    /// A key with a `.`: 0.19 reads what follows a `.` as modifiers.
    DottedKey,
}

impl fmt::Display for SpellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (attribute, syntax) = (&self.attribute, self.syntax);
        match self.missing {
            Missing::Form => write!(f, "`{attribute}` has no spelling in the {syntax}"),
            Missing::Modifier(modifier) => {
                write!(f, "`{attribute}`: the {syntax} has no `{}` here", modifier.name())
            }
            Missing::Flag(modifier, flag) => write!(
                f,
                "`{attribute}`: the {syntax} has no `{flag}` for `{}`",
                modifier.name()
            ),
            Missing::DottedKey => write!(
                f,
                "`{attribute}`: the {syntax} reads a `.` in a key as the start of modifiers"
            ),
        }
    }
}

impl std::error::Error for SpellError {}

/// Reads a 1.0 attribute name (`data-on:input__debounce.500ms.leading`) as the 1.0 clients
/// split it: the plugin before the first `:`, the key after it, a modifier after each `__`
/// and a tag after each `.` in it.
///
/// ```
/// use datastar_syntax::vocabulary::{Modifier, ParseError, Tag, parse_attribute};
///
/// let read = parse_attribute("data-signals:user-name__ifmissing").unwrap();
/// assert_eq!((read.plugin.name, read.key), ("signals", Some("user-name")));
/// assert_eq!(read.modifiers[0].modifier, Modifier::IfMissing);
///
/// let read = parse_attribute("data-on-interval__duration.2s").unwrap();
/// assert_eq!(read.modifiers[0].tags, [Tag::Time { text: "2s", ms: 2000 }]);
///
/// let error = parse_attribute("data-on:input__debounce.500ms.notrail").unwrap_err();
/// assert!(matches!(error, ParseError::UnknownTag { suggestion: Some("notrailing"), .. }));
/// assert!(matches!(
///     parse_attribute("data-on:intersect"),
///     Err(ParseError::EventIsPlugin { plugin: "on-intersect", .. })
/// ));
/// ```
pub fn parse_attribute(name: &str) -> Result<Attribute<'_>, ParseError> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(ParseError::Uppercase { name: name.to_owned() });
    }
    let Some(rest) = name.strip_prefix("data-") else {
        return Err(ParseError::NotData { name: name.to_owned() });
    };
    let mut parts = rest.split("__");
    let head = parts.next().unwrap_or_default();
    let (plugin_name, key) = match head.split_once(':') {
        Some((plugin, key)) => (plugin, Some(key)),
        None => (head, None),
    };
    let plugin = find_plugin(plugin_name, key)?;
    check_key(plugin, key)?;
    let mut modifiers: Vec<Used<'_>> = Vec::new();
    for part in parts {
        let used = read_modifier(plugin, part)?;
        if modifiers.iter().any(|earlier| earlier.modifier == used.modifier) {
            return Err(ParseError::Repeated {
                modifier: used.modifier,
            });
        }
        modifiers.push(used);
    }
    Ok(Attribute { plugin, key, modifiers })
}

/// The 1.0 plugin `name` names, or the most helpful error: an older spelling first, then
/// a 0.x key, then the nearest name.
fn find_plugin(name: &str, key: Option<&str>) -> Result<&'static Plugin, ParseError> {
    if let Some(found) = plugin(name) {
        return Ok(found);
    }
    let written = || match key {
        Some(key) => format!("data-{name}:{key}"),
        None => format!("data-{name}"),
    };
    for row in &PLUGINS {
        for syntax in [PageSyntax::V021, PageSyntax::V019] {
            if row.spelling.get(syntax).value == Some(name) {
                let write = match key {
                    Some(key) if row.spelling.v1.keyed.is_some() => format!("data-{}:{key}", row.name),
                    _ => format!("data-{}", row.name),
                };
                return Err(ParseError::Renamed {
                    written: written(),
                    write,
                });
            }
        }
    }
    for legacy in &LEGACY_ATTRIBUTES {
        let keyed = legacy
            .forms
            .keyed
            .and_then(|prefix| name.strip_prefix(prefix)?.strip_prefix('-'));
        if legacy.forms.value == Some(name) || keyed.is_some() {
            return Err(ParseError::Legacy {
                written: written(),
                syntax: legacy.syntax,
                summary: legacy.summary,
            });
        }
    }
    if key.is_none() {
        let hyphen = |prefix: &str| name.strip_prefix(prefix)?.strip_prefix('-').filter(|k| !k.is_empty());
        // The longest plugin that fits: `on-signal-patch-x` is not `on` with a key.
        let same_name = PLUGINS
            .iter()
            .filter(|row| row.spelling.v1.keyed.is_some())
            .filter_map(|row| Some((row, hyphen(row.name)?)))
            .max_by_key(|(row, _)| row.name.len());
        if let Some((row, key)) = same_name {
            return Err(ParseError::HyphenKey {
                plugin: row.name,
                key: key.to_owned(),
            });
        }
        for row in &PLUGINS {
            for syntax in [PageSyntax::V021, PageSyntax::V019] {
                if let Some(key) = row.spelling.get(syntax).keyed.and_then(hyphen) {
                    return Err(ParseError::Renamed {
                        written: written(),
                        write: format!("data-{}:{key}", row.name),
                    });
                }
            }
        }
    }
    Err(ParseError::UnknownPlugin {
        plugin: name.to_owned(),
        suggestion: closest(name, PLUGINS.iter().map(|row| row.name)),
    })
}

/// The events of `data-on:EVENT` that are plugins of their own in 1.0.
const EVENT_PLUGINS: [(&str, &str); 5] = [
    ("intersect", "on-intersect"),
    ("interval", "on-interval"),
    ("signal-patch", "on-signal-patch"),
    ("signals-change", "on-signal-patch"),
    ("store-change", "on-signal-patch"),
];

fn check_key(plugin: &'static Plugin, key: Option<&str>) -> Result<(), ParseError> {
    match (plugin.key.need, key) {
        (_, Some("")) => Err(ParseError::EmptyKey { plugin: plugin.name }),
        (Need::Denied, Some(_)) => Err(ParseError::Key {
            plugin: plugin.name,
            problem: Presence::KeyNotAllowed,
        }),
        (Need::Must, None) => Err(ParseError::Key {
            plugin: plugin.name,
            problem: Presence::KeyRequired,
        }),
        _ => {
            if plugin.name == "on"
                && let Some(event) = key
                && let Some((_, instead)) = EVENT_PLUGINS.iter().find(|(e, _)| *e == event)
            {
                return Err(ParseError::EventIsPlugin {
                    event: event.to_owned(),
                    plugin: instead,
                });
            }
            Ok(())
        }
    }
}

fn read_modifier<'a>(plugin: &'static Plugin, part: &'a str) -> Result<Used<'a>, ParseError> {
    let mut pieces = part.split('.');
    let name = pieces.next().unwrap_or_default();
    if name.is_empty() {
        return Err(ParseError::EmptyModifier { plugin: plugin.name });
    }
    let read = || {
        plugin
            .modifiers
            .iter()
            .filter(|accepts| accepts.by.v1 != Support::No)
            .map(|accepts| accepts.modifier.name())
    };
    let Some(modifier) = Modifier::from_name(name) else {
        return Err(ParseError::UnknownModifier {
            plugin: plugin.name,
            modifier: name.to_owned(),
            suggestion: closest(name, read()),
        });
    };
    if plugin.support(modifier, PageSyntax::V1) == Support::No {
        return Err(ParseError::NotRead {
            plugin: plugin.name,
            modifier,
        });
    }
    let texts: Vec<&str> = pieces.collect();
    if texts.iter().any(|text| text.is_empty()) {
        return Err(ParseError::EmptyTag { modifier });
    }
    Ok(Used {
        modifier,
        tags: read_tags(modifier, &texts)?,
    })
}

fn read_tags<'a>(modifier: Modifier, texts: &[&'a str]) -> Result<Vec<Tag<'a>>, ParseError> {
    let grammar = modifier.def().tags;
    let lead = |text: &'a str| match grammar.lead {
        Lead::Time => time(text).map(|ms| Tag::Time { text, ms }),
        Lead::Percent => percent(text).map(Tag::Percent),
        Lead::Name | Lead::Names => Some(Tag::Name(text)),
        Lead::Nothing => None,
    };
    let mut tags = Vec::with_capacity(texts.len());
    let mut rest = texts;
    if grammar.lead != Lead::Nothing {
        let Some((first, after)) = texts.split_first() else {
            return Err(ParseError::MissingLead { modifier });
        };
        match lead(first) {
            Some(tag) => tags.push(tag),
            None => {
                if let Some(later) = after.iter().find(|text| lead(text).is_some()) {
                    return Err(ParseError::LeadNotFirst {
                        modifier,
                        tag: (*later).to_owned(),
                    });
                }
                return Err(ParseError::BadLead {
                    modifier,
                    tag: (*first).to_owned(),
                });
            }
        }
        rest = after;
        if grammar.lead == Lead::Names {
            tags.extend(rest.iter().map(|text| Tag::Name(text)));
            rest = &[];
        }
    }
    for text in rest {
        match grammar.flag(text) {
            Some(flag) => tags.push(Tag::Flag(flag)),
            None => {
                // An older client's word for a flag (`notrail`) is no typo: name its 1.0 word.
                let older = grammar
                    .flags
                    .iter()
                    .find(|flag| [flag.spelling.v021, flag.spelling.v019].contains(&Some(*text)));
                let suggestion = older
                    .map(|flag| flag.name)
                    .or_else(|| closest(text, grammar.flags.iter().map(|flag| flag.name)));
                return Err(ParseError::UnknownTag {
                    modifier,
                    tag: (*text).to_owned(),
                    suggestion,
                });
            }
        }
    }
    if grammar.needs_flag && tags.is_empty() {
        return Err(ParseError::MissingFlag { modifier });
    }
    Ok(tags)
}

/// A time tag in milliseconds: digits, then `ms`, `s` or nothing (milliseconds), the
/// clients' only units.
fn time(text: &str) -> Option<u64> {
    let (digits, scale) = if let Some(digits) = text.strip_suffix("ms") {
        (digits, 1)
    } else if let Some(digits) = text.strip_suffix('s') {
        (digits, 1000)
    } else {
        (text, 1)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok()?.checked_mul(scale)
}

fn percent(text: &str) -> Option<u8> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u8>().ok().filter(|n| *n <= 100)
}

impl Tag<'_> {
    /// The tag as `syntax` writes it, `None` for a flag it lacks.
    ///
    /// ```
    /// use datastar_syntax::PageSyntax;
    /// use datastar_syntax::vocabulary::parse_attribute;
    /// let read = parse_attribute("data-on:scroll__throttle.1s.trailing").unwrap();
    /// let tags = &read.modifiers[0].tags;
    /// assert_eq!(tags[0].spell(PageSyntax::V019).as_deref(), Some("1s"));
    /// assert_eq!(tags[1].spell(PageSyntax::V021).as_deref(), Some("trail"));
    /// ```
    pub fn spell(&self, syntax: PageSyntax) -> Option<String> {
        match self {
            Tag::Time { text, .. } | Tag::Name(text) => Some((*text).to_owned()),
            Tag::Percent(n) => Some(n.to_string()),
            Tag::Flag(flag) => flag.spelling.get(syntax).map(str::to_owned),
        }
    }
}

impl Attribute<'_> {
    /// The attribute's name as `syntax` writes it.
    ///
    /// ```
    /// use datastar_syntax::PageSyntax;
    /// use datastar_syntax::vocabulary::{Missing, parse_attribute};
    ///
    /// let read = parse_attribute("data-on-intersect__once").unwrap();
    /// assert_eq!(read.spell(PageSyntax::V019).unwrap(), "data-intersects.once");
    ///
    /// let read = parse_attribute("data-on:click__debounce.300ms.notrailing").unwrap();
    /// assert_eq!(read.spell(PageSyntax::V021).unwrap(), "data-on-click__debounce.300ms.notrail");
    /// let error = read.spell(PageSyntax::V019).unwrap_err();
    /// assert!(matches!(error.missing, Missing::Flag(_, "notrailing")));
    /// ```
    pub fn spell(&self, syntax: PageSyntax) -> Result<String, SpellError> {
        let error = |missing| SpellError {
            attribute: self.to_string(),
            syntax,
            missing,
        };
        let forms = self.plugin.spelling.get(syntax);
        let prefix = forms.get(self.key.is_some()).ok_or_else(|| error(Missing::Form))?;
        let mut out = format!("data-{prefix}");
        if let Some(key) = self.key {
            if syntax == PageSyntax::V019 && key.contains('.') {
                return Err(error(Missing::DottedKey));
            }
            out.push(syntax.key_join());
            out.push_str(key);
        }
        let modifier_syntax = ModifierSyntax::of(syntax);
        for used in &self.modifiers {
            let read = match self.plugin.support(used.modifier, syntax) {
                Support::No => false,
                Support::Yes => true,
                Support::ValueFormOnly => self.key.is_none(),
            };
            if !read {
                return Err(error(Missing::Modifier(used.modifier)));
            }
            out.push_str(modifier_syntax.before_modifier);
            out.push_str(used.modifier.name());
            for tag in &used.tags {
                let spelled = tag.spell(syntax).ok_or_else(|| {
                    let Tag::Flag(flag) = tag else {
                        unreachable!("only flags lack a spelling")
                    };
                    error(Missing::Flag(used.modifier, flag.name))
                })?;
                out.push(modifier_syntax.before_tag);
                out.push_str(&spelled);
            }
        }
        Ok(out)
    }
}

/// The 1.0 spelling, which [`parse_attribute`] reads back.
impl fmt::Display for Attribute<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "data-{}", self.plugin.name)?;
        if let Some(key) = self.key {
            write!(f, ":{key}")?;
        }
        for used in &self.modifiers {
            write!(f, "__{}", used.modifier.name())?;
            for tag in &used.tags {
                match tag {
                    Tag::Time { text, .. } | Tag::Name(text) => write!(f, ".{text}")?,
                    Tag::Percent(n) => write!(f, ".{n}")?,
                    Tag::Flag(flag) => write!(f, ".{}", flag.name)?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_the_clients_units() {
        assert_eq!(time("500ms"), Some(500));
        assert_eq!(time("1s"), Some(1000));
        assert_eq!(time("250"), Some(250));
        for bad in ["", "ms", "s", "1m", "-1s", "1.5s", "leading", "99999999999999999999"] {
            assert_eq!(time(bad), None, "{bad}");
        }
        assert_eq!(percent("100"), Some(100));
        assert_eq!(percent("101"), None);
        assert_eq!(percent("x"), None);
    }

    #[test]
    fn unknown_words_get_the_nearest_known_one() {
        let error = parse_attribute("data-on:click__debounse.500ms").unwrap_err();
        assert_eq!(
            error,
            ParseError::UnknownModifier {
                plugin: "on",
                modifier: "debounse".into(),
                suggestion: Some("debounce")
            }
        );
        assert!(error.to_string().ends_with("did you mean `debounce`?"), "{error}");
        let error = parse_attribute("data-sginals").unwrap_err();
        assert_eq!(
            error.to_string(),
            "Datastar 1.0 has no attribute `data-sginals`; did you mean `data-signals`?"
        );
    }

    #[test]
    fn older_spellings_name_the_1_0_one() {
        let cases = [
            (
                "data-on-click",
                "`data-on-click` is 0.x syntax, which Datastar 1.0 ignores: write `data-on:click`",
            ),
            (
                "data-on-load",
                "`data-on-load` is 0.x syntax, which Datastar 1.0 ignores: write `data-init`",
            ),
            (
                "data-store",
                "`data-store` is 0.x syntax, which Datastar 1.0 ignores: write `data-signals`",
            ),
            (
                "data-intersects",
                "`data-intersects` is 0.x syntax, which Datastar 1.0 ignores: write `data-on-intersect`",
            ),
            (
                "data-attributes-title",
                "`data-attributes-title` is 0.x syntax, which Datastar 1.0 ignores: write `data-attr:title`",
            ),
            (
                "data-on:intersect",
                "`data-on:intersect` listens for an `intersect` event, which no browser fires: write `data-on-intersect`",
            ),
        ];
        for (name, message) in cases {
            assert_eq!(parse_attribute(name).unwrap_err().to_string(), message);
        }
        let trail = parse_attribute("data-on:scroll__throttle.1s.trail").unwrap_err();
        assert!(matches!(
            trail,
            ParseError::UnknownTag {
                suggestion: Some("trailing"),
                ..
            }
        ));
        assert_eq!(
            parse_attribute("data-attributes:title").unwrap_err().to_string(),
            "`data-attributes:title` is 0.x syntax, which Datastar 1.0 ignores: write `data-attr:title`"
        );
        assert!(matches!(
            parse_attribute("data-persist"),
            Err(ParseError::Legacy {
                syntax: PageSyntax::V021,
                ..
            })
        ));
        assert!(matches!(
            parse_attribute("data-header-x-token"),
            Err(ParseError::Legacy {
                syntax: PageSyntax::V019,
                ..
            })
        ));
    }

    #[test]
    fn keys_follow_the_plugins_requirements() {
        assert!(matches!(
            parse_attribute("data-on"),
            Err(ParseError::Key {
                problem: Presence::KeyRequired,
                ..
            })
        ));
        assert!(matches!(
            parse_attribute("data-text:x"),
            Err(ParseError::Key {
                problem: Presence::KeyNotAllowed,
                ..
            })
        ));
        assert_eq!(parse_attribute("data-on:"), Err(ParseError::EmptyKey { plugin: "on" }));
        assert_eq!(
            parse_attribute("data-onClick"),
            Err(ParseError::Uppercase {
                name: "data-onClick".into()
            })
        );
        assert_eq!(
            parse_attribute("on:click"),
            Err(ParseError::NotData {
                name: "on:click".into()
            })
        );
    }

    #[test]
    fn tags_follow_their_grammar() {
        let lead_not_first = parse_attribute("data-on:input__debounce.leading.500ms").unwrap_err();
        assert_eq!(
            lead_not_first.to_string(),
            "`500ms` must be the first tag of `__debounce`: the client reads only the first as a time (`500ms`, `1s`)"
        );
        assert!(matches!(
            parse_attribute("data-on-interval__duration"),
            Err(ParseError::MissingLead {
                modifier: Modifier::Duration
            })
        ));
        assert!(matches!(
            parse_attribute("data-on-intersect__threshold.150"),
            Err(ParseError::BadLead { .. })
        ));
        assert!(matches!(
            parse_attribute("data-signals:x__case"),
            Err(ParseError::MissingFlag { .. })
        ));
        assert!(matches!(
            parse_attribute("data-on:click__once.true"),
            Err(ParseError::UnknownTag { suggestion: None, .. })
        ));
        assert!(matches!(
            parse_attribute("data-on:click__debounce..500ms"),
            Err(ParseError::EmptyTag { .. })
        ));
        assert!(matches!(
            parse_attribute("data-on:click__once__once"),
            Err(ParseError::Repeated { .. })
        ));
        assert!(matches!(
            parse_attribute("data-on:click__"),
            Err(ParseError::EmptyModifier { .. })
        ));
        assert!(matches!(
            parse_attribute("data-init__debounce.1s"),
            Err(ParseError::NotRead { .. })
        ));
        let bind = parse_attribute("data-bind:on__prop.checked__event.change.input").unwrap();
        assert_eq!(bind.modifiers[1].tags, [Tag::Name("change"), Tag::Name("input")]);
        assert!(matches!(
            parse_attribute("data-bind:on__prop.checked.value"),
            Err(ParseError::UnknownTag { .. })
        ));
    }

    #[test]
    fn ifmissing_with_a_key_has_no_0_21_spelling() {
        let keyed = parse_attribute("data-signals:x__ifmissing").unwrap();
        assert_eq!(
            keyed.spell(PageSyntax::V021).unwrap_err().missing,
            Missing::Modifier(Modifier::IfMissing)
        );
        let whole = parse_attribute("data-signals__ifmissing").unwrap();
        assert_eq!(whole.spell(PageSyntax::V021).unwrap(), "data-signals__ifmissing");
        assert_eq!(whole.spell(PageSyntax::V019).unwrap(), "data-store.ifmissing");
        let dotted = parse_attribute("data-computed:a.b").unwrap();
        assert_eq!(dotted.spell(PageSyntax::V021).unwrap(), "data-computed-a.b");
        assert_eq!(dotted.spell(PageSyntax::V019).unwrap_err().missing, Missing::DottedKey);
    }
}
