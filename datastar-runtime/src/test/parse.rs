//! SSE replies read back into [`Event`]s, for every dialect: the inverse of the encoders.
//!
//! (Over 500 lines on purpose: the four dialects' readers share the frame splitting and the
//! candidate check, and the table of normalisations below belongs beside the code it describes.)
//!
//! Each frame is read with its dialect's words. Where several events encode to the same
//! bytes, the parser returns the one a reader of the wire would name, and checks it: a
//! candidate is returned only when encoding it gives exactly what the plain reading
//! encodes to (so a script that merely looks like a redirect stays a script).
//!
//! What reads back different from what was sent (the encoding keeps the meaning, not the
//! form):
//!
//! | sent | reads back as |
//! |---|---|
//! | a retry of 1000 ms (0.21, 1.0) | no retry (the client's default is not written) |
//! | a settle equal to the default (500 ms in 2024 and 0.19, 300 ms in 0.21) | no settle |
//! | settle in 1.0, a removal's settle in 0.19, view transitions in 2024 | dropped (never written) |
//! | CR and CRLF in multi-line values | LF |
//! | 2024 and 0.19 HTML with line breaks | the one-line HTML written ([`crate::encode`] folds it) |
//! | 0.21 HTML lines with whitespace at their edges | the lines with character references written |
//! | 2024 HTML before its first element | dropped |
//! | a patch in mode remove with a selector (0.19, 0.21, 1.0; 2024 without an element) | [`RemoveElements`] |
//! | 2024 signals (`upsert_attributes` of `data-store` on the store element) | [`PatchSignals`] |
//! | 0.19 signals JSON with line breaks | the JSON with spaces |
//! | removing signals in 1.0 (a patch of `null`s) | [`PatchSignals`] of that patch |
//! | a 1.0 patch appending one `<script>` to `body` | [`ExecuteScript`] |
//! | a script (0.21, 1.0) that is exactly a redirect's or console message's | [`Redirect`], [`ConsoleMessage`] |
//! | 0.21 script attributes exactly `type module` | no attributes (the client's default) |
//! | a 0.21 boolean attribute with an empty value (`async`) | the attribute with its own name as value |
//! | a blank 0.21 script | `;` |
//! | 1.0 script text containing `<\/script` or `<\!--` | `</script`, `<!--` |
//! | a 1.0 script attribute `data-effect="el.remove()"` last, without auto-remove | auto-remove |
//!
//! ```
//! use datastar_runtime::test::parse;
//! use datastar_runtime::{Dialect, Event, Mode};
//! use datastar_runtime::event::PatchElements;
//! let bytes = b"event: datastar-fragment\ndata: selector #list\ndata: merge append\n\
//!               data: vt false\ndata: fragment <li>new</li>\n\n";
//! let events = parse(Dialect::V019, bytes).unwrap();
//! assert_eq!(events, [Event::from(PatchElements::new("<li>new</li>").selector("#list").mode(Mode::Append))]);
//! ```

use std::fmt;
use std::time::Duration;

use bytes::BytesMut;

use crate::encode::Dialect;
use crate::encode::js::js_string;
use crate::event::{
    ConsoleLevel, ConsoleMessage, Event, ExecuteScript, Mode, Namespace, PatchElements, PatchSignals, Redirect,
    RemoveElements, RemoveSignals, Vocabulary,
};
use crate::test::frame::{Frame, FrameReader};

/// Reads a whole SSE body back into events, in `dialect`'s words.
///
/// ```
/// use datastar_runtime::test::{ParseError, parse};
/// use datastar_runtime::{Dialect, Event};
/// use datastar_runtime::event::PatchSignals;
/// let events = parse(Dialect::V1, b"event: datastar-patch-signals\nid: 3\ndata: signals {\"n\":1}\n\n").unwrap();
/// assert_eq!(events, [Event::from(PatchSignals::raw("{\"n\":1}")).id("3")]);
/// assert_eq!(parse(Dialect::V1, b"event: datastar-patch-signals\n"), Err(ParseError::Unterminated));
/// ```
pub fn parse(dialect: Dialect, sse: &[u8]) -> Result<Vec<Event>, ParseError> {
    let mut reader = FrameReader::default();
    reader.push(sse)?;
    reader.finish()?;
    std::iter::from_fn(|| reader.next_frame())
        .map(|frame| read_frame(dialect, frame))
        .collect()
}

/// Why an SSE reply could not be read back into events.
///
/// ```
/// use datastar_runtime::test::{ParseError, parse};
/// use datastar_runtime::Dialect;
/// let err = parse(Dialect::V021, b"event: datastar-patch-elements\ndata: elements <p></p>\n\n").unwrap_err();
/// assert_eq!(err, ParseError::UnknownEvent { dialect: Dialect::V021, name: "datastar-patch-elements".into() });
/// assert_eq!(err.to_string(), "`datastar-patch-elements` is not an event of the Datastar 0.21 dialect");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// The body ended inside an event (before its blank line).
    Unterminated,
    /// A line is not UTF-8.
    NotUtf8 {
        /// Byte offset of the first invalid byte in the body.
        offset: usize,
    },
    /// An event without an `event:` line.
    MissingName,
    /// An event name the dialect does not have.
    UnknownEvent {
        /// The dialect read.
        dialect: Dialect,
        /// The event name.
        name: String,
    },
    /// A data line without a space after its key.
    NoKey {
        /// The event name.
        event: String,
        /// The line.
        line: String,
    },
    /// A data line whose key the event does not have.
    UnknownKey {
        /// The event name.
        event: String,
        /// The key.
        key: String,
    },
    /// A single-line key given more than once.
    Repeated {
        /// The event name.
        event: String,
        /// The key.
        key: String,
    },
    /// A key the event needs is missing.
    Missing {
        /// The event name.
        event: String,
        /// The key.
        key: &'static str,
    },
    /// A value that is not one the key takes (a mode word, a number, `true`/`false`).
    BadValue {
        /// The event name.
        event: String,
        /// The key.
        key: String,
        /// The value.
        value: String,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Unterminated => write!(f, "the body ends inside an event (no blank line after it)"),
            ParseError::NotUtf8 { offset } => write!(f, "the body is not UTF-8 at byte {offset}"),
            ParseError::MissingName => write!(f, "an event has no `event:` line"),
            ParseError::UnknownEvent { dialect, name } => write!(f, "`{name}` is not an event of the {dialect}"),
            ParseError::NoKey { event, line } => write!(f, "`{event}`: the data line {line:?} has no key"),
            ParseError::UnknownKey { event, key } => write!(f, "`{event}` has no `{key}` data line"),
            ParseError::Repeated { event, key } => write!(f, "`{event}` repeats its `{key}` data line"),
            ParseError::Missing { event, key } => write!(f, "`{event}` needs a `{key}` data line"),
            ParseError::BadValue { event, key, value } => write!(f, "`{event}`: {value:?} is not a `{key}` value"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads one frame in `dialect`'s words.
pub(crate) fn read_frame(dialect: Dialect, frame: Frame) -> Result<Event, ParseError> {
    let name = frame.event.clone().ok_or(ParseError::MissingName)?;
    let event = match dialect {
        Dialect::Fragment2024 { .. } => v2024(dialect, &name, &frame)?,
        Dialect::V019 => v019(&name, &frame)?,
        Dialect::V021 => v021(&name, &frame)?,
        Dialect::V1 => v1(&name, &frame)?,
    };
    let mut event = event;
    if let Some(id) = frame.id {
        event = event.id(id);
    }
    if let Some(ms) = frame.retry {
        event = event.retry(Duration::from_millis(ms));
    }
    Ok(event)
}

/// An event's data lines as `(key, value)`, with the keys it may have.
struct Lines<'f> {
    event: &'f str,
    lines: Vec<(&'f str, &'f str)>,
}

impl<'f> Lines<'f> {
    fn new(event: &'f str, frame: &'f Frame, keys: &[&str]) -> Result<Lines<'f>, ParseError> {
        let mut lines = Vec::with_capacity(frame.data.len());
        for line in &frame.data {
            let Some((key, value)) = line.split_once(' ') else {
                return Err(ParseError::NoKey {
                    event: event.to_owned(),
                    line: line.clone(),
                });
            };
            if !keys.contains(&key) {
                return Err(ParseError::UnknownKey {
                    event: event.to_owned(),
                    key: key.to_owned(),
                });
            }
            lines.push((key, value));
        }
        Ok(Lines { event, lines })
    }

    /// The value of a single-line key.
    fn one(&self, key: &str) -> Result<Option<&'f str>, ParseError> {
        let mut values = self.lines.iter().filter(|(k, _)| *k == key);
        let first = values.next().map(|(_, v)| *v);
        if values.next().is_some() {
            return Err(ParseError::Repeated {
                event: self.event.to_owned(),
                key: key.to_owned(),
            });
        }
        Ok(first)
    }

    fn required(&self, key: &'static str) -> Result<&'f str, ParseError> {
        self.one(key)?.ok_or(ParseError::Missing {
            event: self.event.to_owned(),
            key,
        })
    }

    /// The lines of a multi-line key, joined with `\n` as the clients do.
    fn joined(&self, key: &str) -> Option<String> {
        let values: Vec<&str> = self.all(key).collect();
        (!values.is_empty()).then(|| values.join("\n"))
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'f str> + 'a {
        self.lines.iter().filter(move |(k, _)| *k == key).map(|(_, v)| *v)
    }

    fn bad(&self, key: &str, value: &str) -> ParseError {
        ParseError::BadValue {
            event: self.event.to_owned(),
            key: key.to_owned(),
            value: value.to_owned(),
        }
    }

    fn flag(&self, key: &str) -> Result<bool, ParseError> {
        match self.one(key)? {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(self.bad(key, other)),
        }
    }

    fn millis(&self, key: &str) -> Result<Option<Duration>, ParseError> {
        self.one(key)?
            .map(|v| {
                v.parse::<u64>()
                    .map(Duration::from_millis)
                    .map_err(|_| self.bad(key, v))
            })
            .transpose()
    }

    fn mode(&self, key: &str, vocabulary: Vocabulary) -> Result<Mode, ParseError> {
        match self.one(key)? {
            None => Ok(Mode::Morph),
            Some(word) => Mode::parse(vocabulary, word).map_err(|_| self.bad(key, word)),
        }
    }
}

fn unknown(dialect: Dialect, name: &str) -> ParseError {
    ParseError::UnknownEvent {
        dialect,
        name: name.to_owned(),
    }
}

fn patch(elements: String, selector: Option<&str>, mode: Mode) -> PatchElements {
    let patch = PatchElements::new(elements).mode(mode);
    match selector {
        Some(selector) => patch.selector(selector.to_owned()),
        None => patch,
    }
}

fn with_settle(patch: PatchElements, settle: Option<Duration>) -> PatchElements {
    match settle {
        Some(settle) => patch.settle(settle),
        None => patch,
    }
}

fn remove_with_settle(remove: RemoveElements, settle: Option<Duration>) -> RemoveElements {
    match settle {
        Some(settle) => remove.settle(settle),
        None => remove,
    }
}

/// `candidate` when it encodes to exactly the bytes `plain` encodes to, else `plain`.
fn prefer(dialect: Dialect, plain: Event, candidate: Option<Event>) -> Event {
    match candidate {
        Some(candidate) if encodes_alike(dialect, &plain, &candidate) => candidate,
        _ => plain,
    }
}

fn encodes_alike(dialect: Dialect, a: &Event, b: &Event) -> bool {
    let mut a_bytes = BytesMut::new();
    let mut b_bytes = BytesMut::new();
    matches!(
        (dialect.encode(a, &mut a_bytes), dialect.encode(b, &mut b_bytes)),
        (Ok(()), Ok(())) if a_bytes == b_bytes
    )
}

// ---------------------------------------------------------------- 2024

fn v2024(dialect: Dialect, name: &str, frame: &Frame) -> Result<Event, ParseError> {
    match name {
        "datastar-fragment" => {
            let lines = Lines::new(name, frame, &["selector", "merge", "settle", "fragment"])?;
            let selector = lines.one("selector")?;
            let mode = lines.mode("merge", Vocabulary::Merge)?;
            let settle = lines.millis("settle")?;
            let fragment = lines.required("fragment")?;
            let plain = Event::from(with_settle(patch(fragment.to_owned(), selector, mode), settle));
            let candidate = match (mode, selector) {
                (Mode::Remove, Some(selector)) if fragment == "<div></div>" => Some(Event::from(remove_with_settle(
                    RemoveElements::new(selector.to_owned()),
                    settle,
                ))),
                (Mode::UpsertAttributes, Some(_)) if settle.is_none() => {
                    store_json(fragment).map(|json| Event::from(PatchSignals::raw(json)))
                }
                _ => None,
            };
            Ok(prefer(dialect, plain, candidate))
        }
        "datastar-redirect" => {
            let lines = Lines::new(name, frame, &["redirect"])?;
            Ok(Redirect::new(lines.required("redirect")?.to_owned()).into())
        }
        _ => Err(unknown(dialect, name)),
    }
}

/// The JSON of a `<div data-store="…"></div>` store element.
fn store_json(fragment: &str) -> Option<String> {
    let value = fragment.strip_prefix("<div data-store=\"")?.strip_suffix("\"></div>")?;
    attribute_value(value)
}

// ---------------------------------------------------------------- 0.19

fn v019(name: &str, frame: &Frame) -> Result<Event, ParseError> {
    match name {
        "datastar-fragment" => {
            let lines = Lines::new(name, frame, &["selector", "merge", "settle", "vt", "fragment"])?;
            let selector = lines.one("selector")?;
            let mode = lines.mode("merge", Vocabulary::Merge)?;
            let fragment = lines.required("fragment")?;
            let patch = patch(fragment.to_owned(), selector, mode).view_transition(lines.flag("vt")?);
            Ok(with_settle(patch, lines.millis("settle")?).into())
        }
        "datastar-signal" => {
            let lines = Lines::new(name, frame, &["onlyIfMissing", "store"])?;
            let json = lines.required("store")?;
            Ok(PatchSignals::raw(json.to_owned())
                .only_if_missing(lines.flag("onlyIfMissing")?)
                .into())
        }
        "datastar-delete" => {
            let lines = Lines::new(name, frame, &["selector", "paths"])?;
            match (lines.one("selector")?, lines.one("paths")?) {
                (Some(selector), None) => Ok(RemoveElements::new(selector.to_owned()).into()),
                (None, Some("")) => Ok(RemoveSignals::new(Vec::<String>::new()).into()),
                (None, Some(paths)) => Ok(RemoveSignals::new(paths.split(' ').map(str::to_owned)).into()),
                (Some(_), Some(_)) => Err(lines.bad("paths", "a selector and paths at once")),
                (None, None) => Err(ParseError::Missing {
                    event: name.to_owned(),
                    key: "selector",
                }),
            }
        }
        "datastar-redirect" => {
            let lines = Lines::new(name, frame, &["url"])?;
            Ok(Redirect::new(lines.required("url")?.to_owned()).into())
        }
        "datastar-console" => {
            // The mode is the first word of the whole data and the message all the rest.
            let data = frame.data.join("\n");
            let (word, message) = data.split_once(' ').unwrap_or((&data, ""));
            let level = console_level(word).ok_or_else(|| ParseError::BadValue {
                event: name.to_owned(),
                key: "mode".to_owned(),
                value: word.to_owned(),
            })?;
            Ok(ConsoleMessage::new(level, message.to_owned()).into())
        }
        _ => Err(unknown(Dialect::V019, name)),
    }
}

fn console_level(word: &str) -> Option<ConsoleLevel> {
    ConsoleLevel::ALL.into_iter().find(|level| level.as_str() == word)
}

/// `onlyIfMissing` and `signals`, as 0.21's merge-signals and 1.0's patch-signals both write them.
fn patch_signals(name: &str, frame: &Frame) -> Result<Event, ParseError> {
    let lines = Lines::new(name, frame, &["onlyIfMissing", "signals"])?;
    let json = lines.joined("signals").ok_or(ParseError::Missing {
        event: name.to_owned(),
        key: "signals",
    })?;
    Ok(PatchSignals::raw(json)
        .only_if_missing(lines.flag("onlyIfMissing")?)
        .into())
}

// ---------------------------------------------------------------- 0.21

fn v021(name: &str, frame: &Frame) -> Result<Event, ParseError> {
    match name {
        "datastar-merge-fragments" => {
            let keys = [
                "selector",
                "mergeMode",
                "settleDuration",
                "useViewTransition",
                "fragments",
            ];
            let lines = Lines::new(name, frame, &keys)?;
            let fragments = lines.joined("fragments").unwrap_or_default();
            let patch = patch(
                fragments,
                lines.one("selector")?,
                lines.mode("mergeMode", Vocabulary::Merge)?,
            )
            .view_transition(lines.flag("useViewTransition")?);
            Ok(with_settle(patch, lines.millis("settleDuration")?).into())
        }
        "datastar-remove-fragments" => {
            let lines = Lines::new(name, frame, &["selector", "settleDuration", "useViewTransition"])?;
            let remove = RemoveElements::new(lines.required("selector")?.to_owned())
                .view_transition(lines.flag("useViewTransition")?);
            Ok(remove_with_settle(remove, lines.millis("settleDuration")?).into())
        }
        "datastar-merge-signals" => patch_signals(name, frame),
        "datastar-remove-signals" => {
            let lines = Lines::new(name, frame, &["paths"])?;
            Ok(RemoveSignals::new(lines.all("paths").map(str::to_owned).collect::<Vec<_>>()).into())
        }
        "datastar-execute-script" => {
            let lines = Lines::new(name, frame, &["autoRemove", "attributes", "script"])?;
            let auto_remove = match lines.one("autoRemove")? {
                None | Some("true") => true,
                Some("false") => false,
                Some(other) => return Err(lines.bad("autoRemove", other)),
            };
            let text = lines.joined("script").ok_or(ParseError::Missing {
                event: name.to_owned(),
                key: "script",
            })?;
            let mut script = ExecuteScript::new(text.clone()).auto_remove(auto_remove);
            let mut attributes = 0;
            for line in lines.all("attributes") {
                let (name, value) = line.split_once(' ').ok_or_else(|| lines.bad("attributes", line))?;
                script = script.attribute(name.to_owned(), value.to_owned());
                attributes += 1;
            }
            let plain = Event::from(script);
            if attributes > 0 || !auto_remove {
                return Ok(plain);
            }
            Ok(prefer(Dialect::V021, plain, script_meaning(&text)))
        }
        _ => Err(unknown(Dialect::V021, name)),
    }
}

// ---------------------------------------------------------------- 1.0

fn v1(name: &str, frame: &Frame) -> Result<Event, ParseError> {
    match name {
        "datastar-patch-elements" => {
            let keys = ["selector", "mode", "namespace", "useViewTransition", "elements"];
            let lines = Lines::new(name, frame, &keys)?;
            let selector = lines.one("selector")?;
            let mode = lines.mode("mode", Vocabulary::Mode)?;
            let view_transition = lines.flag("useViewTransition")?;
            let namespace = match lines.one("namespace")? {
                None | Some("html") => Namespace::Html,
                Some("svg") => Namespace::Svg,
                Some("mathml") => Namespace::MathMl,
                Some(other) => return Err(lines.bad("namespace", other)),
            };
            let elements = lines.joined("elements").unwrap_or_default();
            let script = (selector == Some("body") && mode == Mode::Append && namespace == Namespace::Html)
                .then(|| script_element(&elements))
                .flatten();
            let removal = match (mode, selector) {
                (Mode::Remove, Some(selector)) => Some(Event::from(
                    RemoveElements::new(selector.to_owned()).view_transition(view_transition),
                )),
                _ => None,
            };
            let plain = Event::from(
                patch(elements, selector, mode)
                    .namespace(namespace)
                    .view_transition(view_transition),
            );
            if removal.is_some() {
                return Ok(prefer(Dialect::V1, plain, removal));
            }
            let Some(script) = script else { return Ok(plain) };
            let execute = Event::from(script.execute);
            if !encodes_alike(Dialect::V1, &plain, &execute) {
                return Ok(plain);
            }
            if !script.plain {
                return Ok(execute);
            }
            Ok(prefer(Dialect::V1, execute, script_meaning(&script.text)))
        }
        "datastar-patch-signals" => patch_signals(name, frame),
        _ => Err(unknown(Dialect::V1, name)),
    }
}

/// A `<script>` element as the 1.0 encoder writes it.
struct ScriptElement {
    execute: ExecuteScript,
    text: String,
    /// No attributes but the auto-remove one: what a redirect or console message writes.
    plain: bool,
}

fn script_element(html: &str) -> Option<ScriptElement> {
    let mut rest = html.strip_prefix("<script")?;
    let mut attributes = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix('>') {
            rest = after;
            break;
        }
        let after = rest.strip_prefix(' ')?;
        let (name, after) = after.split_once("=\"")?;
        let (value, after) = after.split_once('"')?;
        attributes.push((name, attribute_value(value)?));
        rest = after;
    }
    let text = unescape_script(rest.strip_suffix("</script>")?);
    let auto_remove = attributes
        .last()
        .is_some_and(|(n, v)| *n == "data-effect" && v == "el.remove()");
    if auto_remove {
        attributes.pop();
    }
    let mut execute = ExecuteScript::new(text.clone()).auto_remove(auto_remove);
    let plain = attributes.is_empty() && auto_remove;
    for (name, value) in attributes {
        execute = execute.attribute(name.to_owned(), value);
    }
    Some(ScriptElement { execute, text, plain })
}

/// Script text with the backslash the encoder puts after the `<` of `</script` and `<!--`
/// taken out again.
fn unescape_script(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<\\") {
        let after = &rest[at + 2..];
        let escaped = after.starts_with("!--") || after.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("/script"));
        out.push_str(&rest[..=at]);
        if !escaped {
            out.push('\\');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The attribute value the encoder escaped (`&amp;`, `&quot;`, `&lt;`, `&gt;`, `&#10;`,
/// `&#13;`); `None` for any other reference.
fn attribute_value(escaped: &str) -> Option<String> {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let (reference, c) = [
            ("&amp;", '&'),
            ("&quot;", '"'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&#10;", '\n'),
            ("&#13;", '\r'),
        ]
        .into_iter()
        .find(|(reference, _)| after.starts_with(reference))?;
        out.push(c);
        rest = &after[reference.len()..];
    }
    out.push_str(rest);
    Some(out)
}

/// The redirect or console message a script is, if it is one (checked by [`prefer`]).
fn script_meaning(text: &str) -> Option<Event> {
    if let Some(literal) = text
        .strip_prefix("setTimeout(() => window.location.href = ")
        .and_then(|t| t.strip_suffix(')'))
    {
        let url: String = serde_json::from_str(literal).ok()?;
        return (js_string(&url) == literal).then(|| Redirect::new(url).into());
    }
    let call = text.strip_prefix("console.")?.strip_suffix(')')?;
    let (word, literal) = call.split_once('(')?;
    let message: String = serde_json::from_str(literal).ok()?;
    let level = console_level(word)?;
    (js_string(&message) == literal).then(|| ConsoleMessage::new(level, message).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_and_script_text_unescape_exactly() {
        assert_eq!(
            attribute_value("a&amp;b&quot;&lt;&gt;&#10;&#13;").as_deref(),
            Some("a&b\"<>\n\r")
        );
        assert_eq!(attribute_value("&amp;#10;").as_deref(), Some("&#10;"));
        assert_eq!(attribute_value("&nbsp;"), None);
        assert_eq!(unescape_script("a<\\/SCRIPT><\\!--<\\b"), "a</SCRIPT><!--<\\b");
        // A multi-byte character where `/script` would end.
        assert_eq!(unescape_script("<\\ aA\u{feff}"), "<\\ aA\u{feff}");
    }

    #[test]
    fn look_alike_scripts_stay_scripts() {
        let frame = |elements: &str| Frame {
            event: Some("datastar-patch-elements".into()),
            data: vec![
                "selector body".into(),
                "mode append".into(),
                format!("elements {elements}"),
            ],
            ..Frame::default()
        };
        // A redirect's text, but kept after running: still a script.
        let kept = frame("<script>setTimeout(() => window.location.href = \"/a\")</script>");
        assert_eq!(
            read_frame(Dialect::V1, kept).unwrap(),
            Event::from(ExecuteScript::new("setTimeout(() => window.location.href = \"/a\")").auto_remove(false))
        );
        // Two elements: a patch.
        let two = frame("<script></script><p></p>");
        assert_eq!(
            read_frame(Dialect::V1, two).unwrap(),
            Event::from(
                PatchElements::new("<script></script><p></p>")
                    .selector("body")
                    .mode(Mode::Append)
            )
        );
        let redirect =
            frame("<script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/a\")</script>");
        assert_eq!(
            read_frame(Dialect::V1, redirect).unwrap(),
            Event::from(Redirect::new("/a"))
        );
    }

    #[test]
    fn bad_values_are_typed_errors() {
        let frame = Frame {
            event: Some("datastar-merge-fragments".into()),
            data: vec!["mergeMode sideways".into(), "fragments <p></p>".into()],
            ..Frame::default()
        };
        assert_eq!(
            read_frame(Dialect::V021, frame),
            Err(ParseError::BadValue {
                event: "datastar-merge-fragments".into(),
                key: "mergeMode".into(),
                value: "sideways".into(),
            })
        );
        let frame = Frame {
            event: Some("datastar-patch-signals".into()),
            data: vec!["signals".into()],
            ..Frame::default()
        };
        assert!(matches!(read_frame(Dialect::V1, frame), Err(ParseError::NoKey { .. })));
    }
}
