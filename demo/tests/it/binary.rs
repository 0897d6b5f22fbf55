//! The demo binary cargo built for these tests, started on a free port.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, ChildStdout, Command, Stdio};

/// The demo binary with feeds every `feed_ms` milliseconds; its address from its banner.
pub fn start_demo(feed_ms: &str) -> (Child, SocketAddr) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_demo"));
    command.args(["--feed-ms", feed_ms]);
    let (mut child, addr, stdout) = start(command);
    // Kept open: the demo's later lines must not meet a closed pipe.
    child.stdout = Some(stdout.into_inner());
    (child, addr)
}

/// Starts `command` (the demo binary with its arguments and environment) on a free port;
/// its address from its banner, and the rest of its standard output to read on.
pub fn start(mut command: Command) -> (Child, SocketAddr, BufReader<ChildStdout>) {
    let mut child = command
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the demo binary starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut banner = String::new();
    stdout.read_line(&mut banner).expect("the banner");
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("no address in the banner {banner:?}"));
    (child, addr, stdout)
}

/// A running demo, stopped when dropped, also when an assertion fails.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
