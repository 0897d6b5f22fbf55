//! Attribute names and values written into HTML the encoders build themselves (the 2024
//! store element, the 1.0 `<script>` element).

use bytes::BytesMut;

use crate::encode::{EncodeError, sse};

/// Checks an attribute name: one that both the HTML tokenizer and the DOM's
/// `setAttribute` (which the 0.21 client calls) accept the same way. XML's name rule is
/// the strictest of the two: a letter, `_` or `:` first, then letters, digits, `-`, `_`,
/// `.` or `:`.
pub(crate) fn attribute_name(name: &str) -> Result<(), EncodeError> {
    sse::single_line("attribute name", name)?;
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    if !valid {
        return Err(EncodeError::InvalidAttributeName { name: name.to_owned() });
    }
    Ok(())
}

/// Writes an attribute value between double quotes, escaped so it cannot end early and
/// keeps its line breaks (`&#13;` is the one way to carry a CR through the HTML parser).
pub(crate) fn push_attribute_value(out: &mut String, value: &str) {
    let mut copied = 0;
    for (at, b) in value.bytes().enumerate() {
        let reference = match b {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\n' => "&#10;",
            b'\r' => "&#13;",
            _ => continue,
        };
        out.push_str(&value[copied..at]);
        out.push_str(reference);
        copied = at + 1;
    }
    out.push_str(&value[copied..]);
}

/// [`push_attribute_value`] into a byte buffer.
pub(crate) fn put_attribute_value(buf: &mut BytesMut, value: &str) {
    let mut copied = 0;
    for (at, b) in value.bytes().enumerate() {
        let reference: &[u8] = match b {
            b'&' => b"&amp;",
            b'"' => b"&quot;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\n' => b"&#10;",
            b'\r' => b"&#13;",
            _ => continue,
        };
        buf.extend_from_slice(&value.as_bytes()[copied..at]);
        buf.extend_from_slice(reference);
        copied = at + 1;
    }
    buf.extend_from_slice(&value.as_bytes()[copied..]);
}

/// The length [`push_attribute_value`] writes for `value`, so one allocation holds it.
pub(crate) fn attribute_value_len(value: &str) -> usize {
    value.len()
        + value
            .bytes()
            .map(|b| match b {
                b'&' => 4,
                b'"' => 5,
                b'<' | b'>' | b'\n' | b'\r' => 4,
                _ => 0,
            })
            .sum::<usize>()
}
