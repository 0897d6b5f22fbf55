//! Every check, in one place: attribute arguments, `routes!` lists, pages and signals
//! structs become the `model`, and each mistake becomes an error at the tokens that
//! caused it, saying what to write instead. Checks go on after an error, so one build
//! reports every mistake.
//!
//! One file per thing checked: `fragment`, `signals`, `route` (a route attribute),
//! `routes` (a `routes!` list), `page` (a `page!`) and `derive` (`#[derive(Signals)]`);
//! the value readers they share are here.

mod derive;
mod fragment;
mod page;
mod route;
mod routes;
mod signals;

use datastar_syntax::closest;
use proc_macro2::TokenStream;
use syn::{FnArg, GenericParam, ReturnType, Type};

use crate::errors::Errors;
use crate::model::{self, Kind};
use crate::parse::{Arg, Args, Arguments, Attribute, Function, Stack, Value, Written};

pub use derive::signals_struct;
pub use page::page;
pub use routes::routes;

/// What the attributes of `stack` make of its function, or on errors (all recorded in
/// `errors`) whether a route attribute was written, so the expansion keeps the name
/// `routes!` looks for.
pub fn handler(stack: Stack, errors: &mut Errors) -> Result<model::Handler, Rejected> {
    let Stack { function, written, .. } = stack;
    let mut kind: Option<(Kind, Attribute)> = None;
    let mut route: Option<(model::Route, Attribute)> = None;
    let mut route_written = false;
    for Written { arguments, at } in written {
        let this = arguments.attribute();
        match arguments {
            Arguments::Route(method, args) => {
                route_written = true;
                let checked = args.and_then(|args| route::route(method, args, &at, errors));
                match (&route, checked) {
                    (Some((_, first)), _) => errors.at(
                        &at,
                        format!(
                            "one route attribute per function: this one already has `#[{}]`; write one handler per method and path",
                            first.name()
                        ),
                    ),
                    (None, Some(checked)) => route = Some((checked, this)),
                    (None, None) => {}
                }
            }
            Arguments::Fragment(args) => {
                let checked = Kind::Fragment(fragment::fragment(&args, &function, errors));
                one_kind(&mut kind, (checked, this), &at, errors);
            }
            Arguments::Signals(args) => {
                let checked = Kind::Signals(signals::signals(&args, &function, errors));
                one_kind(&mut kind, (checked, this), &at, errors);
            }
        }
    }
    let kind = kind.map_or(Kind::Plain, |(kind, _)| kind);
    let route = route.map(|(route, _)| route);
    shape(&function, &kind, route.is_some(), errors);
    if errors.any() {
        return Err(Rejected {
            function: Box::new(function),
            route_written,
        });
    }
    Ok(model::Handler { function, kind, route })
}

/// Records the kind an attribute gives the function, unless another gave it one.
fn one_kind(kind: &mut Option<(Kind, Attribute)>, this: (Kind, Attribute), at: &TokenStream, errors: &mut Errors) {
    match kind {
        Some((_, first)) if *first == this.1 => errors.at(
            at,
            format!("`#[{}]` is written twice on this function; keep one", this.1.name()),
        ),
        Some((_, first)) => errors.at(
            at,
            format!(
                "a function is a `#[fragment]` (it returns markup) or `#[signals]` (it returns signals), not both; this one is already a `#[{}]`",
                first.name()
            ),
        ),
        None => *kind = Some(this),
    }
}

/// A function with errors.
pub struct Rejected {
    /// The function as written, the crate's attributes taken off.
    pub function: Box<Function>,
    /// Whether it has a route attribute (valid or not).
    pub route_written: bool,
}

/// Checks the function itself: a free function, concrete if it is a route.
fn shape(function: &Function, kind: &Kind, is_route: bool, errors: &mut Errors) {
    let what = match kind {
        Kind::Fragment(_) => "`#[fragment]`",
        Kind::Signals(_) => "`#[signals]`",
        Kind::Plain => "a route attribute",
    };
    if let Some(FnArg::Receiver(receiver)) = function.sig.inputs.first() {
        errors.at(
            receiver,
            format!(
                "{what} goes on a free function, not a method: move it out of the `impl` block and pass what `self` held as an argument (for example `State`)"
            ),
        );
    }
    if is_route {
        let generic = function
            .sig
            .generics
            .params
            .iter()
            .find(|p| !matches!(p, GenericParam::Lifetime(_)));
        if let Some(generic) = generic {
            errors.at(
                generic,
                "a route handler cannot be generic: axum needs its extractor and return types; use concrete types, or route a wrapper that names them",
            );
        }
    }
}

/// The arguments with known keys, each once; unknown and repeated keys are errors.
fn unique<'a>(args: &'a Args, attribute: &str, keys: &[&'static str], errors: &mut Errors) -> Vec<&'a Arg> {
    let mut seen: Vec<&Arg> = Vec::new();
    for arg in &args.list {
        let key = arg.key.to_string();
        if !keys.contains(&key.as_str()) {
            let hint = closest(&key, keys.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            let all: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            errors.at(
                &arg.key,
                format!(
                    "unknown `#[{attribute}]` key `{key}`{hint}\n  = help: the keys are: {}",
                    all.join(", ")
                ),
            );
        } else if seen.iter().any(|s| s.key == arg.key) {
            errors.at(&arg.key, format!("duplicate key `{key}`; keep one"));
        } else {
            seen.push(arg);
        }
    }
    seen
}

fn value_tokens(arg: &Arg) -> TokenStream {
    match &arg.value {
        Some(value) => value.tokens(),
        None => {
            let key = &arg.key;
            quote::quote!(#key)
        }
    }
}

fn string(arg: &Arg, example: &str, errors: &mut Errors) -> Option<String> {
    match &arg.value {
        Some(Value::Str(lit)) => Some(lit.value()),
        None => {
            errors.at(&arg.key, format!("`{}` needs a value: `{example}`", arg.key));
            None
        }
        Some(other) => {
            errors.at(other.tokens(), format!("`{}` takes a string: `{example}`", arg.key));
            None
        }
    }
}

fn millis(arg: &Arg, example: &str, errors: &mut Errors) -> Option<u64> {
    let wrong = format!("`{}` takes a whole number of milliseconds: `{example}`", arg.key);
    match &arg.value {
        Some(Value::Int(lit)) if matches!(lit.suffix(), "" | "ms") => match lit.base10_parse::<u64>() {
            Ok(ms) => Some(ms),
            Err(_) => {
                errors.at(lit, wrong);
                None
            }
        },
        Some(other) => {
            errors.at(other.tokens(), wrong);
            None
        }
        None => {
            errors.at(&arg.key, format!("`{}` needs a value: `{example}`", arg.key));
            None
        }
    }
}

/// `key`, `key = true` or `key = false`.
fn flag(arg: &Arg, errors: &mut Errors) -> Option<bool> {
    match &arg.value {
        None => Some(true),
        Some(Value::Bool(lit)) => Some(lit.value),
        Some(other) => {
            errors.at(
                other.tokens(),
                format!("`{}` takes `true` or `false` (or the key alone for `true`)", arg.key),
            );
            None
        }
    }
}

/// Whether the function returns `()`, written or not.
fn returns_nothing(function: &Function) -> bool {
    match &function.sig.output {
        ReturnType::Default => true,
        ReturnType::Type(_, ty) => is_unit(ty),
    }
}

fn is_unit(ty: &Type) -> bool {
    match ty {
        Type::Tuple(tuple) => tuple.elems.is_empty(),
        Type::Paren(inner) => is_unit(&inner.elem),
        _ => false,
    }
}
