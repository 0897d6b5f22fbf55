//! A typed page compiles and renders for every generation; nested signals, local signals
//! with a default, an action with typed path captures, and an attribute 0.19 lacks (an
//! error for 0.19 pages only).

use datastar_runtime::maud::Markup;
use datastar_runtime::page::{Id, Page, PageError, PageSyntax};
use datastar_runtime::{Dialect, Signals, delete, page, post};

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Address {
    city: String,
}

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Form {
    #[serde(rename = "userName")]
    user_name: String,
    #[signal(nested)]
    address: Address,
    #[serde(default)]
    _open: bool,
}

const RESULT: Id = Id::new("result");

#[post("/send")]
async fn send(datastar_runtime::Signals(form): datastar_runtime::Signals<Form>) -> String {
    form.address.city
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Item {
    list: String,
    item: u64,
}

#[delete("/lists/{list}/items/{item}")]
async fn remove(axum::extract::Path(item): axum::extract::Path<Item>) -> String {
    format!("{}/{}", item.list, item.item)
}

fn form(p: Page) -> Result<Markup, PageError> {
    let s = p.signals::<Form>();
    page!(p, {
        form data-signals=(Form::default()) data-indicator:busy {
            input data-bind=(s.address.city);
            button data-on:click=(p.action::<send>()) data-show=(s._open) { (s.user_name.path()) }
            div id=(RESULT) {}
            button data-on:click=(p.action_with::<remove>(Item { list: "a b".into(), item: 3 })?) {}
        }
    })
}

fn main() {
    let v1 = form(Page::new(Dialect::V1, "/app")).unwrap().into_string();
    assert!(v1.contains(r#"data-bind="address.city""#), "{v1}");
    assert!(v1.contains(r#"data-on:click="@post('/app/send')""#), "{v1}");
    assert!(v1.contains(r#"data-show="$_open""#), "{v1}");
    assert!(v1.contains(r#"data-on:click="@delete('/app/lists/a%20b/items/3')""#), "{v1}");
    assert!(v1.contains("{ userName: &quot;&quot;, address: { city: &quot;&quot; }, _open: false }"), "{v1}");
    let v021 = form(Page::new(Dialect::V021, "/app")).unwrap().into_string();
    assert!(v021.contains(r#"data-on-click="sse('/app/send', {method: 'post'})""#), "{v021}");
    assert!(v021.contains(r#"data-indicator-busy"#), "{v021}");
    let PageError::Attribute(error) = form(Page::new(Dialect::V019, "/app")).unwrap_err() else {
        panic!("the 0.19 page fails on its attribute")
    };
    assert_eq!(error.syntax, PageSyntax::V019);
    assert_eq!(error.attribute, "data-indicator:busy");
}
