// `#[signals]`, a feed (a stream of markup) and a removing fragment, routed in the 0.19
// dialect.

#[signals(only_if_missing)]
#[patch("/counter")]
fn counter(Query(page): Query<Page>) -> Counter {
    Counter { count: page.n }
}

#[get("/feed")]
#[fragment]
fn feed() -> impl Stream<Item = Markup> + Send + 'static {
    ticks().map(|n| html! { span #feed { (n) } })
}

#[delete("/toast")]
#[fragment(selector = "#toast", merge = "delete_element")]
async fn dismiss(State(db): State<Db>) {
    db.dismiss_toast().await;
}

fn app() -> Router<Db> {
    routes![dialect = Dialect::V019; counter, feed, dismiss]
}
