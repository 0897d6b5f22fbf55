use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{fragment, signals};

#[fragment]
#[signals]
fn both() -> Markup {
    html! { p #both { "hi" } }
}

fn main() {}
