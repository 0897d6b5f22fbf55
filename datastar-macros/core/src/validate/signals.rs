//! `#[signals(…)]`: its one key, and a value to send.

use super::{flag, returns_nothing, unique};
use crate::errors::Errors;
use crate::model;
use crate::parse::{Args, Function};

const KEYS: &[&str] = &["only_if_missing"];

pub(super) fn signals(args: &Args, function: &Function, errors: &mut Errors) -> model::Signals {
    let mut spec = model::Signals::default();
    for arg in unique(args, "signals", KEYS, errors) {
        if arg.key == "only_if_missing" {
            spec.only_if_missing = flag(arg, errors).unwrap_or(false);
        }
    }
    if returns_nothing(function) {
        let ident = &function.sig.ident;
        errors.at(
            ident,
            "a `#[signals]` function returns the signals to patch, and this one returns nothing\n  = help: return a value that serialises to a JSON object, like a `#[derive(Serialize)]` struct",
        );
    }
    spec
}
