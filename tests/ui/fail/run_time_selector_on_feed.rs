use datastar_runtime::fragment;
use datastar_runtime::maud::{Markup, html};
use futures_util::Stream;

#[fragment(selector = format!("#feed_{n}"))]
fn ticks(n: u32) -> impl Stream<Item = Markup> + Send + 'static {
    futures_util::stream::iter([html! { p { (n) } }])
}

fn main() {}
