// A route attribute stacked on a fragment (either order expands the same), with the
// signals extractor and state: the Node seed's `/put`.

#[put("/put")]
#[fragment]
async fn put_input(State(db): State<Db>, Signals(signals): Signals<Input>) -> Markup {
    db.set(&signals.input);
    let n = signals.input.chars().count();
    html! { div #output { "Your input: " (signals.input) ", is " (n) " long." } }
}
