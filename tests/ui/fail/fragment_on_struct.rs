use datastar_runtime::fragment;

#[fragment(selector = "#main")]
struct Greeting;

fn main() {}
