use datastar_runtime::signals;

#[derive(serde::Serialize)]
struct Counter {
    count: u32,
}

#[signals(only_if_mising = true)]
fn counter() -> Counter {
    Counter { count: 1 }
}

fn main() {}
