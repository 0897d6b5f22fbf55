use datastar_runtime::signals;

struct Counter {
    count: u32,
}

#[signals]
fn counter() -> Counter {
    Counter { count: 1 }
}

fn main() {}
