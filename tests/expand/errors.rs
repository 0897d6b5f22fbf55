// On errors the function is emitted as written (its callers and the IDE keep working),
// followed by one `compile_error!` per mistake.

#[fragment(selectr = "#main", mode = "morph")]
fn greeting() -> Markup {
    html! { p { "hi" } }
}
