//! What a process holds, read from Linux's `/proc`: its resident memory, its open files, and
//! how many it may open, for the tests that measure a server or need many connections.

/// The resident memory of process `pid`, in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the process's status");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).expect("a VmRSS line");
    line.split_whitespace()
        .nth(1)
        .and_then(|kib| kib.parse().ok())
        .expect("a number")
}

/// How many files process `pid` has open.
pub fn open_files(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("the process's descriptors")
        .count()
}

/// How many files this process may open (its soft limit, `ulimit -n`), from the kernel's
/// table of its limits.
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Whether this process may open `needed` files. When it may not, a test skips, saying
/// so, or under CI (`CI=true`) fails: a test that did not run must never read as passed
/// where it is meant to run.
pub fn may_open(needed: usize) -> bool {
    match open_files_limit() {
        Some(limit) if limit < needed => {
            let message =
                format!("SKIPPED: this test needs {needed} open files; the soft limit is {limit} (ulimit -n)");
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
            eprintln!("{message}");
            false
        }
        _ => true,
    }
}
