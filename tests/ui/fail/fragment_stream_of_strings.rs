use datastar_runtime::fragment;
use futures_util::Stream;

#[fragment]
fn ticks() -> impl Stream<Item = String> + Send + 'static {
    futures_util::stream::iter(["<p id=\"t\">1</p>".to_owned()])
}

fn main() {}
