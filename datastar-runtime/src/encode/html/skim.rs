//! The fast path through plain HTML: text and tags the tree builder does nothing special
//! with, skipped without the tokenizer's state machine.
//!
//! From the data state outside SVG and MathML, such a tag (a start tag of an ordinary
//! element, or any end tag) leaves the tokenizer in the data state again whatever its
//! attributes hold, so all that matters is where it ends: at the first `>` that is not
//! inside a quoted value. [`plain`] finds that with a few tight loops and stops at the `<`
//! of anything else (a comment, a doctype, a raw-text, SVG or MathML start tag, a tag the
//! end of the input cuts), where the full tokenizer resumes in the same state. Callers
//! bound the input at the next line break, so a tag with one inside is cut and handed
//! over.

/// What [`plain`] went through.
pub(super) struct Skimmed {
    /// Where it stopped: the end of the input or a `<` the tokenizer must read.
    pub(super) at: usize,
    /// The `<` of the first whole start tag it went through.
    pub(super) first_start: Option<usize>,
}

/// Skips plain text and plain tags in `bytes` from `from`, which is in the data state
/// outside foreign content.
pub(super) fn plain(bytes: &[u8], from: usize) -> Skimmed {
    let mut first_start = None;
    let mut at = from;
    while let Some(n) = find_lt(&bytes[at..]) {
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

/// The first `<` in `text`. Text between tags is mostly a few words: eight bytes at a
/// time over the first bytes saves the vectorised search's setup, which pays off on
/// longer text.
fn find_lt(text: &[u8]) -> Option<usize> {
    const SHORT: usize = 32;
    if let Some(n) = find(&text[..text.len().min(SHORT)], 0, LT) {
        return Some(n);
    }
    let rest = text.get(SHORT..)?;
    memchr::memchr(b'<', rest).map(|n| n + SHORT)
}

/// Eight bytes at a time (SWAR): each lane's high bit is set where a byte may be in
/// `class`. The lowest set lane is exact for each test; a lane above it may be a false
/// positive, and whitespace is tested as "below `!`", so a candidate is checked.
#[inline(always)]
fn candidates(word: u64, class: u8) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let below = |n: u8| word.wrapping_sub(LO * n as u64) & !word & HI;
    let eq = |c: u8| {
        let v = word ^ (LO * c as u64);
        v.wrapping_sub(LO) & !v & HI
    };
    let mut found = 0;
    if class & (SPACE | ENDS_TAG_NAME | ENDS_ATTR_NAME | ENDS_UNQUOTED) != 0 {
        found |= below(b'!');
    } else if class & BREAK != 0 {
        found |= eq(b'\n') | eq(b'\r');
    }
    if class & LT != 0 {
        found |= eq(b'<');
    }
    if class & (ENDS_TAG_NAME | ENDS_ATTR_NAME | ENDS_UNQUOTED) != 0 {
        found |= eq(b'>');
    }
    if class & (ENDS_TAG_NAME | ENDS_ATTR_NAME) != 0 {
        found |= eq(b'/');
    }
    if class & ENDS_ATTR_NAME != 0 {
        found |= eq(b'=');
    }
    if class & DOUBLE_QUOTE != 0 {
        found |= eq(b'"');
    }
    if class & SINGLE_QUOTE != 0 {
        found |= eq(b'\'');
    }
    found
}

/// The first byte at or after `i` in `class`; `None` at the end of the input.
#[inline(always)]
fn find(bytes: &[u8], mut i: usize, class: u8) -> Option<usize> {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        match candidates(u64::from_le_bytes(word), class) {
            0 => i += 8,
            found => {
                let at = i + (found.trailing_zeros() / 8) as usize;
                // Equality tests are exact in the lowest lane; "below `!`" is not.
                if class & (SPACE | ENDS_TAG_NAME | ENDS_ATTR_NAME | ENDS_UNQUOTED) == 0 || is(bytes[at], class) {
                    return Some(at);
                }
                i = at + 1;
            }
        }
    }
    while !is(*bytes.get(i)?, class) {
        i += 1;
    }
    Some(i)
}

/// Byte classes: HTML whitespace (line breaks apart), line breaks, `<`, the bytes that
/// end a tag name, an attribute name or an unquoted value, and the two quotes.
const SPACE: u8 = 1;
const BREAK: u8 = 2;
const LT: u8 = 4;
const ENDS_TAG_NAME: u8 = 8;
const ENDS_ATTR_NAME: u8 = 16;
const ENDS_UNQUOTED: u8 = 32;
const DOUBLE_QUOTE: u8 = 64;
const SINGLE_QUOTE: u8 = 128;

const CLASSES: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        let ends = ENDS_TAG_NAME | ENDS_ATTR_NAME | ENDS_UNQUOTED;
        table[i] = match i as u8 {
            b'\t' | b'\x0c' | b' ' => SPACE | ends,
            b'\n' | b'\r' => BREAK | ends,
            b'>' => ends,
            b'/' => ENDS_TAG_NAME | ENDS_ATTR_NAME,
            b'=' => ENDS_ATTR_NAME,
            b'<' => LT,
            b'"' => DOUBLE_QUOTE,
            b'\'' => SINGLE_QUOTE,
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
    let ws = SPACE | BREAK;
    let end_tag = *bytes.get(lt + 1)? == b'/';
    let name = lt + 1 + usize::from(end_tag);
    if !bytes.get(name)?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = find(bytes, name + 1, ENDS_TAG_NAME)?;
    if !end_tag && special(&bytes[name..i]) {
        return None;
    }
    loop {
        // Between attributes.
        match bytes[i] {
            b'>' => return Some((i + 1, !end_tag)),
            b if is(b, ws) || b == b'/' => {
                i += 1;
                bytes.get(i)?;
                continue;
            }
            // Any other byte starts a name, even `=` or a quote.
            _ => {}
        }
        // A name, the whitespace after it, and another name or a `=`.
        loop {
            i = find(bytes, i + 1, ENDS_ATTR_NAME)?;
            i = skip(bytes, i, ws, true)?;
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
            b'=' => {}
            _ => return None,
        }
        // Before the value.
        i = skip(bytes, i + 1, ws, true)?;
        match bytes[i] {
            // One search per quote, so that each tests for one byte.
            b'"' => i = find(bytes, i + 1, DOUBLE_QUOTE)? + 1,
            b'\'' => i = find(bytes, i + 1, SINGLE_QUOTE)? + 1,
            b'>' => return Some((i + 1, !end_tag)),
            _ => {
                i = find(bytes, i + 1, ENDS_UNQUOTED)?;
                match bytes[i] {
                    b'>' => return Some((i + 1, !end_tag)),
                    _ => i += 1,
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn eight_at_a_time_finds_what_one_at_a_time_finds(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            from in 0usize..40,
            class in proptest::prelude::any::<u8>(),
        ) {
            let one_at_a_time = bytes.iter().skip(from).position(|&b| is(b, class)).map(|n| n + from);
            proptest::prop_assert_eq!(find(&bytes, from, class), one_at_a_time);
        }
    }

    #[test]
    fn classes_of_structural_bytes() {
        assert_eq!(find(b"abcdefghij\nkl<", 0, BREAK), Some(10));
        assert_eq!(find(b"abcdefghij\nkl<", 0, LT), Some(13));
        assert_eq!(find(b"data-id\x01\x02=\"", 0, ENDS_ATTR_NAME), Some(9));
        assert_eq!(find(b"value with 'quote' \"", 0, DOUBLE_QUOTE), Some(19));
        assert_eq!(find(b"no stop here at all", 0, LT | BREAK), None);
    }
}
