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

/// A handler more visible than the `Path<T>` it reads (a `routes!` outside the module could
/// not name it: rustc's "type `Params` is private", as for any axum handler).
#[allow(private_interfaces)]
mod users {
    use datastar_runtime::get;
    use datastar_runtime::page::{Action, Page, PageError};

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Params {
        id: u32,
    }

    #[get("/users/{id}")]
    pub async fn user(axum::extract::Path(params): axum::extract::Path<Params>) -> String {
        params.id.to_string()
    }

    pub fn link(p: Page) -> Result<Action, PageError> {
        p.action_with::<user>(Params { id: 7 })
    }

    pub fn router() -> axum::Router {
        datastar_runtime::routes![user]
    }
}

fn main() {
    let _router = users::router();
    let link = users::link(Page::new(Dialect::V1, "")).unwrap();
    assert_eq!(datastar_runtime::maud::html! { (link) }.into_string(), "@get('/users/7')");
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
