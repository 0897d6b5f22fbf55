//! Typed pages refuse, at compile time: a signal the struct lacks, an action to a function
//! that is not a route, 0.x attribute spellings (1.0 ignores them), and untyped signals.

use datastar_runtime::maud::Markup;
use datastar_runtime::page::{Page, PageError};
use datastar_runtime::{Signals, get, page};

#[derive(Signals, serde::Serialize, serde::Deserialize, Default)]
struct Form {
    input: String,
}

#[get("/save")]
async fn save() -> &'static str {
    "saved"
}

fn not_a_route() {}

fn unknown_signal(p: Page) -> Result<Markup, PageError> {
    let s = p.signals::<Form>();
    page!(p, { input data-bind=(s.inptu); })
}

fn action_to_a_plain_function(p: Page) -> Result<Markup, PageError> {
    page!(p, { button data-on:click=(p.action::<not_a_route>()) {} })
}

fn old_syntax(p: Page) -> Result<Markup, PageError> {
    page!(p, { button data-on-click=(p.action::<save>()) {} span data-on-load="x" {} })
}

fn untyped_signals(p: Page) -> Result<Markup, PageError> {
    page!(p, { main data-signals="{ input: '' }" { input data-bind="input"; } })
}

fn main() {}
