//! What the workspace's tests share, compiled once for all of them, beside the test kit
//! (`datastar_runtime::test`): raw HTTP/1.1, a general HTTP client and log collection
//! (`http_support`), hand-written HTTP/2 and a server in a child process
//! (`hardening_support`), what a process holds (`process`), a real `redis-server`
//! (`redis_support`), what the browser tests need on this machine (`browser_setup`), and
//! interleaved timing for the benchmarks (`timing`).

pub mod browser_setup;
pub mod hardening_support;
pub mod http_support;
pub mod process;
pub mod redis_support;
pub mod timing;
