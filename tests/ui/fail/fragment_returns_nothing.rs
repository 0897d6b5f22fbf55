use datastar_runtime::fragment;
use datastar_runtime::maud::html;

#[fragment(selector = "#main")]
fn greeting() {
    let _ = html! { p { "hi" } };
}

fn main() {}
