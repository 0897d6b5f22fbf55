use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

// On an error the function is still emitted as written, so its callers type-check and
// the only message is the one about the attribute.
#[fragment(selector = "#main", mode = "prepnd")]
fn greeting() -> Markup {
    html! { p { "hi" } }
}

fn main() {
    let markup: Markup = greeting();
    let _ = markup.into_string();
}
