fn greeting() -> Markup {
    html! {
        p { "hi" }
    }
}
::core::compile_error! {
    "unknown `#[fragment]` key `selectr`; did you mean `selector`?\n  = help: the keys are: `selector`, `merge`, `mode`, `settle`, `view_transition`, `namespace`, `id`, `retry`"
}
::core::compile_error! {
    "unknown `mode` word `morph`\n  = note: `morph` is a 0.x (2024, 0.19, 0.21) word, for `merge`; it means morph, which `mode` spells `outer`\n  = note: mind the `outer` trap: in `merge` (0.x words) `outer` replaces the target; in `mode` (1.0 words) it morphs it\n  = help: the `mode` words are: `outer`, `inner`, `replace`, `prepend`, `append`, `before`, `after`, `remove`"
}
