//! Every `#[fragment]` key, every word of both vocabularies: options as the events say them.

use datastar_runtime::maud::{Markup, html};
use datastar_runtime::{Dialect, IntoEvents, fragment};
use datastar_runtime::reply::EventWriter;

#[fragment]
fn plain() -> Markup {
    html! { p #plain { "plain" } }
}

#[fragment(
    selector = "#chart > g:not(.hidden), [data-id='3' i]",
    mode = "append",
    settle = 300ms,
    view_transition = true,
    namespace = "svg",
    id = "event-7",
    retry = 2500
)]
fn everything() -> Markup {
    html! { circle r="1" {} }
}

#[fragment(namespace = "mathml", view_transition = false, mode = "inner", selector = "#math")]
fn math() -> Markup {
    html! { mi { "x" } }
}

#[fragment(namespace = "html", merge = "upsertAttributes")]
fn camel() -> Markup {
    html! { main #main {} }
}

macro_rules! words {
    ($($key:ident = $word:literal => $name:ident),* $(,)?) => {$(
        #[fragment(selector = "#target", $key = $word)]
        fn $name() -> Markup {
            html! { p { "x" } }
        }
    )*};
}

words!(
    merge = "morph" => merge_morph,
    merge = "inner" => merge_inner,
    merge = "outer" => merge_outer,
    merge = "prepend" => merge_prepend,
    merge = "append" => merge_append,
    merge = "before" => merge_before,
    merge = "after" => merge_after,
    merge = "upsert_attributes" => merge_upsert,
    merge = "morph_element" => merge_morph_element,
    merge = "inner_element" => merge_inner_element,
    merge = "outer_element" => merge_outer_element,
    merge = "prepend_element" => merge_prepend_element,
    merge = "append_element" => merge_append_element,
    merge = "before_element" => merge_before_element,
    merge = "after_element" => merge_after_element,
    mode = "outer" => mode_outer,
    mode = "inner" => mode_inner,
    mode = "replace" => mode_replace,
    mode = "prepend" => mode_prepend,
    mode = "append" => mode_append,
    mode = "before" => mode_before,
    mode = "after" => mode_after,
);

#[fragment(selector = "#toast", merge = "delete_element")]
fn delete_element() {}

#[fragment(selector = "#toast", mode = "remove")]
fn remove() -> () {}

fn bytes(dialect: Dialect, value: impl IntoEvents) -> String {
    let mut out = EventWriter::new(dialect);
    value.write_events(&mut out);
    String::from_utf8(out.finish().ready.to_vec()).unwrap()
}

fn main() {
    assert_eq!(
        bytes(Dialect::V1, plain()),
        "event: datastar-patch-elements\ndata: elements <p id=\"plain\">plain</p>\n\n"
    );
    assert_eq!(
        bytes(Dialect::V1, everything()),
        "event: datastar-patch-elements\nid: event-7\nretry: 2500\n\
         data: selector #chart > g:not(.hidden), [data-id='3' i]\ndata: mode append\ndata: namespace svg\n\
         data: useViewTransition true\ndata: elements <circle r=\"1\"></circle>\n\n"
    );
    assert!(bytes(Dialect::V1, math()).contains("data: namespace mathml\n"));
    assert!(bytes(Dialect::V019, camel()).contains("data: merge upsert_attributes\n"));
    assert!(bytes(Dialect::V019, merge_outer()).contains("data: merge outer\n"));
    assert!(bytes(Dialect::V1, merge_outer()).contains("data: mode replace\n"));
    assert!(bytes(Dialect::V1, mode_outer()).starts_with("event: datastar-patch-elements\ndata: selector #target\ndata: elements"));
    assert_eq!(
        bytes(Dialect::V1, delete_element()),
        "event: datastar-patch-elements\ndata: selector #toast\ndata: mode remove\n\n"
    );
    assert_eq!(bytes(Dialect::V1, remove()), bytes(Dialect::V1, delete_element()));
    let _ = (
        merge_morph(), merge_inner(), merge_prepend(), merge_append(), merge_before(), merge_after(),
        merge_upsert(), merge_morph_element(), merge_inner_element(), merge_outer_element(),
        merge_prepend_element(), merge_append_element(), merge_before_element(), merge_after_element(),
        mode_inner(), mode_replace(), mode_prepend(), mode_append(), mode_before(), mode_after(),
    );
}
