use datastar_runtime::fragment;

#[fragment]
fn greeting() -> &'static str {
    "<p id=\"greeting\">hi</p>"
}

fn main() {}
