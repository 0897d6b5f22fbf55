//! The demo: both seed backends restated with the Datastar DSL.

fn main() {}
