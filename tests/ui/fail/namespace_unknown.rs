use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(namespace = "svgg", selector = "#chart")]
fn dot() -> Markup {
    html! { circle r="2" {} }
}

fn main() {}
