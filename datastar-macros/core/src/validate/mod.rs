//! Every check, in one place: attribute arguments and `routes!` lists become the `model`,
//! and each mistake becomes an error at the tokens that caused it, saying what to write
//! instead. Checks go on after an error, so one build reports every mistake.
//!
//! One file per thing checked: `fragment`, `signals`, `route` (a route attribute) and
//! `routes` (a `routes!` list); the value readers they share are here.

mod fragment;
mod route;
mod routes;
mod signals;

use datastar_syntax::closest;
use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{FnArg, GenericParam, ReturnType, Type};

use crate::errors::Errors;
use crate::model::{self, Kind};
use crate::parse::{Arg, Args, Function, Known, Value};

pub use routes::routes;

/// A crate attribute on the function: the one being expanded, or one stacked with it.
pub struct Found {
    pub known: Known,
    pub args: TokenStream,
    /// The attribute's tokens, for errors about it as a whole (empty for the attribute
    /// being expanded, whose errors go to the call site, which is that attribute).
    pub at: TokenStream,
}

/// What the attributes make of `function`, or on errors (all recorded in `errors`) whether
/// a route attribute was written, so the expansion keeps the name `routes!` looks for.
pub fn handler(function: &Function, found: Vec<Found>, errors: &mut Errors) -> Result<Handled, Rejected> {
    let mut kind: Option<(Kind, &'static str)> = None;
    let mut route: Option<(model::Route, &'static str)> = None;
    let mut route_written = false;
    for attribute in found {
        match attribute.known {
            Known::Fragment | Known::Signals => {
                let name = if matches!(attribute.known, Known::Fragment) {
                    "fragment"
                } else {
                    "signals"
                };
                let args = match syn::parse2::<Args>(attribute.args) {
                    Ok(args) => args,
                    Err(error) => {
                        errors.push(error);
                        Args { list: Vec::new() }
                    }
                };
                let this = if name == "fragment" {
                    Kind::Fragment(fragment::fragment(&args, function, errors))
                } else {
                    Kind::Signals(signals::signals(&args, function, errors))
                };
                match &kind {
                    Some((_, first)) if *first == name => {
                        errors.at(&attribute.at, format!("`#[{name}]` is written twice on this function; keep one"))
                    }
                    Some((_, first)) => errors.at(
                        &attribute.at,
                        format!(
                            "a function is a `#[fragment]` (it returns markup) or `#[signals]` (it returns signals), not both; this one is already a `#[{first}]`"
                        ),
                    ),
                    None => kind = Some((this, name)),
                }
            }
            Known::Route(method) => {
                let name = method.name();
                let this = route::route(method, attribute.args, &attribute.at, errors);
                match (&route, this) {
                    (Some((_, first)), _) => errors.at(
                        &attribute.at,
                        format!(
                            "one route attribute per function: this one already has `#[{first}]`; write one handler per method and path"
                        ),
                    ),
                    (None, Some(this)) => route = Some((this, name)),
                    (None, None) => {}
                }
                route_written = true;
            }
        }
    }
    let kind = kind.map_or(Kind::Plain, |(kind, _)| kind);
    let route = route.map(|(route, _)| route);
    shape(function, &kind, route.is_some(), errors);
    if errors.any() {
        return Err(Rejected { route_written });
    }
    Ok(Handled { kind, route })
}

/// A valid function's kind and route.
pub struct Handled {
    pub kind: Kind,
    pub route: Option<model::Route>,
}

/// A function with errors.
pub struct Rejected {
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

/// The span of a function's return type, or of its name when it has none: where errors
/// about the value it returns belong.
pub fn return_span(function: &Function) -> Span {
    match &function.sig.output {
        ReturnType::Type(_, ty) => ty.span(),
        ReturnType::Default => function.sig.ident.span(),
    }
}
