// A typed page: a route without captures (its actions spelled when the attribute
// compiles) and one with captures, and `page!` compiled once per page syntax (0.19 lacks
// `data-indicator`, so its arm is an error). `Form` is `signals_derive.rs`'s.

#[post("/send")]
async fn send(Signals(form): Signals<Form>) -> String {
    form.address.city
}

#[delete("/items/{item}")]
async fn remove(Path(item): Path<u64>) -> String {
    item.to_string()
}

fn form(p: Page) -> Result<Markup, PageError> {
    let s = p.signals::<Form>();
    page!(p, {
        form data-signals=(Form::default()) data-indicator:busy {
            input data-bind=(s.address.city);
            button data-on:click=(p.action::<send>()) data-show=(s._open) { "Send" }
            button data-on:click=(p.action_with::<remove>(3)?) { "Remove" }
        }
    })
}
