use datastar_runtime::get;
use datastar_runtime::maud::{Markup, html};

#[get("/show")]
async fn show<T: Default + std::fmt::Display>() -> Markup {
    html! { p { (T::default()) } }
}

fn main() {}
