//! The macros' input as written: attribute arguments, the annotated function with the
//! crate's attributes stacked on it, the `routes![...]` list, the `page!` input and the
//! struct under `#[derive(Signals)]`. Syntax only; every judgement is in `validate`.

mod args;
mod attribute;
mod derive;
mod item;
mod page;
mod routes;

pub use args::{Arg, Args, RouteArgs, Value};
pub use attribute::{Arguments, Attribute, Stack, Written, stack};
pub use derive::{Key, KeyValue, Shape, SignalsInput, signals_input};
pub use item::{Function, Item};
pub use page::PageInput;
pub use routes::{ROUTES_EXAMPLE, RouteList, RouteOption};
