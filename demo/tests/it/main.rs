//! The demo's integration tests as modules of one binary: the real demo binary started as
//! a process, over TCP (the clients it serves, its memory under clients that never read,
//! SIGTERM).

mod binary;

mod clients;
mod memory;
mod shutdown;
