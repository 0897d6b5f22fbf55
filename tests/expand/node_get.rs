// The Node seed's `/get`: two fragments composed into one reply, routed with `routes!`.

#[fragment]
fn output2(db: &Db) -> Markup {
    html! { div #output2 { "Backend State: " (db.dump()) "." } }
}

#[fragment(selector = "#main", merge = "prepend_element")]
fn output3() -> Markup {
    html! { div #output3 { "Check this out!" } }
}

#[get("/get")]
async fn get_state(State(db): State<Db>) -> impl IntoEvents {
    (output2(&db), output3())
}

fn app(db: Db) -> Router {
    routes![index, put_input, get_state, feed].with_state(db)
}
