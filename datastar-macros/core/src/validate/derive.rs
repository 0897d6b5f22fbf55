//! `#[derive(Signals)]`: a struct with named fields, no generics, and serde attributes
//! that leave the page's initial signals and the handler's `Signals<T>` the same fields
//! under the same names.

use crate::errors::Errors;
use crate::model::{SignalField, SignalsStruct};
use crate::parse::{Key, KeyValue, Shape, SignalsInput};

/// What one field's (or the struct's) keys say.
#[derive(Default)]
struct Said {
    rename: Option<String>,
    skip: bool,
    default: bool,
    nested: bool,
}

/// The checked struct; `None` when it is not a struct with named fields, which leaves
/// nothing to derive.
pub fn signals_struct(input: SignalsInput, errors: &mut Errors) -> Option<SignalsStruct> {
    let fields = match input.fields {
        Ok(fields) => fields,
        Err(shape) => {
            let message = match shape {
                Shape::NotAStruct => "`#[derive(Signals)]` goes on a struct with named fields, one per signal",
                Shape::Unnamed => "`#[derive(Signals)]` needs named fields: each field's name is its signal's",
            };
            errors.at(&input.ident, message);
            return None;
        }
    };
    if !input.generics.params.is_empty() {
        errors.at(&input.generics, "`#[derive(Signals)]` does not take generic structs");
    }
    let container = said(&input.container, true, errors);
    let name = &input.ident;
    let mut checked = Vec::new();
    for field in fields {
        let said = said(&field.keys, false, errors);
        if said.skip {
            continue;
        }
        let signal = said.rename.unwrap_or_else(|| {
            let ident = field.ident.to_string();
            ident.strip_prefix("r#").map_or(ident.clone(), str::to_owned)
        });
        if signal.starts_with('_') && !said.default && !container.default {
            errors.at(
                &field.ident,
                format!(
                    "`{signal}` is a local signal: clients never send it, so `Signals<{name}>` could never read it; give it `#[serde(default)]`"
                ),
            );
        }
        checked.push(SignalField {
            ident: field.ident,
            ty: field.ty,
            signal,
            nested: said.nested,
        });
    }
    Some(SignalsStruct {
        vis: input.vis,
        ident: input.ident,
        fields: checked,
    })
}

/// Reads the keys of a field (or, `container`, of the struct), refusing those the page and
/// the handler could not agree on.
fn said(keys: &[Key], container: bool, errors: &mut Errors) -> Said {
    let mut said = Said::default();
    for key in keys {
        let word = key.word.as_str();
        if key.signal {
            match (word, &key.value) {
                ("nested", KeyValue::None) if !container => said.nested = true,
                _ => errors.at(
                    &key.path,
                    "`#[signal(…)]` takes `nested`: this field's type also derives `Signals`",
                ),
            }
            continue;
        }
        match word {
            "rename" if !container => said.rename = text(key, errors),
            "default" => {
                said.default = true;
                if !matches!(key.value, KeyValue::None) {
                    text(key, errors);
                }
            }
            "skip" => said.skip = true,
            "rename_all" | "flatten" | "skip_serializing" | "skip_serializing_if" | "serialize_with" | "with" | "rename"
            | "tag" | "untagged" | "transparent" | "into" => errors.at(
                &key.path,
                format!(
                    "`#[derive(Signals)]` cannot follow `#[serde({word})]`: the page's signals and the handler's `Signals<T>` must have the same fields under the same names"
                ),
            ),
            // Other serde keys (deny_unknown_fields, alias, …) change neither the names nor
            // the set of fields.
            _ => {}
        }
    }
    said
}

/// A key's string value, as serde requires it.
fn text(key: &Key, errors: &mut Errors) -> Option<String> {
    match &key.value {
        KeyValue::Str(text) => Some(text.value()),
        KeyValue::Other(tokens) => {
            errors.at(tokens, "expected string literal");
            None
        }
        KeyValue::None | KeyValue::List => {
            errors.at(
                &key.path,
                format!("`{}` takes a string: `{} = \"…\"`", key.word, key.word),
            );
            None
        }
    }
}
