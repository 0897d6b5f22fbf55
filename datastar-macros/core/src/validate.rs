//! Every check, in one place: attribute arguments become the `model`, and each mistake
//! becomes an error at the tokens that caused it, saying what to write instead. Checks go
//! on after an error, so one build reports every mistake.

use datastar_syntax::{Mode, ModeParseError, Vocabulary, closest};
use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{FnArg, GenericParam, ReturnType, Type};

use crate::errors::Errors;
use crate::model::{self, Kind, Method, Namespace};
use crate::parse::{Arg, Args, Function, Known, RouteArgs, Value};
use crate::{route_path, selector};

/// A crate attribute on the function: the one being expanded, or one stacked with it.
pub struct Found {
    pub known: Known,
    pub args: TokenStream,
    /// The attribute's tokens, for errors about it as a whole (empty for the attribute
    /// being expanded, whose errors go to the call site, which is that attribute).
    pub at: TokenStream,
}

/// What the attributes make of `function`, or `None` on errors (all recorded in `errors`).
pub fn handler(function: &Function, found: Vec<Found>, errors: &mut Errors) -> Option<(Kind, Option<model::Route>)> {
    let mut kind: Option<(Kind, &'static str)> = None;
    let mut route: Option<(model::Route, &'static str)> = None;
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
                    Kind::Fragment(fragment(&args, function, errors))
                } else {
                    Kind::Signals(signals(&args, function, errors))
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
            Known::Route(name) => {
                let this = route_attribute(name, attribute.args, &attribute.at, errors);
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
            }
        }
    }
    let kind = kind.map_or(Kind::Plain, |(kind, _)| kind);
    let route = route.map(|(route, _)| route);
    shape(function, &kind, route.is_some(), errors);
    if errors.any() {
        return None;
    }
    Some((kind, route))
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

const FRAGMENT_KEYS: &[&str] = &[
    "selector",
    "merge",
    "mode",
    "settle",
    "view_transition",
    "namespace",
    "id",
    "retry",
];

fn fragment(args: &Args, function: &Function, errors: &mut Errors) -> model::Fragment {
    let mut spec = model::Fragment::default();
    let mut mode_at: Option<(&Arg, Vocabulary)> = None;
    // Whether the function must return markup depends on the mode: unknown, check neither.
    let mut mode_unknown = false;
    for arg in unique(args, "fragment", FRAGMENT_KEYS, errors) {
        match arg.key.to_string().as_str() {
            "selector" => spec.selector = string(arg, "selector = \"#main\"", errors).and_then(|s| css(arg, s, errors)),
            key @ ("merge" | "mode") => {
                let vocabulary = if key == "merge" {
                    Vocabulary::Merge
                } else {
                    Vocabulary::Mode
                };
                if let Some((first, _)) = mode_at {
                    errors.at(
                        &arg.key,
                        format!(
                            "`merge` and `mode` both say how the fragment is patched; keep one (`{}` is already set)\n  = help: `merge` takes the 0.x words (`prepend_element`, `morph`, …), `mode` the 1.0 words (`prepend`, `outer`, …); both serve every dialect",
                            first.key
                        ),
                    );
                    continue;
                }
                let example = if key == "merge" {
                    "merge = \"prepend_element\""
                } else {
                    "mode = \"prepend\""
                };
                match string(arg, example, errors).map(|word| Mode::parse(vocabulary, &word)) {
                    Some(Ok(mode)) => spec.mode = mode,
                    Some(Err(error)) => {
                        errors.at(value_tokens(arg), mode_error(&error));
                        mode_unknown = true;
                    }
                    None => mode_unknown = true,
                }
                mode_at = Some((arg, vocabulary));
            }
            "settle" => spec.settle_ms = millis(arg, "settle = 300", errors),
            "view_transition" => spec.view_transition = flag(arg, errors).unwrap_or(false),
            "namespace" => {
                if let Some(word) = string(arg, "namespace = \"svg\"", errors) {
                    spec.namespace = match word.as_str() {
                        "html" => Namespace::Html,
                        "svg" => Namespace::Svg,
                        "mathml" => Namespace::MathMl,
                        _ => {
                            let hint = closest(&word, ["html", "svg", "mathml"])
                                .map(|s| format!("; did you mean `{s}`?"))
                                .unwrap_or_default();
                            errors.at(
                                value_tokens(arg),
                                format!("unknown namespace `{word}`{hint}\n  = help: write `svg` or `mathml` (`html` is the default)"),
                            );
                            Namespace::Html
                        }
                    }
                }
            }
            "id" => {
                spec.id = string(arg, "id = \"feed\"", errors).filter(|id| {
                    let clean = !id.contains(['\n', '\r']);
                    if !clean {
                        errors.at(
                            value_tokens(arg),
                            "the event `id` is sent on one SSE line; remove the line break",
                        );
                    }
                    clean
                })
            }
            "retry" => spec.retry_ms = millis(arg, "retry = 5000", errors),
            _ => {}
        }
    }
    let returns_nothing = match &function.sig.output {
        ReturnType::Default => true,
        ReturnType::Type(_, ty) => is_unit(ty),
    };
    if spec.mode == Mode::Remove {
        let (arg, vocabulary) = mode_at.expect("the remove mode comes from a key");
        let word = if vocabulary == Vocabulary::Merge {
            "merge = \"delete_element\""
        } else {
            "mode = \"remove\""
        };
        if spec.selector.is_none() {
            errors.at(
                value_tokens(arg),
                format!(
                    "`{word}` removes the elements its `selector` matches, and has none\n  = help: add a selector, like `selector = \"#toast\"`"
                ),
            );
        }
        if let ReturnType::Type(_, ty) = &function.sig.output
            && !returns_nothing
        {
            errors.at(
                ty,
                format!(
                    "a `{word}` fragment sends no markup, so its function returns nothing\n  = help: remove the return type; the body may still do work (delete a record, …), and its target is the `selector`"
                ),
            );
        }
    } else if returns_nothing && !mode_unknown {
        let at: TokenStream = match &function.sig.output {
            ReturnType::Type(_, ty) => quote::quote!(#ty),
            ReturnType::Default => {
                let ident = &function.sig.ident;
                quote::quote!(#ident)
            }
        };
        errors.at(
            at,
            "a `#[fragment]` function returns the markup to patch, and this one returns nothing\n  = help: add a return type, like `-> Markup`; only a removing fragment (`mode = \"remove\"`) returns nothing",
        );
    }
    spec
}

/// The message for a word outside its vocabulary, with the `outer` trap spelled out.
fn mode_error(error: &ModeParseError) -> String {
    let vocabulary = error.vocabulary();
    let (key, other) = (vocabulary.key(), vocabulary.other());
    let mut message = format!("unknown `{key}` word `{}`", error.word());
    match (error.meaning_in_other_vocabulary(), error.suggestion()) {
        (Some(meaning), Some(word)) => message.push_str(&format!(
            "\n  = note: `{}` is a {} word, for `{}`; it means {meaning}, which `{key}` spells `{word}`",
            error.word(),
            other.generations(),
            other.key(),
        )),
        (Some(meaning), None) => message.push_str(&format!(
            "\n  = note: `{}` is a {} word, for `{}`; {} clients cannot {meaning}, so `{key}` has no word for it",
            error.word(),
            other.generations(),
            other.key(),
            vocabulary.generations(),
        )),
        (None, Some(word)) => message.push_str(&format!("; did you mean `{word}`?")),
        (None, None) => {}
    }
    if error.suggestion() == Some("outer") || error.word().starts_with("outer") {
        message.push_str(
            "\n  = note: mind the `outer` trap: in `merge` (0.x words) `outer` replaces the target; in `mode` (1.0 words) it morphs it",
        );
    }
    message.push_str(&format!("\n  = help: the `{key}` words are: {}", error.expected()));
    message
}

fn css(arg: &Arg, selector: String, errors: &mut Errors) -> Option<String> {
    let at = value_tokens(arg);
    if selector.trim().is_empty() {
        errors.at(
            at,
            "empty selector\n  = help: write a CSS selector like `selector = \"#main\"`, or remove `selector` to patch each element by its id",
        );
        return None;
    }
    if selector.contains(['\n', '\r']) {
        errors.at(
            at,
            "the selector contains a line break, which would end its line in the event stream; write it on one line",
        );
        return None;
    }
    if let Err(error) = selector::check(&selector) {
        let chars: Vec<char> = selector.chars().collect();
        let place = if error.at >= chars.len() {
            "at the end".to_owned()
        } else {
            format!("at `{}`", chars[error.at..].iter().take(24).collect::<String>())
        };
        errors.at(
            at,
            format!(
                "`{selector}` is not a valid CSS selector list: {} ({place})",
                error.message
            ),
        );
        return None;
    }
    Some(selector)
}

const SIGNALS_KEYS: &[&str] = &["only_if_missing"];

fn signals(args: &Args, function: &Function, errors: &mut Errors) -> model::Signals {
    let mut spec = model::Signals::default();
    for arg in unique(args, "signals", SIGNALS_KEYS, errors) {
        if arg.key == "only_if_missing" {
            spec.only_if_missing = flag(arg, errors).unwrap_or(false);
        }
    }
    let returns_nothing = match &function.sig.output {
        ReturnType::Default => true,
        ReturnType::Type(_, ty) => is_unit(ty),
    };
    if returns_nothing {
        let ident = &function.sig.ident;
        errors.at(
            ident,
            "a `#[signals]` function returns the signals to patch, and this one returns nothing\n  = help: return a value that serialises to a JSON object, like a `#[derive(Serialize)]` struct",
        );
    }
    spec
}

fn route_attribute(
    name: &'static str,
    args: TokenStream,
    at: &TokenStream,
    errors: &mut Errors,
) -> Option<model::Route> {
    let method = Method::from_attribute(name).expect("route attributes are the method names");
    let example = format!("#[{name}(\"/path\")]");
    let args = match syn::parse2::<RouteArgs>(args) {
        Ok(args) => args,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    match (args.path, args.other) {
        (Some(path), _) => {
            let text = path.value();
            if let Err(error) = route_path::check(&text) {
                errors.at(&path, format!("invalid route path \"{text}\": {}", error.message));
                return None;
            }
            Some(model::Route {
                method,
                path: text,
                span: path.span(),
            })
        }
        (None, Some(other)) => {
            errors.at(
                other,
                format!("`#[{name}]` takes the route's path as a string literal: `{example}`"),
            );
            None
        }
        (None, None) => {
            errors.at(at, format!("`#[{name}]` needs the route's path: `{example}`"));
            None
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
