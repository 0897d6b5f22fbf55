//! The line-folding rules: how a fragment is written on one line (2024, 0.19) or one data
//! line per line with its edges kept (0.21), asking the tokenizer how each line break and
//! edge character would be consumed. The module documentation of `encode::html` has the
//! table.

use bytes::{BufMut, BytesMut};

use super::tokenizer::{Class, Scanner};

/// Appends `html` to `buf` on one line, building the same DOM (see the module doc for the
/// exceptions).
pub(crate) fn write_html(buf: &mut BytesMut, html: &str) {
    one_line(buf, html, true);
}

/// [`write_html`], with plain HTML skimmed or stepped through by the full tokenizer.
fn one_line(buf: &mut BytesMut, html: &str, skim: bool) {
    let bytes = html.as_bytes();
    if memchr::memchr2(b'\n', b'\r', bytes).is_none() {
        buf.put_slice(bytes);
        return;
    }
    let mut scan = Scanner::new(bytes);
    scan.skim = skim;
    let mut copied = 0;
    while let Some(brk) = scan.run_to_break() {
        buf.put_slice(&bytes[copied..brk]);
        buf.put_slice(scan.line_break().one_line());
        copied = after_break(bytes, brk);
        scan.skip_to(copied);
    }
    buf.put_slice(&bytes[copied..]);
}

/// Appends one `data: KEY …` line per line of `html`, with whitespace at each line's edges
/// written as references where the tokenizer decodes them (for the 0.21.4 client, which
/// trims every data line).
pub(crate) fn write_html_lines(buf: &mut BytesMut, key: &str, html: &str) {
    lines(buf, key, html, true);
}

/// [`write_html_lines`], with plain HTML skimmed or stepped through by the full tokenizer.
fn lines(buf: &mut BytesMut, key: &str, html: &str, skim: bool) {
    let bytes = html.as_bytes();
    if !any_edge_space(bytes) {
        crate::encode::sse::lines(buf, key, html);
        return;
    }
    let mut scan = Scanner::new(bytes);
    scan.skim = skim;
    let mut start = 0;
    // The end of one data line and the start of the next, built once (keys are short).
    let mut joint = [0u8; 64];
    let joint: Option<&[u8]> = (8 + key.len() <= joint.len()).then(|| {
        joint[..7].copy_from_slice(b"\ndata: ");
        joint[7..7 + key.len()].copy_from_slice(key.as_bytes());
        joint[7 + key.len()] = b' ';
        &joint[..8 + key.len()]
    });
    let new_line = |buf: &mut BytesMut| match joint {
        Some(joint) => buf.put_slice(joint),
        None => {
            buf.put_slice(b"\ndata: ");
            buf.put_slice(key.as_bytes());
            buf.put_u8(b' ');
        }
    };
    buf.put_slice(b"data: ");
    buf.put_slice(key.as_bytes());
    buf.put_u8(b' ');
    loop {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |o| start + o);
        if !plain_line(buf, &mut scan, html, start, end) {
            let (lead, trail) = edges(html, start, end);
            edge(buf, &mut scan, &html[start..lead]);
            scan.run_to(trail);
            buf.put_slice(&bytes[lead..trail]);
            edge(buf, &mut scan, &html[trail..end]);
        }
        if end == bytes.len() {
            buf.put_u8(b'\n');
            break;
        }
        let in_tag = scan.in_tag();
        scan.line_break();
        start = after_break(bytes, end);
        scan.skip_to(start);
        if in_tag {
            // Inside a tag a space is the same whitespace and keeps the next line's
            // characters, which belong to the tag, away from the trimmed edge.
            buf.put_u8(b' ');
        } else {
            new_line(buf);
        }
    }
}

/// The common line, its edges found without trimming: starting in plain text, indented
/// with ASCII spaces or tabs, and ending in a byte JavaScript does not trim. Any other
/// line is left to the caller (`false`), with nothing written.
fn plain_line(buf: &mut BytesMut, scan: &mut Scanner<'_>, html: &str, start: usize, end: usize) -> bool {
    let bytes = html.as_bytes();
    if !scan.plain() {
        return false;
    }
    let Some(lead) = bytes[start..end].iter().position(|&b| !matches!(b, b' ' | b'\t')) else {
        return false;
    };
    let lead = start + lead;
    if may_be_js_space(bytes[lead]) || may_be_js_space_end(bytes[end - 1]) {
        return false;
    }
    let indent = &bytes[start..lead];
    if indent.len() * 5 <= SPACES.len() && !indent.contains(&b'\t') {
        // What `edge` writes for a few spaces of text, without its checks.
        buf.put_slice(&SPACES[..indent.len() * 5]);
        scan.skip_to(lead);
    } else {
        edge(buf, scan, &html[start..lead]);
    }
    scan.run_to(end);
    buf.put_slice(&bytes[lead..end]);
    true
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
            && (may_be_js_space(first) || ends_in_js_space(line, last))
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

/// Whether a line ending in byte `b` may end with a trimmed character.
fn may_be_js_space_end(b: u8) -> bool {
    b >= 0x80 || matches!(b, b'\t' | 0x0b | 0x0c | b' ')
}

fn ends_in_js_space(line: &[u8], last: u8) -> bool {
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

/// Eight spaces of text as references, the most indentation written in one copy.
const SPACES: &[u8] = b"&#32;&#32;&#32;&#32;&#32;&#32;&#32;&#32;";

/// Writes the edge characters of a line, as references where the tokenizer decodes them.
fn edge(buf: &mut BytesMut, scan: &mut Scanner<'_>, text: &str) {
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

/// What a line break becomes on one line, by how the tokenizer consumes it there.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(html: &str) -> String {
        let mut buf = BytesMut::new();
        write_html(&mut buf, html);
        String::from_utf8(buf.to_vec()).unwrap()
    }

    fn lines_of(html: &str) -> String {
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
            lines_of("<pre>\n  a \n\u{a0}b</pre>\n  <p\n   id=x>"),
            "data: k <pre>\ndata: k &#32;&#32;a&#32;\ndata: k &#160;b</pre>\ndata: k &#32;&#32;<p    id=x>\n"
        );
        assert_eq!(lines_of("<p>a\nb</p>"), "data: k <p>a\ndata: k b</p>\n");
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

    /// Every way of writing a fragment, with plain HTML skimmed and with the full tokenizer.
    fn both_ways(html: &str) -> [(String, String); 2] {
        let run = |skim: bool| {
            let mut one = BytesMut::new();
            one_line(&mut one, html, skim);
            let mut many = BytesMut::new();
            lines(&mut many, "k", html, skim);
            (
                String::from_utf8(one.to_vec()).unwrap(),
                String::from_utf8(many.to_vec()).unwrap(),
            )
        };
        [run(true), run(false)]
    }

    #[test]
    fn skimming_writes_what_the_full_tokenizer_writes() {
        // Tags the skim goes through and tags it hands over, cut and whole.
        for html in [
            "  <li class=\"row\" data-id=\"1\">a\n  b</li>\n",
            "<p a=\"x>y\nz\" b='c\nd' e=f\ng>t\n</p>",
            "<P\nid=x/>\n<Br/ >\n<a =b \"c=d\"=e>\n</a\nb>\n",
            "<TextArea x=1>a\n<b>\nc</textarea >\n<sVg><style>\n</style></svg>\n<style>\n",
            "<p title=\"cut\n",
            "<div>\n  <script>\n\"</div>\"\n</script>\n  x\n",
            "a <\nb </\nc <!--\n-->\n<p\n",
            // Lines whose edges are found without trimming, and lines that need it.
            "  <li a=\"1\">x</li>  \n\t<p>y\u{a0}\n  z\n\n   \n<b>é\n \u{3000}q\n\t \tw\t\n  ",
            "<p\n  a=b>\n  <!--\n  -->\n  c\r\n  <pre>\r  d\n",
        ] {
            let [skimmed, full] = both_ways(html);
            assert_eq!(skimmed, full, "{html:?}");
        }
    }

    /// Tag-heavy HTML: names the tree builder treats specially in any case, attributes
    /// quoted, unquoted and malformed, line breaks and edge whitespace anywhere.
    fn tag_soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let name = prop::sample::select(vec![
            "p",
            "li",
            "div",
            "Ul",
            "b",
            "br",
            "svg",
            "SVG",
            "math",
            "style",
            "Script",
            "title",
            "textarea",
            "xmp",
            "iframe",
            "noembed",
            "noframes",
            "noscript",
            "plaintext",
            "td",
            "foreignObject",
            "img",
        ]);
        let piece = prop::sample::select(vec![
            " ",
            "  ",
            "\n",
            "\r",
            "\r\n",
            "\t",
            "\u{c}",
            "\u{a0}",
            "\u{3000}",
            "=",
            "\"",
            "'",
            "/",
            ">",
            "<",
            "-",
            "!",
            "?",
            "]",
            "a",
            "id",
            "x=1",
            " c=\"d\"",
            " e='f g'",
            " t='a>\nb'",
            " u=\"v>\n'\"",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<!doctype x>",
            "&amp;",
            "é",
        ]);
        let token = prop_oneof![
            2 => (any::<bool>(), name.clone()).prop_map(|(end, name)| format!("<{}{name}", if end { "/" } else { "" })),
            1 => name.prop_map(String::from),
            4 => piece.prop_map(String::from),
        ];
        prop::collection::vec(token, 0..48).prop_map(|tokens| tokens.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, ..Default::default() })]

        #[test]
        fn skimming_is_the_full_tokenizer_on_any_input(html in tag_soup()) {
            let [skimmed, full] = both_ways(&html);
            proptest::prop_assert_eq!(skimmed, full);
        }

        #[test]
        fn skimming_is_the_full_tokenizer_on_any_text(html in "(?s).{0,64}") {
            let [skimmed, full] = both_ways(&html);
            proptest::prop_assert_eq!(skimmed, full);
        }
    }
}
