//! A test that runs alone in a process of its own: this binary again, asked for that one
//! test, for a measurement of the whole process that other tests running beside it would
//! disturb (the counting global allocator of `allocations`).

use std::process::Command;

/// Set in the process [`elsewhere`] starts, where the test's body runs.
const ALONE: &str = "DATASTAR_RUNTIME_TEST_ALONE";

/// In the test process: runs the test `name` (its path in this binary, `module::test`) alone
/// in a new process, fails if it failed there or did not run at all, and returns true. In
/// that new process: returns false, and the caller goes on with the test's body.
pub fn elsewhere(name: &str) -> bool {
    if std::env::var_os(ALONE).is_some() {
        return false;
    }
    let me = std::env::current_exe().expect("the test binary");
    let output = Command::new(me)
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(ALONE, "1")
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{name} failed in its own process:\n{stdout}\n{stderr}"
    );
    // A name that matches no test passes too, having run nothing.
    assert!(
        stdout.contains("test result: ok. 1 passed;"),
        "{name} did not run in its own process; is that its path in this binary?\n{stdout}"
    );
    true
}
