//! SSE framing read back: bytes, in chunks of any size, into frames (an event's name, id,
//! retry and data lines), as the HTML standard's event-stream parser reads them.

use std::collections::VecDeque;

use crate::test::parse::ParseError;

/// One event as framed on the wire, before any dialect gives its data lines a meaning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Frame {
    pub(crate) event: Option<String>,
    pub(crate) id: Option<String>,
    pub(crate) retry: Option<u64>,
    pub(crate) data: Vec<String>,
}

impl Frame {
    fn is_empty(&self) -> bool {
        self.event.is_none() && self.data.is_empty()
    }
}

/// Reads frames out of a byte stream fed in chunks.
///
/// Lines end at CRLF, CR or LF; a field's value is what follows its first colon, less one
/// space; comment lines (`:` first) are skipped; a blank line ends the frame. Unlike a
/// browser, a frame with an `event:` line but no `data:` line is kept (the server did
/// write it), and fields the standard ignores are ignored.
#[derive(Debug, Default)]
pub(crate) struct FrameReader {
    buf: Vec<u8>,
    /// Bytes of `buf` already split into lines.
    read: usize,
    /// Bytes consumed before `buf[0]`, for error offsets.
    offset: usize,
    current: Frame,
    /// Whether the current frame has a field line yet.
    started: bool,
    ready: VecDeque<Frame>,
    /// Whether the stream's first bytes (where a byte order mark may stand) were seen.
    past_start: bool,
}

impl FrameReader {
    /// Takes the next chunk of the stream.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Result<(), ParseError> {
        self.buf.extend_from_slice(chunk);
        if !self.past_start {
            if self.buf.len() < 3 && b"\xEF\xBB\xBF".starts_with(&self.buf) {
                return Ok(());
            }
            self.past_start = true;
            if self.buf.starts_with(b"\xEF\xBB\xBF") {
                self.buf.drain(..3);
                self.offset += 3;
            }
        }
        self.split_lines(false)
    }

    /// The next complete frame, if one has arrived.
    pub(crate) fn next_frame(&mut self) -> Option<Frame> {
        self.ready.pop_front()
    }

    /// Ends the stream: an event cut off before its blank line is an error (every client
    /// drops it silently).
    pub(crate) fn finish(&mut self) -> Result<(), ParseError> {
        self.split_lines(true)?;
        if self.started || self.buf.len() > self.read {
            return Err(ParseError::Unterminated);
        }
        Ok(())
    }

    /// Whether part of an event has arrived but not its end.
    pub(crate) fn in_event(&self) -> bool {
        self.started || self.buf.len() > self.read
    }

    fn split_lines(&mut self, at_end: bool) -> Result<(), ParseError> {
        loop {
            let rest = &self.buf[self.read..];
            let Some(at) = memchr::memchr2(b'\n', b'\r', rest) else {
                break;
            };
            let (len, ending) = if rest[at] == b'\r' {
                match rest.get(at + 1) {
                    Some(b'\n') => (at, 2),
                    Some(_) => (at, 1),
                    // A CR at the end of a chunk may be the first half of a CRLF.
                    None if !at_end => break,
                    None => (at, 1),
                }
            } else {
                (at, 1)
            };
            let start = self.read;
            self.read += len + ending;
            let line = std::str::from_utf8(&self.buf[start..start + len]).map_err(|e| ParseError::NotUtf8 {
                offset: self.offset + start + e.valid_up_to(),
            })?;
            let line = line.to_owned();
            self.line(&line);
        }
        // Keep only the unread tail, so a long stream does not grow the buffer.
        if self.read > 0 {
            self.buf.drain(..self.read);
            self.offset += self.read;
            self.read = 0;
        }
        Ok(())
    }

    fn line(&mut self, line: &str) {
        if line.is_empty() {
            let frame = std::mem::take(&mut self.current);
            self.started = false;
            if !frame.is_empty() {
                self.ready.push_back(frame);
            }
            return;
        }
        if line.starts_with(':') {
            // A comment (a keep-alive) is no part of an event.
            return;
        }
        self.started = true;
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.current.event = Some(value.to_owned()),
            "data" => self.current.data.push(value.to_owned()),
            "id" if !value.contains('\0') => self.current.id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.current.retry = value.parse().ok();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(chunks: &[&[u8]]) -> Result<Vec<Frame>, ParseError> {
        let mut reader = FrameReader::default();
        for chunk in chunks {
            reader.push(chunk)?;
        }
        reader.finish()?;
        Ok(std::iter::from_fn(|| reader.next_frame()).collect())
    }

    #[test]
    fn fields_comments_and_every_line_ending() {
        let got = frames(&[b"\xEF\xBB\xBF: hi\nevent: a\r\nid: 7\rretry: 30\ndata: x\ndata:y\ndata\n\n"]).unwrap();
        assert_eq!(
            got,
            [Frame {
                event: Some("a".into()),
                id: Some("7".into()),
                retry: Some(30),
                data: vec!["x".into(), "y".into(), "".into()],
            }]
        );
    }

    #[test]
    fn chunks_split_anywhere_give_the_same_frames() {
        let bytes = b"event: a\r\ndata: \xC3\xA9t\xC3\xA9\r\n\r\n: keep-alive\n\nevent: b\ndata: 2\n\n";
        let whole = frames(&[bytes]).unwrap();
        assert_eq!(whole.len(), 2);
        for cut in 0..bytes.len() {
            assert_eq!(frames(&[&bytes[..cut], &bytes[cut..]]).unwrap(), whole, "cut at {cut}");
        }
    }

    #[test]
    fn a_cut_off_event_and_bad_utf8_are_errors() {
        assert_eq!(frames(&[b"event: a\ndata: x\n"]), Err(ParseError::Unterminated));
        assert_eq!(frames(&[b"event: a\ndata: x"]), Err(ParseError::Unterminated));
        assert_eq!(frames(&[b"data: \xff\n\n"]), Err(ParseError::NotUtf8 { offset: 6 }));
        assert_eq!(frames(&[b": only a comment\n\n"]), Ok(vec![]));
        assert_eq!(frames(&[b": keep-alive\n: keep-alive\n"]), Ok(vec![]));
    }
}
