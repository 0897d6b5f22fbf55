//! What an instance takes from a topic's channel, and what it checks against Redis first.
//!
//! Anyone who can `PUBLISH` to the channel can put any text on it, so a channel message
//! proves nothing by itself. The topic's hash, written only by the publish script in the
//! same step as each genuine message, is the authority: a message is taken as it comes
//! only when it is well formed and is plausibly the next one; anything else makes the
//! listener read the hash instead, at a bounded rate. Pure logic with the time passed
//! in, so its rules are tested without Redis.

use std::time::Duration;

use tokio::time::Instant;

use crate::broadcast::Message;
use crate::event::Event;

/// How far past the last number taken a channel message may jump and still be taken as it
/// comes. Genuine numbers arrive in order and without gaps (one script numbers and
/// publishes them, the driver queues them without dropping any, and a broken
/// subscription re-reads the hash), except for messages this instance cannot read and so
/// does not take, as during a rolling upgrade to a newer body format: 1,024 covers a long
/// run of those without a read of the hash each. Past it, a number is checked before
/// anything is shown, so the cheapest forgery, the largest number, never reaches a page;
/// within it, a forgery is shown until the next genuine message, which then looks old and
/// is checked (see [`Seen::channel`]).
pub(super) const WINDOW: u64 = 1024;

/// The shortest time between two reads of the hash made to check channel messages: a
/// flood of forged messages costs Redis at most four reads a second per topic and
/// instance, while a genuine message that needs a check waits at most this long.
pub(super) const CHECK_EVERY: Duration = Duration::from_millis(250);

/// The shortest time between two log lines about refused messages: an open Redis can put
/// messages on the channel faster than any log should grow.
pub(super) const LOG_EVERY: Duration = Duration::from_secs(10);

/// How much of a decoding error a log line repeats: the error may quote the message,
/// whose size is the sender's choice.
const REASON_MAX: usize = 120;

/// What the listener does with a channel message.
#[derive(Debug)]
pub(super) enum Step {
    /// Deliver it to this instance's pages.
    Deliver(Message),
    /// Read the topic's latest value from the hash now and hand it to [`Seen::latest`].
    Check,
    /// Nothing: already taken, refused, or a check is owed for later.
    Nothing,
}

/// The message last taken, and what the listener knows about its trust.
pub(super) struct Seen {
    last: Option<Taken>,
    /// The channel message whose check is under way, to say afterwards whether Redis
    /// confirmed it.
    claim: Option<Claim>,
    /// When the last check was allowed.
    checked: Option<Instant>,
    /// A message needed a check while checks were rate-limited: one is made when allowed,
    /// so a genuine message among forged ones still arrives.
    owed: bool,
    refused: RefusalLog,
}

struct Taken {
    epoch: String,
    seq: u64,
    /// Kept to tell a forged message from the genuine one with the same number.
    body: Vec<u8>,
    /// Read from the hash, not the channel: it is genuine, so a message that does not
    /// follow it cannot mean this instance is the one that is wrong.
    from_redis: bool,
}

struct Claim {
    epoch: String,
    seq: u64,
    body: Vec<u8>,
}

/// A well-formed published message, its events decoded.
struct Read<'a> {
    epoch: &'a str,
    seq: u64,
    body: &'a [u8],
    events: Vec<Event>,
}

impl Taken {
    fn is(&self, read: &Read<'_>) -> bool {
        self.epoch == read.epoch && self.seq == read.seq && self.body == read.body
    }
}

impl Seen {
    pub(super) fn new() -> Self {
        Seen {
            last: None,
            claim: None,
            checked: None,
            owed: false,
            refused: RefusalLog::default(),
        }
    }

    /// Judges a message from the topic's channel (`epoch seq body`) that arrived at `now`.
    pub(super) fn channel(&mut self, published: &[u8], now: Instant) -> Step {
        // Read it whole first: a message that cannot be used must not move anything, not
        // even the check's rate limit.
        let read = match read(published) {
            Ok(read) => read,
            Err(flaw) => {
                self.refused.add(Refusal::Channel(flaw));
                return Step::Nothing;
            }
        };
        if let Some(last) = &self.last
            && last.epoch == read.epoch
        {
            if read.seq > last.seq && read.seq - last.seq <= WINDOW {
                let message = Message::new(read.events);
                self.take(read.epoch, read.seq, read.body, false);
                return Step::Deliver(message);
            }
            // A copy of what was taken (the overlap between subscribing and reading the
            // hash), or older than a value the hash itself gave: no news, and no sign that
            // what was taken is wrong.
            if last.is(&read) || (read.seq <= last.seq && last.from_redis) {
                return Step::Nothing;
            }
            // Otherwise an older or different message after one taken from the channel:
            // either it is stale, or the one taken was forged; only the hash can tell.
        }
        // A jump past the window, another epoch (Redis restarted empty, or a forgery), or
        // nothing taken yet: none of these is trusted as it comes.
        self.check(
            Claim {
                epoch: read.epoch.to_owned(),
                seq: read.seq,
                body: read.body.to_vec(),
            },
            now,
        )
    }

    fn check(&mut self, claim: Claim, now: Instant) -> Step {
        if let Some(at) = self.checked
            && now < at + CHECK_EVERY
        {
            self.owed = true;
            self.refused.add(Refusal::Unchecked { seq: claim.seq });
            return Step::Nothing;
        }
        self.checked = Some(now);
        self.claim = Some(claim);
        Step::Check
    }

    /// Whether a check owed since a rate-limited message may be made at `now`; if so, it
    /// counts as made.
    pub(super) fn check_due(&mut self, now: Instant) -> bool {
        match self.checked {
            Some(at) if self.owed && now >= at + CHECK_EVERY => {
                self.owed = false;
                self.checked = Some(now);
                true
            }
            _ => false,
        }
    }

    /// Takes the topic's latest value as read from its hash (`None`: the hash has none),
    /// after subscribing or for a check. The script writes it with each genuine message,
    /// so it is taken whatever its number, and replaces a different message taken from
    /// the channel even when that one's number is higher.
    pub(super) fn latest(&mut self, latest: Option<&[u8]>) -> Option<Message> {
        // The read saw everything published before it, so no check is owed any more.
        self.owed = false;
        let claim = self.claim.take();
        let read = match latest.map(read) {
            None => {
                if let Some(claim) = claim {
                    self.refused.add(Refusal::Unconfirmed { seq: claim.seq });
                }
                return None;
            }
            Some(Err(flaw)) => {
                self.refused.add(Refusal::Latest(flaw));
                return None;
            }
            Some(Ok(read)) => read,
        };
        if let Some(claim) = claim {
            // A lower number of the same epoch is merely stale: published before the read.
            let confirmed = claim.epoch == read.epoch
                && (claim.seq < read.seq || (claim.seq == read.seq && claim.body == read.body));
            if !confirmed {
                self.refused.add(Refusal::Unconfirmed { seq: claim.seq });
            }
        }
        if let Some(last) = &mut self.last {
            if last.is(&read) {
                last.from_redis = true;
                return None;
            }
            if last.epoch == read.epoch && last.seq >= read.seq {
                // Genuine messages reach the hash before the channel, so a message taken
                // from the channel cannot be ahead of the hash unless it was forged.
                self.refused.add(Refusal::Overtaken { seq: last.seq });
            }
        }
        let message = Message::new(read.events);
        self.take(read.epoch, read.seq, read.body, true);
        Some(message)
    }

    fn take(&mut self, epoch: &str, seq: u64, body: &[u8], from_redis: bool) {
        let last = self.last.get_or_insert_with(|| Taken {
            epoch: String::new(),
            seq,
            body: Vec::new(),
            from_redis,
        });
        // Reuses the buffers: this runs for every message on the usual path.
        if last.epoch != epoch {
            epoch.clone_into(&mut last.epoch);
        }
        last.seq = seq;
        last.body.clear();
        last.body.extend_from_slice(body);
        last.from_redis = from_redis;
    }

    /// The line to log at `now` about the messages refused since the last one, if due.
    pub(super) fn log_due(&mut self, now: Instant) -> Option<(u64, Refusal)> {
        self.refused.due(now)
    }

    /// The next moment [`Seen::check_due`] or [`Seen::log_due`] will have something.
    pub(super) fn wake(&self) -> Option<Instant> {
        let check = self.checked.filter(|_| self.owed).map(|at| at + CHECK_EVERY);
        match (check, self.refused.wake()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Why a message was not taken.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Refusal {
    /// A channel message that cannot be read.
    Channel(Flaw),
    /// A channel message that needed a check while checks were rate-limited.
    Unchecked { seq: u64 },
    /// A channel message that the hash, when read, did not confirm.
    Unconfirmed { seq: u64 },
    /// A message taken from the channel earlier, replaced by the hash's value.
    Overtaken { seq: u64 },
    /// The hash's own latest value cannot be read.
    Latest(Flaw),
}

/// What is wrong with a published message's text.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Flaw {
    /// Not `epoch seq body`.
    Malformed,
    /// The body's events cannot be decoded; why, cut short.
    Body(String),
}

impl std::fmt::Display for Flaw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Flaw::Malformed => f.write_str("not `epoch number body`"),
            Flaw::Body(why) => write!(f, "its events cannot be read ({why})"),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Channel(flaw) => write!(f, "a channel message: {flaw}"),
            Refusal::Unchecked { seq } => write!(
                f,
                "message number {seq} needed a check against the topic's hash while checks were \
                 limited to one per {} ms; one is made when allowed",
                CHECK_EVERY.as_millis()
            ),
            Refusal::Unconfirmed { seq } => {
                write!(f, "message number {seq} is not confirmed by the topic's hash")
            }
            Refusal::Overtaken { seq } => write!(
                f,
                "message number {seq}, taken from the channel, is not the one in the topic's hash, \
                 which replaced it"
            ),
            Refusal::Latest(flaw) => write!(f, "the latest value in the topic's hash cannot be used: {flaw}"),
        }
    }
}

/// Counts refusals and hands out one line about them at most every [`LOG_EVERY`].
#[derive(Default)]
pub(super) struct RefusalLog {
    /// Refused since the last line.
    count: u64,
    last: Option<Refusal>,
    /// When the last line was handed out.
    written: Option<Instant>,
}

impl RefusalLog {
    fn add(&mut self, refusal: Refusal) {
        self.count = self.count.saturating_add(1);
        self.last = Some(refusal);
    }

    /// The count and the latest reason since the last line, if any and if the interval
    /// has passed: the first refusal is told at once, a flood once per interval.
    fn due(&mut self, now: Instant) -> Option<(u64, Refusal)> {
        if self.count == 0 || self.written.is_some_and(|at| now < at + LOG_EVERY) {
            return None;
        }
        self.written = Some(now);
        let count = std::mem::take(&mut self.count);
        self.last.take().map(|last| (count, last))
    }

    /// When refusals counted since the last line are due; a first refusal, due at once,
    /// is found by the caller's next [`RefusalLog::due`] without waiting.
    fn wake(&self) -> Option<Instant> {
        self.written.filter(|_| self.count > 0).map(|at| at + LOG_EVERY)
    }
}

/// Splits and decodes a published message; nothing is taken from one that fails.
fn read(published: &[u8]) -> Result<Read<'_>, Flaw> {
    let (epoch, seq, body) = split(published).ok_or(Flaw::Malformed)?;
    let events = crate::event::codec::decode(body).map_err(|error| Flaw::Body(cut(error.to_string())))?;
    Ok(Read {
        epoch,
        seq,
        body,
        events,
    })
}

fn split(published: &[u8]) -> Option<(&str, u64, &[u8])> {
    let mut parts = published.splitn(3, |&b| b == b' ');
    let epoch = std::str::from_utf8(parts.next()?).ok()?;
    let seq = std::str::from_utf8(parts.next()?).ok()?.parse().ok()?;
    Some((epoch, seq, parts.next()?))
}

fn cut(mut text: String) -> String {
    if let Some((at, _)) = text.char_indices().nth(REASON_MAX) {
        text.truncate(at);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventKind, PatchElements};

    fn body(text: &str) -> Vec<u8> {
        crate::event::codec::encode(&[Event::from(PatchElements::new(format!("<p id=\"n\">{text}</p>")))])
    }

    fn published(epoch: &str, seq: u64, text: &str) -> Vec<u8> {
        let mut message = format!("{epoch} {seq} ").into_bytes();
        message.extend(body(text));
        message
    }

    fn text(message: &Message) -> String {
        match &message.events()[0].kind {
            EventKind::PatchElements(patch) => patch
                .elements
                .trim_start_matches("<p id=\"n\">")
                .trim_end_matches("</p>")
                .to_owned(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[track_caller]
    fn delivered(step: Step) -> String {
        match step {
            Step::Deliver(message) => text(&message),
            other => panic!("expected a delivery, got {other:?}"),
        }
    }

    /// A listener that read message `seq` of epoch `e` from the hash (after subscribing).
    fn after_hash(seq: u64) -> Seen {
        let mut seen = Seen::new();
        assert_eq!(latest(&mut seen, "e", seq, "start").as_deref(), Some("start"));
        seen
    }

    /// What the listener delivers after reading this value from the hash.
    fn latest(seen: &mut Seen, epoch: &str, seq: u64, text_: &str) -> Option<String> {
        seen.latest(Some(&published(epoch, seq, text_))).map(|m| text(&m))
    }

    #[test]
    fn published_messages_split_into_epoch_number_and_body() {
        assert_eq!(split(b"e1 42 {\"v\":1}"), Some(("e1", 42, &b"{\"v\":1}"[..])));
        assert_eq!(split(b"e1 x {}"), None);
        assert_eq!(split(b"e1 42"), None);
        assert_eq!(split(b"e1 18446744073709551616 {}"), None, "past u64");
        assert_eq!(split(b""), None);
    }

    #[test]
    fn the_next_numbers_within_the_window_are_taken_as_they_come() {
        let now = Instant::now();
        let mut seen = after_hash(5);
        assert_eq!(delivered(seen.channel(&published("e", 6, "six"), now)), "six");
        assert_eq!(
            delivered(seen.channel(&published("e", 6 + WINDOW, "edge"), now)),
            "edge"
        );
        // The copy that follows a read of the hash, and older messages after it: nothing.
        let mut seen = after_hash(5);
        assert!(matches!(seen.channel(&published("e", 5, "start"), now), Step::Nothing));
        assert!(matches!(seen.channel(&published("e", 4, "four"), now), Step::Nothing));
        assert_eq!(seen.log_due(now), None, "nothing about them is refused");
    }

    #[test]
    fn a_jump_past_the_window_another_epoch_or_nothing_taken_yet_is_checked_not_taken() {
        let now = Instant::now();
        for message in [
            published("e", 6 + WINDOW, "far"),
            published("e", u64::MAX, "max"),
            published("f", 6, "other epoch"),
        ] {
            let mut seen = after_hash(5);
            assert!(matches!(seen.channel(&message, now), Step::Check));
            let last = seen.last.as_ref().expect("still the one read");
            assert_eq!((last.epoch.as_str(), last.seq), ("e", 5));
        }
        let mut seen = Seen::new();
        assert!(matches!(seen.channel(&published("e", 1, "first"), now), Step::Check));
        assert!(seen.last.is_none());
    }

    #[test]
    fn a_forged_maximum_number_does_not_hide_the_genuine_messages_after_it() {
        let now = Instant::now();
        let mut seen = after_hash(5);
        assert!(matches!(
            seen.channel(&published("e", u64::MAX, "forged"), now),
            Step::Check
        ));
        // The hash still holds 5: nothing changes, and the forgery is counted.
        assert_eq!(latest(&mut seen, "e", 5, "start"), None);
        assert_eq!(delivered(seen.channel(&published("e", 6, "genuine"), now)), "genuine");
        assert_eq!(seen.log_due(now), Some((1, Refusal::Unconfirmed { seq: u64::MAX })));
    }

    #[test]
    fn an_unreadable_message_changes_nothing_not_even_the_check_budget() {
        let now = Instant::now();
        let mut seen = after_hash(5);
        for garbage in [
            b"e 18446744073709551615 not json".to_vec(),
            b"e 6 {\"v\":2,\"events\":[]}".to_vec(),
            b"no number".to_vec(),
            b"e -1 {}".to_vec(),
        ] {
            assert!(matches!(seen.channel(&garbage, now), Step::Nothing));
        }
        assert_eq!(seen.last.as_ref().map(|last| last.seq), Some(5));
        // The check budget is untouched: the next message that needs one gets it at once.
        assert!(matches!(
            seen.channel(&published("e", 1_000_000, "far"), now),
            Step::Check
        ));
        let (count, last) = seen.log_due(now).expect("a line");
        assert_eq!(count, 4);
        assert_eq!(last, Refusal::Channel(Flaw::Malformed));
    }

    #[test]
    fn the_hash_value_is_taken_whatever_its_jump_and_replaces_a_forged_one() {
        let now = Instant::now();
        let mut seen = after_hash(5);
        // A jump is fine when it comes from the hash.
        assert!(matches!(seen.channel(&published("e", 5000, "far"), now), Step::Check));
        assert_eq!(latest(&mut seen, "e", 5000, "far").as_deref(), Some("far"));
        assert_eq!(seen.log_due(now), None, "confirmed, so not refused");
        assert_eq!(delivered(seen.channel(&published("e", 5001, "next"), now)), "next");

        // A forgery within the window is taken (nothing tells it apart yet)...
        assert_eq!(
            delivered(seen.channel(&published("e", 5001 + WINDOW, "forged"), now)),
            "forged"
        );
        // ...and the next genuine message looks old, which asks for a check once the
        // last one is far enough behind...
        let genuine = published("e", 5002, "genuine");
        assert!(matches!(seen.channel(&genuine, now), Step::Nothing));
        assert!(seen.check_due(now + CHECK_EVERY));
        // ...whose answer replaces the forgery, though its number is lower.
        assert_eq!(latest(&mut seen, "e", 5002, "genuine").as_deref(), Some("genuine"));
        let later = now + CHECK_EVERY;
        assert_eq!(delivered(seen.channel(&published("e", 5003, "after"), later)), "after");
        assert_eq!(
            seen.log_due(later),
            Some((2, Refusal::Overtaken { seq: 5001 + WINDOW })),
            "the genuine message that waited, and the forgery"
        );

        // The same number with another body, after one taken from the channel: checked too.
        let later = now + 2 * CHECK_EVERY;
        assert!(matches!(
            seen.channel(&published("e", 5003, "twin"), later),
            Step::Check
        ));
        assert_eq!(latest(&mut seen, "e", 5003, "after"), None);
        // And then a message older than the confirmed one is no news.
        assert!(matches!(seen.channel(&genuine, later), Step::Nothing));
        assert!(!seen.check_due(later + CHECK_EVERY));
    }

    #[test]
    fn a_forgery_that_takes_the_next_number_gives_way_to_the_genuine_message_with_it() {
        let now = Instant::now();
        let mut seen = after_hash(5);
        assert_eq!(delivered(seen.channel(&published("e", 6, "forged"), now)), "forged");
        assert!(matches!(seen.channel(&published("e", 6, "genuine"), now), Step::Check));
        assert_eq!(latest(&mut seen, "e", 6, "genuine").as_deref(), Some("genuine"));
        assert_eq!(seen.log_due(now), Some((1, Refusal::Overtaken { seq: 6 })));
        assert_eq!(delivered(seen.channel(&published("e", 7, "next"), now)), "next");
    }

    #[test]
    fn a_forgery_before_any_genuine_message_cannot_pin_the_state() {
        let now = Instant::now();
        let mut seen = Seen::new();
        assert!(matches!(
            seen.channel(&published("e", u64::MAX, "forged"), now),
            Step::Check
        ));
        // Nothing was ever published: the hash has nothing, and nothing is recorded.
        assert!(seen.latest(None).is_none());
        assert!(seen.last.is_none());
        // The first genuine message is checked too, and taken from the hash.
        let later = now + CHECK_EVERY;
        assert!(matches!(
            seen.channel(&published("e", 1, "genuine"), later),
            Step::Check
        ));
        assert_eq!(latest(&mut seen, "e", 1, "genuine").as_deref(), Some("genuine"));
        assert_eq!(delivered(seen.channel(&published("e", 2, "two"), later)), "two");
    }

    #[test]
    fn checks_are_rate_limited_and_one_is_owed_for_the_messages_refused_meanwhile() {
        let start = Instant::now();
        let mut seen = after_hash(5);
        assert!(matches!(
            seen.channel(&published("e", u64::MAX, "a"), start),
            Step::Check
        ));
        assert_eq!(latest(&mut seen, "e", 5, "start"), None);
        assert!(seen.log_due(start).is_some(), "the first refusal is logged at once");
        // A flood within the interval: no more reads, each counted, one check owed.
        for n in 0..100 {
            let at = start + CHECK_EVERY / 2;
            assert!(matches!(
                seen.channel(&published("e", u64::MAX - n, "flood"), at),
                Step::Nothing
            ));
        }
        assert!(!seen.check_due(start + CHECK_EVERY / 2));
        assert_eq!(seen.wake(), Some(start + CHECK_EVERY));
        assert!(seen.check_due(start + CHECK_EVERY));
        assert!(!seen.check_due(start + CHECK_EVERY), "owed once, made once");
        // A genuine message of a new epoch (Redis restarted empty) among the flood arrives
        // through the owed check.
        let at = start + CHECK_EVERY + CHECK_EVERY / 2;
        assert!(matches!(
            seen.channel(&published("g", 1, "restarted"), at),
            Step::Nothing
        ));
        assert!(!seen.check_due(at));
        assert!(seen.check_due(start + 2 * CHECK_EVERY));
        assert_eq!(latest(&mut seen, "g", 1, "restarted").as_deref(), Some("restarted"));
        assert_eq!(seen.wake(), Some(start + LOG_EVERY), "only the log line waits");
        assert!(!seen.check_due(start + LOG_EVERY));
    }

    #[test]
    fn refusals_are_logged_once_per_interval_with_a_count_and_the_last_reason() {
        let start = Instant::now();
        let mut log = RefusalLog::default();
        assert_eq!(log.due(start), None);
        assert_eq!(log.wake(), None);
        log.add(Refusal::Channel(Flaw::Malformed));
        assert_eq!(log.due(start), Some((1, Refusal::Channel(Flaw::Malformed))));
        for seq in 0..1000 {
            log.add(Refusal::Unchecked { seq });
        }
        log.add(Refusal::Channel(Flaw::Body("bad".into())));
        assert_eq!(log.due(start + LOG_EVERY / 2), None);
        assert_eq!(log.wake(), Some(start + LOG_EVERY));
        assert_eq!(
            log.due(start + LOG_EVERY),
            Some((1001, Refusal::Channel(Flaw::Body("bad".into()))))
        );
        assert_eq!(log.due(start + 3 * LOG_EVERY), None, "nothing new, no line");
        log.add(Refusal::Unconfirmed { seq: 1 });
        assert_eq!(
            log.due(start + 3 * LOG_EVERY),
            Some((1, Refusal::Unconfirmed { seq: 1 }))
        );
    }

    #[test]
    fn a_reason_repeats_a_bounded_part_of_the_message() {
        let huge = format!(
            "e 1 {{\"v\":1,\"events\":[{{\"type\":\"console\",\"level\":\"{}\",\"message\":\"x\"}}]}}",
            "a".repeat(100_000)
        );
        let Err(Flaw::Body(why)) = read(huge.as_bytes()) else {
            panic!("the level is unknown")
        };
        assert!(why.chars().count() <= REASON_MAX + 1, "{} chars", why.len());
        assert!(Refusal::Channel(Flaw::Body(why)).to_string().len() < 400);
    }
}
