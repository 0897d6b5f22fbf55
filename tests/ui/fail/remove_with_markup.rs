use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

#[fragment(selector = "#toast", mode = "remove")]
fn dismiss() -> Markup {
    html! { div #toast {} }
}

fn main() {}
