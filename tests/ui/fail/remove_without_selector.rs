use datastar_runtime::fragment;

#[fragment(merge = "delete_element")]
fn dismiss() {}

fn main() {}
