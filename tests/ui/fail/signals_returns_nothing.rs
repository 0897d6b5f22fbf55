use datastar_runtime::signals;

#[signals]
fn counter() {}

fn main() {}
