//! The fast path through plain HTML: text and tags the tree builder does nothing special
//! with, skipped without the tokenizer's state machine.
//!
//! From the data state outside SVG and MathML, such a tag (a start tag of an ordinary
//! element, or any end tag) leaves the tokenizer in the data state again whatever its
//! attributes hold, so all that matters is where it ends: at the first `>` that is not
//! inside a quoted value. [`plain`] finds that with a few tight loops and stops at the `<`
//! of anything else (a comment, a doctype, a raw-text, SVG or MathML start tag, a tag the
//! end of the input cuts), where the full tokenizer resumes in the same state.

/// What [`plain`] went through.
pub(super) struct Skimmed {
    /// Where it stopped: the end of the input, or a `<` the tokenizer must read.
    pub(super) at: usize,
    /// The `<` of the first whole start tag it went through.
    pub(super) first_start: Option<usize>,
}

/// Skips plain text and plain tags in `bytes` from `from`, which is in the data state
/// outside foreign content.
pub(super) fn plain(bytes: &[u8], from: usize) -> Skimmed {
    let mut first_start = None;
    let mut at = from;
    while let Some(n) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + n;
        match plain_tag(bytes, lt) {
            Some((end, start)) => {
                if start && first_start.is_none() {
                    first_start = Some(lt);
                }
                at = end;
            }
            None => return Skimmed { at: lt, first_start },
        }
    }
    Skimmed {
        at: bytes.len(),
        first_start,
    }
}

/// Byte classes inside a tag: whether a byte is HTML whitespace, and whether it ends a
/// tag name, an attribute name or an unquoted value.
const WS: u8 = 1;
const ENDS_TAG_NAME: u8 = 2;
const ENDS_ATTR_NAME: u8 = 4;
const ENDS_UNQUOTED: u8 = 8;

const CLASSES: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match i as u8 {
            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => WS | ENDS_TAG_NAME | ENDS_ATTR_NAME | ENDS_UNQUOTED,
            b'>' => ENDS_TAG_NAME | ENDS_ATTR_NAME | ENDS_UNQUOTED,
            b'/' => ENDS_TAG_NAME | ENDS_ATTR_NAME,
            b'=' => ENDS_ATTR_NAME,
            _ => 0,
        };
        i += 1;
    }
    table
};

fn is(b: u8, class: u8) -> bool {
    CLASSES[b as usize] & class != 0
}

/// The first byte at or after `i` whose membership of `class` differs from `member`;
/// `None` at the end of the input.
fn skip(bytes: &[u8], mut i: usize, class: u8, member: bool) -> Option<usize> {
    while is(*bytes.get(i)?, class) == member {
        i += 1;
    }
    Some(i)
}

/// Where the tag whose `<` is at `lt` ends (after its `>`) and whether it is a start tag,
/// when it is plain and whole; `None` otherwise.
///
/// The states are the standard's, merged where they treat every byte alike: "between"
/// is before-attribute-name, self-closing-start-tag and after-attribute-value-quoted;
/// "name" is attribute-name and after-attribute-name, which differ only in whether a
/// byte that is no separator continues the name or starts the next one.
fn plain_tag(bytes: &[u8], lt: usize) -> Option<(usize, bool)> {
    let end_tag = *bytes.get(lt + 1)? == b'/';
    let name = lt + 1 + usize::from(end_tag);
    if !bytes.get(name)?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = skip(bytes, name + 1, ENDS_TAG_NAME, false)?;
    if !end_tag && special(&bytes[name..i]) {
        return None;
    }
    loop {
        // Between attributes.
        match bytes[i] {
            b'>' => return Some((i + 1, !end_tag)),
            b if is(b, WS) || b == b'/' => {
                i += 1;
                bytes.get(i)?;
                continue;
            }
            // Any other byte starts a name, even `=` or a quote.
            _ => {}
        }
        // A name, the whitespace after it, and another name or a `=`.
        loop {
            i = skip(bytes, i + 1, ENDS_ATTR_NAME, false)?;
            i = skip(bytes, i, WS, true)?;
            if matches!(bytes[i], b'>' | b'/' | b'=') {
                break;
            }
        }
        match bytes[i] {
            b'>' => return Some((i + 1, !end_tag)),
            b'/' => {
                i += 1;
                bytes.get(i)?;
                continue;
            }
            _ => {}
        }
        // Before the value.
        i = skip(bytes, i + 1, WS, true)?;
        match bytes[i] {
            q @ (b'"' | b'\'') => {
                // Values are short: a plain loop beats a vectorised search here.
                i += 2 + bytes[i + 1..].iter().position(|&b| b == q)?;
            }
            b'>' => return Some((i + 1, !end_tag)),
            _ => {
                i = skip(bytes, i + 1, ENDS_UNQUOTED, false)?;
                if bytes[i] == b'>' {
                    return Some((i + 1, !end_tag));
                }
                i += 1;
            }
        }
        bytes.get(i)?;
    }
}

/// Whether a start tag's name switches the tokenizer into raw text or foreign content
/// (see `Raw::for_tag` and `emit` in the tokenizer), compared as the tokenizer does,
/// ASCII case-insensitively.
fn special(name: &[u8]) -> bool {
    const SPECIAL: [&[u8]; 12] = [
        b"textarea",
        b"title",
        b"style",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        b"noscript",
        b"script",
        b"plaintext",
        b"svg",
        b"math",
    ];
    (3..=9).contains(&name.len()) && SPECIAL.iter().any(|s| s.eq_ignore_ascii_case(name))
}
