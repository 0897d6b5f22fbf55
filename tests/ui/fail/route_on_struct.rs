use datastar_runtime::get;

#[get("/")]
pub struct Index;

fn main() {}
