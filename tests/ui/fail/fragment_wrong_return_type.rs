use datastar_runtime::fragment;

#[fragment]
fn greeting() -> String {
    "<p id=\"greeting\">hi</p>".to_owned()
}

fn main() {}
