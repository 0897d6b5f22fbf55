//! What the demo binary's tests share: starting the real binary.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// The demo binary cargo built for this test, on a free port with feeds every `feed_ms`
/// milliseconds; its address from its banner.
pub fn start_demo(feed_ms: &str) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(["--port", "0", "--feed-ms", feed_ms])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the demo binary starts");
    let mut banner = String::new();
    BufReader::new(child.stdout.as_mut().expect("stdout"))
        .read_line(&mut banner)
        .expect("the banner");
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("no address in the banner {banner:?}"));
    (child, addr)
}
