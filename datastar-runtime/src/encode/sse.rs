//! SSE framing into a byte buffer: the `event:`/`id:`/`retry:` header, `data:` lines and
//! the blank line that ends an event. Content can never end a line early here: identifiers
//! with a line break are refused, and multi-line content becomes one data line per line.

use std::time::Duration;

use bytes::{BufMut, BytesMut};

use crate::encode::EncodeError;

/// Refuses a line break in a single-line value (a selector, id, path, URL or name).
pub(crate) fn single_line(field: &'static str, value: &str) -> Result<(), EncodeError> {
    match memchr::memchr2(b'\n', b'\r', value.as_bytes()) {
        None => Ok(()),
        Some(_) => Err(EncodeError::LineBreak { field }),
    }
}

/// The longest retry a client can wait: browsers' timers treat a longer delay as zero,
/// which would make a client reconnect at once instead of after a long pause.
pub(crate) const MAX_RETRY_MS: u128 = i32::MAX as u128;

/// Writes `event: NAME`, then `id:` and `retry:` when set. A retry equal to `omit_retry`
/// (the client's default) is left out, as the official SDKs do; a retry longer than
/// [`MAX_RETRY_MS`] is written as that maximum. An id with NUL is refused: SSE clients
/// ignore such an id.
pub(crate) fn header(
    buf: &mut BytesMut,
    name: &str,
    id: Option<&str>,
    retry: Option<Duration>,
    omit_retry: Option<u128>,
) -> Result<(), EncodeError> {
    if let Some(id) = id {
        single_line("event id", id)?;
        if memchr::memchr(0, id.as_bytes()).is_some() {
            return Err(EncodeError::Nul { field: "event id" });
        }
    }
    buf.put_slice(b"event: ");
    buf.put_slice(name.as_bytes());
    buf.put_u8(b'\n');
    if let Some(id) = id {
        buf.put_slice(b"id: ");
        buf.put_slice(id.as_bytes());
        buf.put_u8(b'\n');
    }
    if let Some(retry) = retry {
        let ms = retry.as_millis().min(MAX_RETRY_MS);
        if Some(ms) != omit_retry {
            buf.put_slice(b"retry: ");
            put_u128(buf, ms);
            buf.put_u8(b'\n');
        }
    }
    Ok(())
}

/// Writes `data: KEY VALUE` for a value already known to be one line.
pub(crate) fn line(buf: &mut BytesMut, key: &str, value: &[u8]) {
    buf.put_slice(b"data: ");
    buf.put_slice(key.as_bytes());
    buf.put_u8(b' ');
    buf.put_slice(value);
    buf.put_u8(b'\n');
}

/// Writes `data: KEY N` for a number.
pub(crate) fn number(buf: &mut BytesMut, key: &str, value: u128) {
    buf.put_slice(b"data: ");
    buf.put_slice(key.as_bytes());
    buf.put_u8(b' ');
    put_u128(buf, value);
    buf.put_u8(b'\n');
}

/// Writes one `data: KEY …` line per line of `content`; CRLF, CR and LF all end a line.
pub(crate) fn lines(buf: &mut BytesMut, key: &str, content: &str) {
    // The prefix is built once; a line ending in a lone LF is copied with its LF.
    let mut prefix = [0u8; 64];
    let prefix: &[u8] = match 6 + key.len() + 1 {
        n if n <= prefix.len() => {
            prefix[..6].copy_from_slice(b"data: ");
            prefix[6..n - 1].copy_from_slice(key.as_bytes());
            prefix[n - 1] = b' ';
            &prefix[..n]
        }
        _ => return lines_slow(buf, key, content),
    };
    let bytes = content.as_bytes();
    buf.reserve(bytes.len() + prefix.len() * 4 + 1);
    let mut start = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if at < start {
            // The LF of a CRLF pair, already consumed with its CR.
            continue;
        }
        buf.put_slice(prefix);
        if bytes[at] == b'\n' {
            buf.put_slice(&bytes[start..=at]);
            start = at + 1;
        } else {
            buf.put_slice(&bytes[start..at]);
            buf.put_u8(b'\n');
            start = at + 1 + usize::from(bytes.get(at + 1) == Some(&b'\n'));
        }
    }
    buf.put_slice(prefix);
    buf.put_slice(&bytes[start..]);
    buf.put_u8(b'\n');
}

fn lines_slow(buf: &mut BytesMut, key: &str, content: &str) {
    let bytes = content.as_bytes();
    let mut start = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if at < start {
            continue;
        }
        line(buf, key, &bytes[start..at]);
        start = at + 1 + usize::from(bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n'));
    }
    line(buf, key, &bytes[start..]);
}

/// Ends the event with its blank line.
pub(crate) fn end(buf: &mut BytesMut) {
    buf.put_u8(b'\n');
}

fn put_u128(buf: &mut BytesMut, value: u128) {
    let mut digits = [0u8; 40];
    let mut at = digits.len();
    let mut v = value;
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.put_slice(&digits[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(content: &str) -> String {
        let mut buf = BytesMut::new();
        lines(&mut buf, "k", content);
        String::from_utf8(buf.to_vec()).unwrap()
    }

    #[test]
    fn every_line_ending_splits_once() {
        assert_eq!(lines_of("a"), "data: k a\n");
        assert_eq!(lines_of(""), "data: k \n");
        assert_eq!(lines_of("a\nb"), "data: k a\ndata: k b\n");
        assert_eq!(lines_of("a\r\nb"), "data: k a\ndata: k b\n");
        assert_eq!(lines_of("a\rb"), "data: k a\ndata: k b\n");
        assert_eq!(lines_of("a\r\rb"), "data: k a\ndata: k \ndata: k b\n");
        assert_eq!(lines_of("a\n\r\nb\n"), "data: k a\ndata: k \ndata: k b\ndata: k \n");
    }

    #[test]
    fn retry_default_is_omitted_and_numbers_are_decimal() {
        let mut buf = BytesMut::new();
        header(&mut buf, "x", Some("7"), Some(Duration::from_millis(1000)), Some(1000)).unwrap();
        assert_eq!(&buf[..], b"event: x\nid: 7\n");
        let mut buf = BytesMut::new();
        header(&mut buf, "x", None, Some(Duration::from_millis(0)), Some(1000)).unwrap();
        assert_eq!(&buf[..], b"event: x\nretry: 0\n");
        let mut buf = BytesMut::new();
        number(&mut buf, "settle", 1234567890);
        assert_eq!(&buf[..], b"data: settle 1234567890\n");
    }

    #[test]
    fn long_retries_are_capped_and_nul_ids_refused() {
        let mut buf = BytesMut::new();
        header(&mut buf, "x", None, Some(Duration::from_secs(u64::MAX)), None).unwrap();
        assert_eq!(&buf[..], b"event: x\nretry: 2147483647\n");
        let mut buf = BytesMut::new();
        let err = header(&mut buf, "x", Some("a\0b"), None, None).unwrap_err();
        assert_eq!(err, EncodeError::Nul { field: "event id" });
        assert!(buf.is_empty());
    }

    #[test]
    fn line_breaks_in_ids_are_refused() {
        let mut buf = BytesMut::new();
        let err = header(&mut buf, "x", Some("1\n\nevent: y"), None, None).unwrap_err();
        assert_eq!(err, EncodeError::LineBreak { field: "event id" });
        assert!(buf.is_empty());
    }
}
