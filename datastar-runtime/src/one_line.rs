//! Carrying multi-line HTML on one SSE data line, for the 2024 and 0.19 clients, which read
//! only one line of a fragment correctly (see PROTOCOL.md).
//!
//! Each line break is replaced by something the browser's HTML parser turns back into the
//! same rendering, chosen by where the break stands:
//!
//! | where                                   | written as | why it is the same                         |
//! |-----------------------------------------|------------|--------------------------------------------|
//! | text, `<pre>`, quoted attribute values,  | `&#10;`    | character references decode to LF there     |
//! | `<textarea>`, `<title>`                 |            |                                            |
//! | inside a tag, unquoted values, comments | space      | all are whitespace there                   |
//! | `<style>`                               | form feed  | CSS preprocessing turns FF into LF          |
//! | `<script>`                              | U+2028     | a JavaScript line terminator (ends `//`)   |
//! | `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`, `<plaintext>` | space | the only choice; these obsolete raw-text elements are the documented exception |
//!
//! CRLF counts as one break, like in the HTML parser.

use bytes::{BufMut, BytesMut};

/// What the parser state says a line break must become.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Text,
    /// Inside `<…>`; `raw` is the raw-text element this start tag opens, if any.
    Tag {
        quote: Option<u8>,
        raw: Option<Raw>,
    },
    Comment,
    /// `<!…>` and `<?…>`: doctype, CDATA, processing instructions.
    Bogus,
    Raw(Raw),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Raw {
    Script,
    Style,
    Escapable(&'static str),
    Other(&'static str),
}

impl Raw {
    fn from_tag(name: &[u8]) -> Option<Raw> {
        const ESCAPABLE: [&str; 2] = ["textarea", "title"];
        const OTHER: [&str; 6] = ["xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];
        if name.eq_ignore_ascii_case(b"script") {
            return Some(Raw::Script);
        }
        if name.eq_ignore_ascii_case(b"style") {
            return Some(Raw::Style);
        }
        if let Some(n) = ESCAPABLE.iter().find(|n| name.eq_ignore_ascii_case(n.as_bytes())) {
            return Some(Raw::Escapable(n));
        }
        OTHER
            .iter()
            .find(|n| name.eq_ignore_ascii_case(n.as_bytes()))
            .map(|n| Raw::Other(n))
    }

    fn name(self) -> &'static str {
        match self {
            Raw::Script => "script",
            Raw::Style => "style",
            Raw::Escapable(n) | Raw::Other(n) => n,
        }
    }

    fn line_break(self) -> &'static [u8] {
        match self {
            Raw::Script => "\u{2028}".as_bytes(),
            Raw::Style => b"\x0c",
            Raw::Escapable(_) => b"&#10;",
            Raw::Other(_) => b" ",
        }
    }
}

/// Appends `html` to `buf` on one line, with the same rendered meaning.
pub(crate) fn write_html(buf: &mut BytesMut, html: &str) {
    let bytes = html.as_bytes();
    if memchr::memchr2(b'\n', b'\r', bytes).is_none() {
        buf.put_slice(bytes);
        return;
    }
    let mut state = State::Text;
    let mut copied = 0; // bytes[..copied] are already in buf
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next byte that can matter in this state.
        let next = match state {
            State::Text => memchr::memchr3(b'<', b'\n', b'\r', &bytes[i..]),
            State::Comment | State::Bogus => memchr::memchr3(b'>', b'\n', b'\r', &bytes[i..]),
            State::Raw(_) => memchr::memchr3(b'<', b'\n', b'\r', &bytes[i..]),
            State::Tag { quote: Some(q), .. } => memchr::memchr3(q, b'\n', b'\r', &bytes[i..]),
            State::Tag { quote: None, .. } => bytes[i..]
                .iter()
                .position(|b| matches!(b, b'>' | b'"' | b'\'' | b'\n' | b'\r')),
        };
        let Some(offset) = next else { break };
        i += offset;
        let b = bytes[i];
        if b == b'\n' || b == b'\r' {
            buf.put_slice(&bytes[copied..i]);
            buf.put_slice(replacement(state));
            i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            copied = i;
            continue;
        }
        state = step(state, bytes, &mut i);
    }
    buf.put_slice(&bytes[copied..]);
}

fn replacement(state: State) -> &'static [u8] {
    match state {
        State::Text | State::Tag { quote: Some(_), .. } => b"&#10;",
        State::Tag { quote: None, .. } | State::Comment | State::Bogus => b" ",
        State::Raw(raw) => raw.line_break(),
    }
}

/// Handles the structural byte at `bytes[*i]` and moves past it.
fn step(state: State, bytes: &[u8], i: &mut usize) -> State {
    let rest = &bytes[*i..];
    match state {
        State::Text => {
            *i += 1;
            if rest.starts_with(b"<!--") {
                *i += 3;
                State::Comment
            } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                State::Bogus
            } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
                State::Tag { quote: None, raw: None }
            } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
                let len = rest[1..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
                    .unwrap_or(rest.len() - 1);
                *i += len;
                State::Tag {
                    quote: None,
                    raw: Raw::from_tag(&rest[1..1 + len]),
                }
            } else {
                State::Text
            }
        }
        State::Comment => {
            *i += 1;
            if *i >= 3 && &bytes[*i - 3..*i] == b"-->" {
                State::Text
            } else {
                State::Comment
            }
        }
        State::Bogus => {
            *i += 1;
            State::Text
        }
        State::Tag { quote: Some(_), raw } => {
            *i += 1;
            State::Tag { quote: None, raw }
        }
        State::Tag { quote: None, raw } => {
            *i += 1;
            match rest[0] {
                b'>' => match raw {
                    Some(Raw::Other("plaintext")) => State::Raw(Raw::Other("plaintext")),
                    Some(raw) => State::Raw(raw),
                    None => State::Text,
                },
                q => State::Tag { quote: Some(q), raw },
            }
        }
        State::Raw(raw) => {
            *i += 1;
            let name = raw.name().as_bytes();
            let closes = rest.len() > name.len() + 2
                && rest[1] == b'/'
                && rest[2..2 + name.len()].eq_ignore_ascii_case(name)
                && matches!(
                    rest[2 + name.len()],
                    b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                );
            if closes && !matches!(raw, Raw::Other("plaintext")) {
                State::Tag { quote: None, raw: None }
            } else {
                State::Raw(raw)
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(html: &str) -> String {
        let mut buf = BytesMut::new();
        write_html(&mut buf, html);
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
    }

    #[test]
    fn raw_text_elements() {
        assert_eq!(
            fold("<script>// a\nb()</script>\n"),
            "<script>// a\u{2028}b()</script>&#10;"
        );
        assert_eq!(fold("<style>a{}\nb{}</style>"), "<style>a{}\x0cb{}</style>");
        assert_eq!(
            fold("<textarea>a\n<b>\nc</textarea>"),
            "<textarea>a&#10;<b>&#10;c</textarea>"
        );
        assert_eq!(
            fold("<SCRIPT>'</script'\n</SCRIPT >x\ny"),
            "<SCRIPT>'</script'\u{2028}</SCRIPT >x&#10;y"
        );
        assert_eq!(fold("<xmp>a\nb</xmp>"), "<xmp>a b</xmp>");
    }

    #[test]
    fn comments_doctype_and_stray_brackets() {
        assert_eq!(fold("<!-- a\n> b -->\nc"), "<!-- a > b -->&#10;c");
        assert_eq!(fold("<!DOCTYPE\nhtml>\n"), "<!DOCTYPE html>&#10;");
        assert_eq!(fold("a < b\nc <3\n"), "a < b&#10;c <3&#10;");
    }

    #[test]
    fn single_line_content_is_copied_unchanged() {
        let html = "<div id=\"x\" title='<>'>&amp;</div>";
        assert_eq!(fold(html), html);
    }

    #[test]
    fn json_breaks_become_spaces() {
        let mut buf = BytesMut::new();
        write_json(&mut buf, "{\n\"a\":\r\n1}");
        assert_eq!(&buf[..], b"{ \"a\":  1}");
    }
}
