// Options computed when the event is built: a removal by a run-time id (a pattern
// parameter, matched again by reference), a selector and id from plain parameters, and a
// `Signals<T>` parameter whose `T` is checked where it is written.

#[delete("/contacts/{id}")]
#[fragment(selector = format!("#contact_{id}"), mode = "remove")]
async fn delete_contact(State(db): State<Db>, Path(id): Path<u32>) {
    db.delete(id).await;
}

#[fragment(selector = format!("#row_{n}"), id = format!("row-{n}"))]
fn row(n: u32) -> Markup {
    html! { tr { td { (n) } } }
}

#[post("/search")]
#[fragment(selector = "#results", mode = "inner")]
async fn search(Signals(search): Signals<Search>) -> Markup {
    html! { p { (search.query) } }
}
