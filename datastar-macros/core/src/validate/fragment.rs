//! `#[fragment(…)]`: its keys, one check each, then what the function must return for the
//! mode they chose.

use datastar_syntax::{Mode, ModeParseError, Namespace, Vocabulary, closest};
use proc_macro2::TokenStream;
use syn::ReturnType;

use super::{flag, millis, returns_nothing, string, unique, value_tokens};
use crate::errors::Errors;
use crate::model::{self, Text};
use crate::parse::{Arg, Args, Function, Value};
use crate::{selector, tokens};

const KEYS: &[&str] = &[
    "selector",
    "merge",
    "mode",
    "settle",
    "view_transition",
    "namespace",
    "id",
    "retry",
];

/// The key that set the mode, if one did, and whether its word was understood.
#[derive(Default)]
struct ModeKey<'a> {
    at: Option<(&'a Arg, Vocabulary)>,
    /// The word was missing or wrong: what the function must return is unknown.
    unknown: bool,
}

pub(super) fn fragment(args: &Args, function: &Function, errors: &mut Errors) -> model::Fragment {
    let mut spec = model::Fragment::default();
    let mut mode_key = ModeKey::default();
    for arg in unique(args, "fragment", KEYS, errors) {
        match arg.key.to_string().as_str() {
            "selector" => spec.selector = selector(arg, errors),
            "merge" | "mode" => {
                if let Some(mode) = mode(arg, &mut mode_key, errors) {
                    spec.mode = mode;
                }
            }
            "settle" => spec.settle_ms = millis(arg, "settle = 300", errors),
            "view_transition" => spec.view_transition = flag(arg, errors).unwrap_or(false),
            "namespace" => spec.namespace = namespace(arg, errors),
            "id" => spec.id = event_id(arg, errors),
            "retry" => spec.retry = millis(arg, "retry = 5000", errors),
            _ => {}
        }
    }
    match mode_key.at {
        Some((arg, vocabulary)) if spec.mode == Mode::Remove => removal(arg, vocabulary, &spec, function, errors),
        _ if !mode_key.unknown => returns_markup(function, errors),
        _ => {}
    }
    fixed_on_feeds(args, &spec, function, errors);
    spec
}

/// A feed patches each markup as it comes, with options fixed at compile time.
fn fixed_on_feeds(args: &Args, spec: &model::Fragment, function: &Function, errors: &mut Errors) {
    let ReturnType::Type(_, ty) = &function.sig.output else {
        return;
    };
    if !spec.has_run_time_options() || !tokens::mentions(quote::quote!(#ty), &["Stream"]) {
        return;
    }
    for arg in &args.list {
        if (arg.key == "selector" || arg.key == "id") && run_time(arg).is_some() {
            errors.at(
                value_tokens(arg),
                format!(
                    "a feed's `{}` is fixed: each markup of the stream is patched with the same options, written as a string literal\n  = help: write `{} = \"…\"`, or return one fragment per request and compute its `{}` there",
                    arg.key, arg.key, arg.key
                ),
            );
        }
    }
}

/// `selector = "…"`: a CSS selector list on one line, or an expression, checked when the
/// event is built.
fn selector(arg: &Arg, errors: &mut Errors) -> Option<Text> {
    if let Some(expression) = run_time(arg) {
        return Some(expression);
    }
    let selector = string(arg, "selector = \"#main\"", errors)?;
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
    Some(Text::Literal(selector))
}

/// An option's value that is an expression rather than a literal: computed when the
/// fragment is built.
fn run_time(arg: &Arg) -> Option<Text> {
    match &arg.value {
        Some(Value::Other(tokens)) if syn::parse2::<syn::Lit>(tokens.clone()).is_err() => {
            Some(Text::RunTime(tokens.clone()))
        }
        _ => None,
    }
}

/// `merge = "…"` (0.x words) or `mode = "…"` (1.0 words), not both.
fn mode<'a>(arg: &'a Arg, mode_key: &mut ModeKey<'a>, errors: &mut Errors) -> Option<Mode> {
    let (vocabulary, example) = if arg.key == "merge" {
        (Vocabulary::Merge, "merge = \"prepend_element\"")
    } else {
        (Vocabulary::Mode, "mode = \"prepend\"")
    };
    if let Some((first, _)) = mode_key.at {
        errors.at(
            &arg.key,
            format!(
                "`merge` and `mode` both say how the fragment is patched; keep one (`{}` is already set)\n  = help: `merge` takes the 0.x words (`prepend_element`, `morph`, …), `mode` the 1.0 words (`prepend`, `outer`, …); both serve every dialect",
                first.key
            ),
        );
        return None;
    }
    mode_key.at = Some((arg, vocabulary));
    let parsed = string(arg, example, errors).map(|word| Mode::parse(vocabulary, &word));
    match parsed {
        Some(Ok(mode)) => return Some(mode),
        Some(Err(error)) => errors.at(value_tokens(arg), mode_error(&error)),
        None => {}
    }
    mode_key.unknown = true;
    None
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
        (None, None) => {
            if let Some(word) = word_it_starts_with(error) {
                message.push_str(&format!("; did you mean `{word}`?"));
            }
        }
    }
    if error.suggestion() == Some("outer") || error.word().to_ascii_lowercase().starts_with("outer") {
        message.push_str(
            "\n  = note: mind the `outer` trap: in `merge` (0.x words) `outer` replaces the target; in `mode` (1.0 words) it morphs it",
        );
    }
    message.push_str(&format!("\n  = help: the `{key}` words are: {}", error.expected()));
    message
}

/// The longest word of the vocabulary the misspelt word starts with, case aside: the DOM's
/// `innerHTML` and `outerHTML` are `inner` and `outer`.
fn word_it_starts_with(error: &ModeParseError) -> Option<&'static str> {
    let written = error.word().to_ascii_lowercase();
    error
        .vocabulary()
        .words()
        .iter()
        .map(|(word, _)| *word)
        .filter(|word| written.starts_with(&word.to_ascii_lowercase()))
        .max_by_key(|word| word.len())
}

/// `namespace = "svg"` or `"mathml"` (`"html"`, the default, is accepted too).
fn namespace(arg: &Arg, errors: &mut Errors) -> Namespace {
    let Some(word) = string(arg, "namespace = \"svg\"", errors) else {
        return Namespace::Html;
    };
    Namespace::parse(&word).unwrap_or_else(|| {
        let hint = closest(&word, Namespace::words())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        errors.at(
            value_tokens(arg),
            format!("unknown namespace `{word}`{hint}\n  = help: write `svg` or `mathml` (`html` is the default)"),
        );
        Namespace::Html
    })
}

/// `id = "…"`: the SSE event id, on one line, or an expression.
fn event_id(arg: &Arg, errors: &mut Errors) -> Option<Text> {
    if let Some(expression) = run_time(arg) {
        return Some(expression);
    }
    let id = string(arg, "id = \"feed\"", errors)?;
    if id.contains(['\n', '\r']) {
        errors.at(
            value_tokens(arg),
            "the event `id` is sent on one SSE line; remove the line break",
        );
        return None;
    }
    Some(Text::Literal(id))
}

/// A removing fragment names its targets with a `selector` and sends no markup.
fn removal(arg: &Arg, vocabulary: Vocabulary, spec: &model::Fragment, function: &Function, errors: &mut Errors) {
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
        && !returns_nothing(function)
    {
        errors.at(
            ty,
            format!(
                "a `{word}` fragment sends no markup, so its function returns nothing\n  = help: remove the return type; the body may still do work (delete a record, …), and its target is the `selector`"
            ),
        );
    }
}

/// Any other fragment returns the markup it patches.
fn returns_markup(function: &Function, errors: &mut Errors) {
    if !returns_nothing(function) {
        return;
    }
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
