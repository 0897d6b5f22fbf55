//! How a page's initial signals spell keys and strings (`data-signals="{ input: &quot;&quot; }"`):
//! written once here, for the runtime that renders a value and the derive that writes a
//! struct's keys as literals when it compiles.
//!
//! Every client evaluates the attribute as a JavaScript expression after rewriting `$name`
//! and `@action(` (0.19: `$$action(`) in its text, strings included, and splits it at `;`.
//! So a string is JSON (its escapes are JavaScript's too) with `$`, `@`, `'`, `;`, `<`, `>`
//! and `&` also written as `\u00XX` escapes, which JavaScript reads back as the same
//! characters, and every `"` written as `&quot;` for the double-quoted attribute around it.

use crate::text::push_unicode_escape;

/// Appends `key` as an object key: bare when it is an identifier, else as a string.
pub fn push_signal_key(key: &str, out: &mut String) {
    let identifier = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    if identifier {
        out.push_str(key);
    } else {
        push_signal_string(key, out);
    }
}

/// Appends `text` as a string that neither a client nor an HTML parser acts on.
#[inline]
pub fn push_signal_string(text: &str, out: &mut String) {
    out.reserve(text.len() + 12);
    out.push_str("&quot;");
    let bytes = text.as_bytes();
    let mut written = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPES[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        // Escapes only replace ASCII bytes, so `at` is a character boundary.
        out.push_str(&text[written..at]);
        written = at + 1;
        match escape {
            b'u' => {
                push_unicode_escape(byte, out);
            }
            b'"' => out.push_str("\\&quot;"),
            short => {
                out.push('\\');
                out.push(char::from(short));
            }
        }
    }
    out.push_str(&text[written..]);
    out.push_str("&quot;");
}

/// Per byte: 0 to copy it, `u` for a `\u00XX` escape, else the letter after the backslash
/// (JSON's short escapes), `"` for `\&quot;`.
const ESCAPES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'\\' as usize] = b'\\';
    table[b'"' as usize] = b'"';
    let inert = b"$@';<>&";
    let mut i = 0;
    while i < inert.len() {
        table[inert[i] as usize] = b'u';
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> String {
        let mut out = String::new();
        push_signal_string(text, &mut out);
        out
    }

    #[test]
    fn strings_hold_nothing_a_client_or_parser_acts_on() {
        assert_eq!(string(""), "&quot;&quot;");
        assert_eq!(
            string("it's \"q\" </script> $x @get('/') & é\n\u{1}\\"),
            "&quot;it\\u0027s \\&quot;q\\&quot; \\u003c/script\\u003e \\u0024x \\u0040get(\\u0027/\\u0027) \\u0026 é\\n\\u0001\\\\&quot;"
        );
    }

    #[test]
    fn keys_are_bare_when_they_are_identifiers() {
        let key = |k: &str| {
            let mut out = String::new();
            push_signal_key(k, &mut out);
            out
        };
        assert_eq!(key("input"), "input");
        assert_eq!(key("_local$2"), "_local$2");
        assert_eq!(key("a b"), "&quot;a b&quot;");
        assert_eq!(key("2x"), "&quot;2x&quot;");
        assert_eq!(key("é"), "&quot;é&quot;");
    }
}
