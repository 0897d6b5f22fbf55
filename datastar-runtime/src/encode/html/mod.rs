//! HTML written so that a client's line handling cannot change what it builds.
//!
//! Two clients mishandle line breaks in a fragment, each in its own way:
//!
//! - The 2024 and 0.19 clients read one line of a fragment correctly (see PROTOCOL.md), so
//!   [`write_html`] puts the whole fragment on one line. Each line break is replaced by what
//!   the browser's HTML tokenizer treats the same way at that point:
//!
//!   | where the break stands                         | written as             | why it is the same                        |
//!   |------------------------------------------------|------------------------|-------------------------------------------|
//!   | text, `<textarea>`, `<title>`, quoted values   | `&#10;`                | character references decode to LF there   |
//!   | inside a tag, unquoted values                  | space                  | both are whitespace there                 |
//!   | SVG/MathML `<![CDATA[…]]>`                     | `]]>&#10;<![CDATA[`    | the text nodes join into one              |
//!   | comments, doctypes                             | space                  | not rendered                              |
//!   | `<style>`                                      | form feed              | CSS preprocessing turns FF into LF        |
//!   | `<script>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`, `<plaintext>` | space | these clients never run patched scripts, so script text only matters as data (JSON mostly, where a space and a line break are the same separator); the obsolete elements are the documented exception |
//!
//! - The 0.21.4 client trims every data line (JavaScript `trim()`), which would drop the
//!   indentation of a `<pre>` or a non-breaking space at a line's edge. [`write_html_lines`]
//!   keeps one data line per line and writes such edge characters as character references
//!   where the tokenizer decodes them (text, `<textarea>`, `<title>`, quoted values, CDATA).
//!   A line break inside a tag becomes a space instead, so no line edge falls inside a
//!   tag. Edge whitespace in comments and raw text (`<script>`, `<style>`, …) is the
//!   documented exception, as is a fragment cut off right after an end tag's name and
//!   whitespace (`</textarea ` at the very end). The 1.0.0-beta clients keep lines as they
//!   are and decode the references alike.
//!
//! The context comes from a tokenizer that follows the HTML standard's tokenizer states
//! (including script-data escaping and CDATA) and the tree builder's switches into raw
//! text. SVG and MathML are followed by nesting depth: their integration points
//! (`<foreignObject>`, `<mi>`, …) are treated as foreign, which only matters for a raw-text
//! element inside one. CRLF counts as one break, like in the HTML parser.
//!
//! `tests/property.rs` checks all of this against an independent parser (html5ever): the
//! written HTML builds the same DOM as the input, up to the exceptions above.
//!
//! ```text
//! <pre>a            one line (2024, 0.19):   <pre>a&#10;  b</pre>
//!   b</pre>         lines for 0.21:          <pre>a
//!                                            &#32;&#32;b</pre>
//! ```

use bytes::{BufMut, BytesMut};

/// Appends `html` to `buf` on one line, building the same DOM (see the module doc for the
/// exceptions).
pub(crate) fn write_html(buf: &mut BytesMut, html: &str) {
    let bytes = html.as_bytes();
    if memchr::memchr2(b'\n', b'\r', bytes).is_none() {
        buf.put_slice(bytes);
        return;
    }
    let mut scan = Scanner::new(bytes);
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
        let brk = at + offset;
        scan.run_to(brk);
        buf.put_slice(&bytes[copied..brk]);
        buf.put_slice(scan.line_break().one_line());
        at = after_break(bytes, brk);
        scan.skip_to(at);
        copied = at;
    }
    buf.put_slice(&bytes[copied..]);
}

/// Appends one `data: KEY …` line per line of `html`, with whitespace at each line's edges
/// written as references where the tokenizer decodes them (for the 0.21.4 client, which
/// trims every data line).
pub(crate) fn write_html_lines(buf: &mut BytesMut, key: &str, html: &str) {
    let bytes = html.as_bytes();
    if !any_edge_space(bytes) {
        crate::encode::sse::lines(buf, key, html);
        return;
    }
    let mut scan = Scanner::new(bytes);
    let mut start = 0;
    buf.put_slice(b"data: ");
    buf.put_slice(key.as_bytes());
    buf.put_u8(b' ');
    loop {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |o| start + o);
        let (lead, trail) = edges(html, start, end);
        edge(buf, &mut scan, &html[start..lead]);
        scan.run_to(trail);
        buf.put_slice(&bytes[lead..trail]);
        edge(buf, &mut scan, &html[trail..end]);
        if end == bytes.len() {
            buf.put_u8(b'\n');
            break;
        }
        if scan.in_tag() {
            // Inside a tag a space is the same whitespace and keeps the next line's
            // characters, which belong to the tag, away from the trimmed edge.
            buf.put_u8(b' ');
        } else {
            buf.put_u8(b'\n');
        }
        scan.line_break();
        start = after_break(bytes, end);
        scan.skip_to(start);
        if !scan.in_tag() {
            buf.put_slice(b"data: ");
            buf.put_slice(key.as_bytes());
            buf.put_u8(b' ');
        }
    }
}

/// Where the characters JavaScript trims end at the start of `html[start..end]` and begin
/// at its end (ASCII first, as most indentation is).
fn edges(html: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = &html.as_bytes()[start..end];
    let ascii_lead = bytes
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(bytes.len());
    let lead = start + ascii_lead;
    let lead = if bytes.get(ascii_lead).is_some_and(|&b| may_be_js_space(b)) {
        end - html[lead..end].trim_start_matches(is_js_space).len()
    } else {
        lead
    };
    let trail = match bytes.last() {
        Some(&b) if b < 0x80 && !may_be_js_space(b) => end,
        _ => start + html[start..end].trim_end_matches(is_js_space).len(),
    };
    (lead, trail.max(lead))
}

/// The byte offset of the first start tag, skipping the text, comments and doctype before
/// it; `None` when the HTML holds no element.
pub(crate) fn first_element(html: &str) -> Option<usize> {
    let mut scan = Scanner::new(html.as_bytes());
    scan.stop_at_first_start = true;
    scan.run_to(html.len());
    scan.first_start
}

/// Appends JSON text on one line: outside strings a line break is whitespace, and inside
/// strings JSON forbids raw line breaks, so a space never changes a valid document.
pub(crate) fn write_json(buf: &mut BytesMut, json: &str) {
    let bytes = json.as_bytes();
    let mut copied = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        buf.put_slice(&bytes[copied..at]);
        buf.put_u8(b' ');
        copied = at + 1;
    }
    buf.put_slice(&bytes[copied..]);
}

/// Whether JavaScript's `String.prototype.trim` removes `c` (WhiteSpace and
/// LineTerminator in ECMA-262; unlike Rust's `char::is_whitespace` it includes U+FEFF and
/// excludes U+0085).
pub(crate) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

fn after_break(bytes: &[u8], brk: usize) -> usize {
    if bytes[brk] == b'\r' && bytes.get(brk + 1) == Some(&b'\n') {
        brk + 2
    } else {
        brk + 1
    }
}

/// Whether any line of `bytes` starts or ends with a character JavaScript trims.
fn any_edge_space(bytes: &[u8]) -> bool {
    let mut start = 0;
    loop {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |o| start + o);
        let line = &bytes[start..end];
        if let (Some(&first), Some(&last)) = (line.first(), line.last())
            && (may_be_js_space(first) || may_be_js_space_end(line, last))
        {
            return true;
        }
        if end == bytes.len() {
            return false;
        }
        start = after_break(bytes, end);
    }
}

/// Whether a line starting with byte `b` may start with a trimmed character.
fn may_be_js_space(b: u8) -> bool {
    matches!(b, b'\t' | 0x0b | 0x0c | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef)
}

fn may_be_js_space_end(line: &[u8], last: u8) -> bool {
    if last < 0x80 {
        return matches!(last, b'\t' | 0x0b | 0x0c | b' ');
    }
    // The last character of a line cut at an ASCII byte is whole.
    let from = line.len().saturating_sub(4);
    let tail = &line[from..];
    let start = tail.iter().rposition(|b| b & 0xc0 != 0x80).unwrap_or(0);
    std::str::from_utf8(&tail[start..])
        .ok()
        .and_then(|s| s.chars().next())
        .is_some_and(is_js_space)
}

/// Writes the edge characters of a line, as references where the tokenizer decodes them.
fn edge(buf: &mut BytesMut, scan: &mut Scanner<'_>, text: &str) {
    const SPACES: &[u8] = b"&#32;&#32;&#32;&#32;&#32;&#32;&#32;&#32;";
    if scan.class() == Class::Text && text.bytes().all(|b| b == b' ') {
        // Indentation of text: a run of spaces, state unchanged.
        for chunk in text.as_bytes().chunks(SPACES.len() / 5) {
            buf.put_slice(&SPACES[..chunk.len() * 5]);
        }
        scan.at += text.len();
        return;
    }
    for c in text.chars() {
        match scan.class() {
            Class::Text => {
                // A character of text leaves the state as it is.
                push_reference(buf, c);
                scan.at += c.len_utf8();
                continue;
            }
            Class::Cdata => {
                buf.put_slice(b"]]>");
                push_reference(buf, c);
                buf.put_slice(b"<![CDATA[");
            }
            Class::Space | Class::Style => {
                let mut utf8 = [0; 4];
                buf.put_slice(c.encode_utf8(&mut utf8).as_bytes());
            }
        }
        let to = scan.at + c.len_utf8();
        scan.run_to(to);
    }
}

/// Writes `&#N;` for `c`.
fn push_reference(buf: &mut BytesMut, c: char) {
    match c {
        ' ' => buf.put_slice(b"&#32;"),
        '\t' => buf.put_slice(b"&#9;"),
        c => {
            let mut out = [0u8; 10];
            let mut at = out.len() - 1;
            out[at] = b';';
            let mut v = c as u32;
            loop {
                at -= 1;
                out[at] = b'0' + (v % 10) as u8;
                v /= 10;
                if v == 0 {
                    break;
                }
            }
            at -= 2;
            out[at] = b'&';
            out[at + 1] = b'#';
            buf.put_slice(&out[at..]);
        }
    }
}

/// How the tokenizer consumes a whitespace character at the current point.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// As a character of text or of a quoted attribute value: references are decoded.
    Text,
    /// As a character of a CDATA section: references are not decoded.
    Cdata,
    /// As whitespace inside a tag, or as a character of a comment or of raw text.
    Space,
    /// As a character of a `<style>` element.
    Style,
}

impl Class {
    fn one_line(self) -> &'static [u8] {
        match self {
            Class::Text => b"&#10;",
            Class::Cdata => b"]]>&#10;<![CDATA[",
            Class::Space => b" ",
            Class::Style => b"\x0c",
        }
    }
}

/// The elements whose content the tree builder switches the tokenizer out of the data
/// state for. (Fieldless, so that a tokenizer state fits in two bytes.)
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Raw {
    /// RCDATA: references decoded, no tags.
    Textarea,
    Title,
    /// RAWTEXT.
    Style,
    Xmp,
    Iframe,
    Noembed,
    Noframes,
    Noscript,
    /// Script data, with its escapes.
    Script,
    Plaintext,
}

impl Raw {
    fn for_tag(name: &[u8]) -> Option<Raw> {
        Some(match name {
            b"textarea" => Raw::Textarea,
            b"title" => Raw::Title,
            b"style" => Raw::Style,
            b"xmp" => Raw::Xmp,
            b"iframe" => Raw::Iframe,
            b"noembed" => Raw::Noembed,
            b"noframes" => Raw::Noframes,
            // Browsers parse fragments with scripting enabled.
            b"noscript" => Raw::Noscript,
            b"script" => Raw::Script,
            b"plaintext" => Raw::Plaintext,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Raw::Textarea => "textarea",
            Raw::Title => "title",
            Raw::Style => "style",
            Raw::Xmp => "xmp",
            Raw::Iframe => "iframe",
            Raw::Noembed => "noembed",
            Raw::Noframes => "noframes",
            Raw::Noscript => "noscript",
            Raw::Script => "script",
            Raw::Plaintext => "plaintext",
        }
    }
}

/// Tokenizer states, named as in the HTML standard. The less-than-sign states are folded
/// into a lookahead at `<`, which is equivalent for where every token ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Data,
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    AttrValueQuoted(u8),
    AttrValueUnquoted,
    AfterAttrValueQuoted,
    SelfClosingStartTag,
    CommentStart,
    CommentStartDash,
    Comment,
    CommentEndDash,
    CommentEnd,
    CommentEndBang,
    /// A bogus comment or a doctype: both end at the next `>`.
    Bogus,
    /// `]` seen at the end of a CDATA section so far (0, 1 or 2).
    Cdata(u8),
    /// Text of a raw-text element (RCDATA, RAWTEXT, PLAINTEXT or plain script data).
    Raw(Raw),
    ScriptEscaped,
    ScriptEscapedDash,
    ScriptEscapedDashDash,
    ScriptDoubleEscaped,
    ScriptDoubleEscapedDash,
    ScriptDoubleEscapedDashDash,
}

/// A tag being tokenized: what the tree builder will do when it ends.
#[derive(Clone, Copy)]
struct Tag {
    end: bool,
    name: [u8; 14],
    len: u8,
    /// The name is longer than `name` holds, or has characters no known name has.
    other: bool,
    self_closing: bool,
}

impl Tag {
    fn new(end: bool) -> Tag {
        Tag {
            end,
            name: [0; 14],
            len: 0,
            other: false,
            self_closing: false,
        }
    }

    fn push(&mut self, b: u8) {
        if (self.len as usize) < self.name.len() && b.is_ascii() {
            self.name[self.len as usize] = b.to_ascii_lowercase();
            self.len += 1;
        } else {
            self.other = true;
        }
    }

    fn name(&self) -> &[u8] {
        if self.other {
            b""
        } else {
            &self.name[..self.len as usize]
        }
    }
}

/// HTML start tags that end SVG or MathML content (the tree builder's "breakout" list).
fn breaks_out_of_foreign(name: &[u8]) -> bool {
    matches!(
        name,
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
    )
}

/// The bytes that end an attribute name: whitespace, `/`, `>`, `=`.
const ENDS_ATTR_NAME: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'=');
        i += 1;
    }
    table
};

fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Follows the tokenizer through `bytes`, stopping where the caller needs its state.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    state: State,
    tag: Tag,
    /// Open SVG/MathML elements (0: HTML content).
    foreign: u32,
    stop_at_first_start: bool,
    pending_start: Option<usize>,
    first_start: Option<usize>,
}

impl<'a> Scanner<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Scanner {
            bytes,
            at: 0,
            state: State::Data,
            tag: Tag::new(false),
            foreign: 0,
            stop_at_first_start: false,
            pending_start: None,
            first_start: None,
        }
    }

    /// Moves past bytes the caller handled itself (a line break's second byte).
    fn skip_to(&mut self, to: usize) {
        debug_assert!(self.at <= to, "a keyword never spans a line break");
        self.at = to;
    }

    /// Whether the tokenizer is inside a tag, where any run of whitespace is one separator.
    fn in_tag(&self) -> bool {
        matches!(
            self.state,
            State::TagName
                | State::BeforeAttrName
                | State::AttrName
                | State::AfterAttrName
                | State::BeforeAttrValue
                | State::AttrValueUnquoted
                | State::AfterAttrValueQuoted
                | State::SelfClosingStartTag
        )
    }

    /// How a whitespace character at the current point is consumed.
    fn class(&self) -> Class {
        match self.state {
            State::Data | State::AttrValueQuoted(_) | State::Raw(Raw::Textarea | Raw::Title) => Class::Text,
            State::Cdata(_) => Class::Cdata,
            State::Raw(Raw::Style) => Class::Style,
            _ => Class::Space,
        }
    }

    /// Consumes a line break at the current point and says how it was consumed.
    fn line_break(&mut self) -> Class {
        let class = self.class();
        self.state = match self.state {
            State::TagName
            | State::AttrValueUnquoted
            | State::AfterAttrValueQuoted
            | State::SelfClosingStartTag
            | State::BeforeAttrName => State::BeforeAttrName,
            State::AttrName | State::AfterAttrName => State::AfterAttrName,
            State::CommentStart
            | State::CommentStartDash
            | State::CommentEndDash
            | State::CommentEnd
            | State::CommentEndBang => State::Comment,
            State::Cdata(_) => State::Cdata(0),
            State::ScriptEscapedDash | State::ScriptEscapedDashDash => State::ScriptEscaped,
            State::ScriptDoubleEscapedDash | State::ScriptDoubleEscapedDashDash => State::ScriptDoubleEscaped,
            other => other,
        };
        class
    }

    /// Advances the tokenizer up to byte `to`, which never falls inside a token's keyword.
    fn run_to(&mut self, to: usize) {
        while self.at < to {
            if self.stop_at_first_start && self.first_start.is_some() {
                return;
            }
            if self.in_tag() || matches!(self.state, State::AttrValueQuoted(_)) {
                self.run_tag(to);
                continue;
            }
            let rest = &self.bytes[self.at..to];
            // Jump over bytes that cannot change the state.
            let skip = match self.state {
                State::Data | State::Raw(_) => memchr::memchr(b'<', rest),
                State::Comment => memchr::memchr(b'-', rest),
                State::Bogus => memchr::memchr(b'>', rest),
                State::Cdata(0) => memchr::memchr(b']', rest),
                State::ScriptEscaped | State::ScriptDoubleEscaped => memchr::memchr2(b'-', b'<', rest),
                _ => Some(0),
            };
            match skip {
                None => {
                    self.at = to;
                    return;
                }
                Some(n) => self.at += n,
            }
            self.step();
        }
    }

    /// A whole tag in one tight loop (the same transitions as [`step`]), up to the state
    /// after its `>` or to `to`.
    ///
    /// [`step`]: Scanner::step
    fn run_tag(&mut self, to: usize) {
        let bytes = self.bytes;
        let mut i = self.at;
        let mut st = self.state;
        while i < to {
            let b = bytes[i];
            st = match st {
                State::TagName => {
                    let n = bytes[i..to]
                        .iter()
                        .position(|&b| is_ws(b) || b == b'/' || b == b'>')
                        .unwrap_or(to - i);
                    for &b in &bytes[i..i + n] {
                        self.tag.push(b);
                    }
                    i += n;
                    if i == to {
                        break;
                    }
                    i += 1;
                    match bytes[i - 1] {
                        b'/' => State::SelfClosingStartTag,
                        b'>' => {
                            self.at = i;
                            self.state = self.emit();
                            return;
                        }
                        _ => State::BeforeAttrName,
                    }
                }
                State::BeforeAttrName | State::AfterAttrName => {
                    i += 1;
                    match b {
                        b if is_ws(b) => st,
                        b'/' => State::SelfClosingStartTag,
                        b'>' => {
                            self.at = i;
                            self.state = self.emit();
                            return;
                        }
                        b'=' if st == State::AfterAttrName => State::BeforeAttrValue,
                        // Starts a name (even `=` before a name is one).
                        _ => State::AttrName,
                    }
                }
                State::AttrName => match bytes[i..to].iter().position(|&b| ENDS_ATTR_NAME[b as usize]) {
                    None => {
                        i = to;
                        st
                    }
                    Some(n) => {
                        i += n + 1;
                        match bytes[i - 1] {
                            // The common `name="value"` in one go.
                            b'=' => match bytes[i..to].first() {
                                Some(&q) if q == b'"' || q == b'\'' => {
                                    match bytes[i + 1..to].iter().position(|&b| b == q) {
                                        None => {
                                            i = to;
                                            State::AttrValueQuoted(q)
                                        }
                                        Some(n) => {
                                            i += n + 2;
                                            State::AfterAttrValueQuoted
                                        }
                                    }
                                }
                                _ => State::BeforeAttrValue,
                            },
                            b'/' => State::SelfClosingStartTag,
                            b'>' => {
                                self.at = i;
                                self.state = self.emit();
                                return;
                            }
                            _ => State::AfterAttrName,
                        }
                    }
                },
                State::BeforeAttrValue => match b {
                    b if is_ws(b) => {
                        i += 1;
                        st
                    }
                    b'"' | b'\'' => {
                        i += 1;
                        State::AttrValueQuoted(b)
                    }
                    b'>' => {
                        self.at = i + 1;
                        self.state = self.emit();
                        return;
                    }
                    _ => State::AttrValueUnquoted,
                },
                State::AttrValueQuoted(q) => {
                    // Values are short: a plain loop beats a vectorised search here.
                    match bytes[i..to].iter().position(|&b| b == q) {
                        None => {
                            i = to;
                            st
                        }
                        Some(n) => {
                            i += n + 1;
                            State::AfterAttrValueQuoted
                        }
                    }
                }
                State::AttrValueUnquoted => match bytes[i..to].iter().position(|&b| is_ws(b) || b == b'>') {
                    None => {
                        i = to;
                        st
                    }
                    Some(n) => {
                        i += n + 1;
                        if bytes[i - 1] == b'>' {
                            self.at = i;
                            self.state = self.emit();
                            return;
                        }
                        State::BeforeAttrName
                    }
                },
                State::AfterAttrValueQuoted => {
                    i += 1;
                    match b {
                        // The common single space before the next name, in one go.
                        b' ' if i < to && !matches!(bytes[i], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') => {
                            i += 1;
                            State::AttrName
                        }
                        b if is_ws(b) => State::BeforeAttrName,
                        b'/' => State::SelfClosingStartTag,
                        b'>' => {
                            self.at = i;
                            self.state = self.emit();
                            return;
                        }
                        _ => State::AttrName,
                    }
                }
                State::SelfClosingStartTag => match b {
                    b'>' => {
                        self.tag.self_closing = true;
                        self.at = i + 1;
                        self.state = self.emit();
                        return;
                    }
                    b if is_ws(b) => {
                        i += 1;
                        State::BeforeAttrName
                    }
                    b'/' => {
                        i += 1;
                        st
                    }
                    _ => {
                        i += 1;
                        State::AttrName
                    }
                },
                _ => break,
            };
        }
        self.at = i;
        self.state = st;
    }

    /// Consumes the byte at `self.at` (and a lookahead keyword after a `<`).
    fn step(&mut self) {
        let b = self.bytes[self.at];
        let rest = &self.bytes[self.at..];
        self.at += 1;
        self.state = match self.state {
            State::Data => {
                // `b` is `<`.
                self.tag_open(rest)
            }
            // Tags run in `run_tag`.
            State::TagName
            | State::BeforeAttrName
            | State::AttrName
            | State::AfterAttrName
            | State::BeforeAttrValue
            | State::AttrValueQuoted(_)
            | State::AttrValueUnquoted
            | State::AfterAttrValueQuoted
            | State::SelfClosingStartTag => {
                self.at -= 1;
                self.run_tag(self.bytes.len().min(self.at + 1));
                return;
            }
            State::CommentStart => match b {
                b'-' => State::CommentStartDash,
                b'>' => State::Data,
                _ => State::Comment,
            },
            State::CommentStartDash => match b {
                b'-' => State::CommentEnd,
                b'>' => State::Data,
                _ => State::Comment,
            },
            // `b` is `-`.
            State::Comment => State::CommentEndDash,
            State::CommentEndDash => match b {
                b'-' => State::CommentEnd,
                _ => State::Comment,
            },
            State::CommentEnd => match b {
                b'>' => State::Data,
                b'!' => State::CommentEndBang,
                b'-' => State::CommentEnd,
                _ => State::Comment,
            },
            State::CommentEndBang => match b {
                b'-' => State::CommentEndDash,
                b'>' => State::Data,
                _ => State::Comment,
            },
            // `b` is `>`.
            State::Bogus => State::Data,
            State::Cdata(n) => match (b, n) {
                (b']', n) => State::Cdata((n + 1).min(2)),
                (b'>', 2) => State::Data,
                _ => State::Cdata(0),
            },
            State::Raw(raw) => {
                // `b` is `<`.
                match raw {
                    Raw::Plaintext => State::Raw(raw),
                    Raw::Script => {
                        if rest.starts_with(b"<!--") {
                            self.at += 3;
                            State::ScriptEscapedDashDash
                        } else {
                            self.end_tag(rest, raw.name()).unwrap_or(State::Raw(raw))
                        }
                    }
                    _ => self.end_tag(rest, raw.name()).unwrap_or(State::Raw(raw)),
                }
            }
            State::ScriptEscaped | State::ScriptEscapedDash | State::ScriptEscapedDashDash => match b {
                b'-' => match self.state {
                    State::ScriptEscaped => State::ScriptEscapedDash,
                    _ => State::ScriptEscapedDashDash,
                },
                b'>' if self.state == State::ScriptEscapedDashDash => State::Raw(Raw::Script),
                b'<' => {
                    if let Some(state) = self.end_tag(rest, "script") {
                        state
                    } else if script_tag_follows(rest, 1) {
                        self.at += 6;
                        State::ScriptDoubleEscaped
                    } else {
                        State::ScriptEscaped
                    }
                }
                _ => State::ScriptEscaped,
            },
            State::ScriptDoubleEscaped | State::ScriptDoubleEscapedDash | State::ScriptDoubleEscapedDashDash => match b
            {
                b'-' => match self.state {
                    State::ScriptDoubleEscaped => State::ScriptDoubleEscapedDash,
                    _ => State::ScriptDoubleEscapedDashDash,
                },
                b'>' if self.state == State::ScriptDoubleEscapedDashDash => State::Raw(Raw::Script),
                b'<' => {
                    if rest.get(1) == Some(&b'/') && script_tag_follows(rest, 2) {
                        self.at += 7;
                        State::ScriptEscaped
                    } else {
                        State::ScriptDoubleEscaped
                    }
                }
                _ => State::ScriptDoubleEscaped,
            },
        };
    }

    /// The data state's `<`, with the tag-open and markup-declaration lookahead.
    fn tag_open(&mut self, rest: &[u8]) -> State {
        match rest.get(1) {
            Some(b'!') => {
                let decl = &rest[2..];
                if decl.starts_with(b"--") {
                    self.at += 3;
                    State::CommentStart
                } else if decl.len() >= 7 && decl[..7].eq_ignore_ascii_case(b"doctype") {
                    self.at += 8;
                    State::Bogus
                } else if self.foreign > 0 && decl.starts_with(b"[CDATA[") {
                    self.at += 8;
                    State::Cdata(0)
                } else {
                    self.at += 1;
                    State::Bogus
                }
            }
            Some(b'/') => match rest.get(2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    self.at += 1;
                    self.tag = Tag::new(true);
                    State::TagName
                }
                Some(b'>') => {
                    self.at += 2;
                    State::Data
                }
                Some(_) => {
                    self.at += 1;
                    State::Bogus
                }
                None => State::Data,
            },
            Some(b'?') => State::Bogus,
            Some(c) if c.is_ascii_alphabetic() => {
                if self.first_start.is_none() && self.foreign == 0 {
                    self.pending_start = Some(self.at - 1);
                }
                self.tag = Tag::new(false);
                State::TagName
            }
            _ => State::Data,
        }
    }

    /// At `<` in raw text: the appropriate end tag `</name` followed by whitespace, `/` or
    /// `>` starts an end tag; anything else is text.
    fn end_tag(&mut self, rest: &[u8], name: &str) -> Option<State> {
        let n = name.len();
        let closes = rest.get(1) == Some(&b'/')
            && rest.len() > n + 2
            && rest[2..2 + n].eq_ignore_ascii_case(name.as_bytes())
            && matches!(rest[2 + n], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>');
        if !closes {
            return None;
        }
        self.at += 1 + n;
        self.tag = Tag::new(true);
        for &b in name.as_bytes() {
            self.tag.push(b);
        }
        Some(State::TagName)
    }

    /// A tag ends: the tree builder may switch the tokenizer into raw text or foreign
    /// content.
    fn emit(&mut self) -> State {
        let tag = self.tag;
        if !tag.end && self.first_start.is_none() {
            // A tag cut off by the end of the input is dropped, so only a finished one counts.
            self.first_start = self.pending_start;
        }
        let name = tag.name();
        if tag.end {
            if self.foreign > 0 {
                self.foreign = if matches!(name, b"br" | b"p") {
                    0
                } else {
                    self.foreign - 1
                };
            }
            return State::Data;
        }
        if self.foreign > 0 {
            if breaks_out_of_foreign(name) {
                self.foreign = 0;
            } else {
                if !tag.self_closing {
                    self.foreign += 1;
                }
                return State::Data;
            }
        }
        if !(3..=9).contains(&name.len()) {
            return State::Data;
        }
        match name {
            b"svg" | b"math" if !tag.self_closing => {
                self.foreign = 1;
                State::Data
            }
            _ => Raw::for_tag(name).map_or(State::Data, State::Raw),
        }
    }
}

/// Whether `script` followed by whitespace, `/` or `>` stands at `rest[from..]`.
fn script_tag_follows(rest: &[u8], from: usize) -> bool {
    rest.len() > from + 6
        && rest[from..from + 6].eq_ignore_ascii_case(b"script")
        && matches!(rest[from + 6], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(html: &str) -> String {
        let mut buf = BytesMut::new();
        write_html(&mut buf, html);
        String::from_utf8(buf.to_vec()).unwrap()
    }

    fn lines(html: &str) -> String {
        let mut buf = BytesMut::new();
        write_html_lines(&mut buf, "k", html);
        String::from_utf8(buf.to_vec()).unwrap()
    }

    #[test]
    fn text_and_pre_keep_their_newlines_as_references() {
        assert_eq!(
            fold("<pre>a\nmerge b\r\nc\rd</pre>"),
            "<pre>a&#10;merge b&#10;c&#10;d</pre>"
        );
        assert_eq!(fold("<ul>\n  <li>x</li>\n</ul>"), "<ul>&#10;  <li>x</li>&#10;</ul>");
    }

    #[test]
    fn inside_tags_a_break_is_a_space_and_in_values_a_reference() {
        assert_eq!(
            fold("<div\nid=\"a\nb\" title='c\nd' data-x=e\nclass=f>t</div>"),
            "<div id=\"a&#10;b\" title='c&#10;d' data-x=e class=f>t</div>"
        );
        assert_eq!(
            fold("<div title=\"a>b\nc\">x\ny</div>"),
            "<div title=\"a>b&#10;c\">x&#10;y</div>"
        );
        // A quote inside a name is not a quote.
        assert_eq!(fold("<div a\"b\nc=d>e\nf"), "<div a\"b c=d>e&#10;f");
    }

    #[test]
    fn raw_text_elements() {
        assert_eq!(fold("<script>// a\nb()</script>\n"), "<script>// a b()</script>&#10;");
        assert_eq!(fold("<style>a{}\nb{}</style>"), "<style>a{}\x0cb{}</style>");
        assert_eq!(
            fold("<textarea>a\n<b>\nc</textarea>"),
            "<textarea>a&#10;<b>&#10;c</textarea>"
        );
        assert_eq!(
            fold("<SCRIPT>'</script'\n</SCRIPT >x\ny"),
            "<SCRIPT>'</script' </SCRIPT >x&#10;y"
        );
        assert_eq!(fold("<xmp>a\nb</xmp>"), "<xmp>a b</xmp>");
        // The break that ends an end tag's name is whitespace inside the tag.
        assert_eq!(fold("<textarea>a</textarea\n>b\nc"), "<textarea>a</textarea >b&#10;c");
    }

    #[test]
    fn self_closing_svg_is_not_foreign_content() {
        assert_eq!(
            fold("<svg //>\n<style>a\nb</style>"),
            "<svg //>&#10;<style>a\x0cb</style>"
        );
        assert_eq!(
            fold("<svg / >\n<style>a\nb</style>"),
            "<svg / >&#10;<style>a&#10;b</style>"
        );
    }

    #[test]
    fn script_escapes_hide_the_end_tag() {
        assert_eq!(
            fold("<script><!--<script>\n</script>\n</script>\n"),
            "<script><!--<script> </script> </script>&#10;"
        );
    }

    #[test]
    fn foreign_content_has_no_raw_text_but_has_cdata() {
        assert_eq!(
            fold("<svg><style>a\nb</style><![CDATA[c\nd]]></svg>\n<style>e\nf</style>"),
            "<svg><style>a&#10;b</style><![CDATA[c]]>&#10;<![CDATA[d]]></svg>&#10;<style>e\x0cf</style>"
        );
    }

    #[test]
    fn comments_doctype_and_stray_brackets() {
        assert_eq!(fold("<!-- a\n> b -->\nc"), "<!-- a > b -->&#10;c");
        assert_eq!(fold("<!-->a\nb"), "<!-->a&#10;b");
        assert_eq!(fold("<!DOCTYPE\nhtml>\n"), "<!DOCTYPE html>&#10;");
        assert_eq!(fold("a < b\nc <3\n"), "a < b&#10;c <3&#10;");
    }

    #[test]
    fn single_line_content_is_copied_unchanged() {
        let html = "<div id=\"x\" title='<>'>&amp;</div>";
        assert_eq!(fold(html), html);
    }

    #[test]
    fn edge_spaces_become_references_where_they_are_text() {
        assert_eq!(
            lines("<pre>\n  a \n\u{a0}b</pre>\n  <p\n   id=x>"),
            "data: k <pre>\ndata: k &#32;&#32;a&#32;\ndata: k &#160;b</pre>\ndata: k &#32;&#32;<p    id=x>\n"
        );
        assert_eq!(lines("<p>a\nb</p>"), "data: k <p>a\ndata: k b</p>\n");
    }

    #[test]
    fn first_element_skips_text_comments_and_doctype() {
        assert_eq!(first_element("  <!-- <b> --><!doctype html> x <p>"), Some(32));
        assert_eq!(first_element("<div>"), Some(0));
        assert_eq!(first_element("text < 3 </p>"), None);
        assert_eq!(first_element("<b title=\""), None);
    }

    #[test]
    fn json_breaks_become_spaces() {
        let mut buf = BytesMut::new();
        write_json(&mut buf, "{\n\"a\":\r\n1}");
        assert_eq!(&buf[..], b"{ \"a\":  1}");
    }

    #[test]
    fn js_trim_set() {
        assert!(is_js_space('\u{feff}') && is_js_space('\u{a0}') && is_js_space('\u{3000}'));
        assert!(!is_js_space('\u{85}') && !is_js_space('x') && !is_js_space('\u{200b}'));
    }
}
