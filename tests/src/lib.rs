//! What the workspace's tests share, compiled once for all of them: a real server on a
//! free port and a real HTTP client (`http_support`), hand-written HTTP/2 and a server in a
//! child process (`hardening_support`), what a process holds (`process`), a real
//! `redis-server` (`redis_support`), what the browser tests need on this machine
//! (`browser_setup`), and interleaved timing for the benchmarks (`timing`).

pub mod browser_setup;
pub mod hardening_support;
pub mod http_support;
pub mod process;
pub mod redis_support;
pub mod timing;
