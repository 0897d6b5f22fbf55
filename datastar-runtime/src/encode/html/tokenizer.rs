//! A tokenizer that follows the HTML standard's tokenizer states (including script-data
//! escaping and CDATA) and the tree builder's switches into raw text, far enough to say
//! how a character at any point is consumed. The line-folding rules in `fold.rs` ask it.
//!
//! Over 500 lines because the standard's state machine is one piece: splitting the states
//! across files would separate transitions that must be read together.

use super::skim;

/// How the tokenizer consumes a whitespace character at the current point.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Class {
    /// As a character of text or of a quoted attribute value: references are decoded.
    Text,
    /// As a character of a CDATA section: references are not decoded.
    Cdata,
    /// As whitespace inside a tag, or as a character of a comment or of raw text.
    Space,
    /// As a character of a `<style>` element.
    Style,
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
pub(super) struct Scanner<'a> {
    bytes: &'a [u8],
    pub(super) at: usize,
    state: State,
    tag: Tag,
    /// Open SVG/MathML elements (0: HTML content).
    foreign: u32,
    pub(super) stop_at_first_start: bool,
    /// Whether plain HTML is skimmed (`skim.rs`) rather than stepped through; off only
    /// to test that both agree.
    pub(super) skim: bool,
    pending_start: Option<usize>,
    pub(super) first_start: Option<usize>,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Scanner {
            bytes,
            at: 0,
            state: State::Data,
            tag: Tag::new(false),
            foreign: 0,
            stop_at_first_start: false,
            skim: true,
            pending_start: None,
            first_start: None,
        }
    }

    /// Moves past bytes the caller handled itself (a line break's second byte).
    pub(super) fn skip_to(&mut self, to: usize) {
        debug_assert!(self.at <= to, "a keyword never spans a line break");
        self.at = to;
    }

    /// Whether the tokenizer is inside a tag, where any run of whitespace is one separator.
    pub(super) fn in_tag(&self) -> bool {
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
    pub(super) fn class(&self) -> Class {
        match self.state {
            State::Data | State::AttrValueQuoted(_) | State::Raw(Raw::Textarea | Raw::Title) => Class::Text,
            State::Cdata(_) => Class::Cdata,
            State::Raw(Raw::Style) => Class::Style,
            _ => Class::Space,
        }
    }

    /// Consumes a line break at the current point and says how it was consumed.
    pub(super) fn line_break(&mut self) -> Class {
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

    /// Advances the tokenizer to the next line break (which it leaves to the caller) or
    /// to the end, and says where the break is. The break is found first: bounded by it,
    /// the skim needs no test for line breaks, and a tag cut by it is handed over.
    pub(super) fn run_to_break(&mut self) -> Option<usize> {
        let brk = memchr::memchr2(b'\n', b'\r', &self.bytes[self.at..]).map(|n| self.at + n);
        self.run_to(brk.unwrap_or(self.bytes.len()));
        brk
    }

    /// Whether plain HTML may be skimmed from here: the data state outside foreign
    /// content, unless the caller stops at the first start tag.
    pub(super) fn plain(&self) -> bool {
        self.state == State::Data && self.foreign == 0 && self.skim && !self.stop_at_first_start
    }

    /// Advances the tokenizer up to byte `to`, which never falls inside a token's keyword.
    pub(super) fn run_to(&mut self, to: usize) {
        while self.at < to {
            if self.stop_at_first_start && self.first_start.is_some() {
                return;
            }
            if self.in_tag() || matches!(self.state, State::AttrValueQuoted(_)) {
                self.run_tag(to);
                continue;
            }
            if self.plain() {
                let skimmed = skim::plain(&self.bytes[..to], self.at);
                self.at = skimmed.at;
                self.first_start = self.first_start.or(skimmed.first_start);
                if self.at == to {
                    return;
                }
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
