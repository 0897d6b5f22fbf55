use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

// A run-time selector is a string: `format!("#row_{id}")`, not the id.
#[fragment(selector = id)]
fn row(id: u32) -> Markup {
    html! { tr { td { (id) } } }
}

fn main() {}
