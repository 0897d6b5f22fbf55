//! The feed fragment every server sends, with its production time embedded, and the
//! cheap random values the seeds' feeds show.

use std::cell::Cell;
use std::time::{SystemTime, UNIX_EPOCH};

/// The attribute that carries the production time, as the client looks for it.
pub const STAMP: &[u8] = b"data-t=\"";

/// Nanoseconds since the UNIX epoch. The wall clock is shared by every process on the
/// machine, so a server's stamp and the client's arrival time are comparable.
pub fn now_nanos() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

thread_local! {
    static STATE: Cell<u64> = Cell::new(now_nanos() | 1);
}

/// A display value like the seeds' `randomBytes(8)`: xorshift, seeded per thread from
/// the clock. Not a secret, and cheap enough not to dominate the feed's cost.
pub fn random_u64() -> u64 {
    STATE.with(|state| {
        let mut x = state.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        state.set(x);
        x
    })
}

/// The feed fragment: the seeds' `<span id="feed">HEX</span>` plus the production stamp.
pub fn fragment(stamp: u64, value: u64) -> String {
    format!("<span id=\"feed\" data-t=\"{stamp}\">{value:016x}</span>")
}

/// The production stamp in one event's bytes, if it carries one.
pub fn find_stamp(event: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find(event, STAMP)? + STAMP.len();
    let digits = &event[at..];
    let end = digits.iter().position(|b| !b.is_ascii_digit())?;
    std::str::from_utf8(&digits[..end]).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_round_trips_through_the_fragment() {
        let html = fragment(1_732_251_234_123_456_789, 0xabc);
        assert_eq!(
            html,
            "<span id=\"feed\" data-t=\"1732251234123456789\">0000000000000abc</span>"
        );
        let event = format!("event: datastar-patch-elements\ndata: elements {html}\n\n");
        assert_eq!(find_stamp(event.as_bytes()), Some(1_732_251_234_123_456_789));
        assert_eq!(
            find_stamp(b"event: x\ndata: elements <span id=\"feed\">1</span>\n\n"),
            None
        );
    }
}
