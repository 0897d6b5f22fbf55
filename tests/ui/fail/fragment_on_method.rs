use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};

struct Page {
    title: String,
}

impl Page {
    #[fragment]
    fn title(&self) -> Markup {
        html! { h1 #title { (self.title) } }
    }
}

fn main() {}
