//! A client that stops reading a slow feed is found by asking it: over HTTP/2 only.
//!
//! The write timeout ([`WriteTimeout`](crate::server::stall::WriteTimeout)) starts only
//! once a write waits, and on a slow feed none ever does: the client's kernel keeps
//! acknowledging what its application leaves unread. Nor does the TCP state the server
//! can read tell such a client from one that reads. Measured on Linux 6.18 over loopback
//! (`tcp_info` through `sock_diag`, 95-byte events): at one event a second the window a
//! never-reading client advertises was 65,536 bytes at every sample for five minutes,
//! exactly a reading client's, its right edge moving on with every acknowledgement; at
//! one every 10 ms it stayed there for 90 s, then fell to 24,576 and stayed there. The
//! receiver never shrinks the window it offered and rounds it up to its scale unit
//! (128 bytes to 1 KiB on Linux), so an acknowledgement of less than that unit hands the
//! window back whole; and rather than close it, the kernel grows the receive buffer of a
//! socket nobody reads, up to `tcp_rmem`'s maximum (6 MiB by default). The window falls
//! steadily only when each acknowledgement covers more than the unit (2 KiB events, or
//! 10 ms to a client whose unit is 128 bytes: zero within 16 s, and then the write
//! timeout takes over). So on HTTP/1.1, which has nothing a client must answer, such a
//! client holds its connection until its buffers are full, hours on a slow feed; the
//! connection cap is what bounds how many it holds.
//!
//! HTTP/2 has PING, which only a client that reads can answer. A connection the client
//! has sent nothing on for half the bound is pinged, and closed if the answer has not
//! come within the other half. A client that sends frames without reading is not
//! caught: this bounds a frozen or broken client, not a determined one, which could as
//! well read its feeds at a few bytes a second.

use std::time::Duration;

/// When to ping a connection that has sent nothing, and how long to wait for the answer,
/// for connections closed `bound` after their client last sent anything; `None` for a
/// zero bound, which turns the pings off.
pub(crate) fn ping_schedule(bound: Duration) -> Option<(Duration, Duration)> {
    if bound.is_zero() {
        return None;
    }
    let interval = bound / 2;
    // What division dropped goes to the wait, so the two add up to the bound exactly.
    Some((interval, bound - interval))
}

/// Has an HTTP/2 connection pinged and closed as [`ping_schedule`] says.
pub(crate) fn configure<E>(http2: &mut hyper::server::conn::http2::Builder<E>, bound: Duration) {
    if let Some((interval, wait)) = ping_schedule(bound) {
        http2.keep_alive_interval(interval).keep_alive_timeout(wait);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ping_comes_halfway_and_its_wait_fills_the_rest_of_the_bound() {
        let (interval, wait) = ping_schedule(Duration::from_secs(60)).expect("on");
        assert_eq!((interval, wait), (Duration::from_secs(30), Duration::from_secs(30)));
        let odd = Duration::from_nanos(7);
        let (interval, wait) = ping_schedule(odd).expect("on");
        assert_eq!(interval + wait, odd);
        assert!(interval > Duration::ZERO);
    }

    #[test]
    fn a_zero_bound_sends_no_ping() {
        assert_eq!(ping_schedule(Duration::ZERO), None);
    }
}
