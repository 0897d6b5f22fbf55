//! `#[derive(Signals)]` refuses what would make the page's signals and the handler's
//! `Signals<T>` disagree: a local signal the handler requires, a field the page would
//! leave out, renamed keys, and structs that are not named-field structs.

use datastar_runtime::Signals;

#[derive(Signals, serde::Serialize, serde::Deserialize)]
struct Local {
    _open: bool,
}

#[derive(Signals, serde::Serialize, serde::Deserialize)]
struct Skipped {
    #[serde(skip_serializing_if = "String::is_empty")]
    input: String,
}

#[derive(Signals, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Renamed {
    user_name: String,
}

#[derive(Signals, serde::Serialize, serde::Deserialize)]
struct Tuple(String);

fn main() {}
