//! `routes![…]`: its options (`dialect`, `prefix`), each once and with a value; a literal
//! prefix is checked here, any other expression when the router is built.

use proc_macro2::TokenStream;

use crate::errors::Errors;
use crate::model;
use crate::parse::{ROUTES_EXAMPLE, RouteList, RouteOption};

/// The checked list. On errors the list keeps every route and every valid option, so the
/// expansion is still a router and the code around it compiles.
pub fn routes(list: RouteList, errors: &mut Errors) -> model::RouteList {
    let (mut dialect, mut prefix) = (None, None);
    for option in &list.options {
        let RouteOption { key, value } = option;
        let (slot, needs) = match key.to_string().as_str() {
            "dialect" => (&mut dialect, "`dialect =` needs a `Dialect`, like `Dialect::V019`"),
            "prefix" => (&mut prefix, "`prefix =` needs a path, like `\"/v1\"`"),
            _ => {
                errors.at(
                    key,
                    format!(
                        "unknown `routes!` option `{key}`; the options are `dialect` and `prefix`, written before the routes: {ROUTES_EXAMPLE}"
                    ),
                );
                continue;
            }
        };
        if slot.is_some() {
            errors.at(key, format!("`{key}` is given twice; keep one"));
        } else if value.is_empty() {
            errors.at(key, needs);
        } else if key == "prefix" && !literal_prefix_is_valid(value, errors) {
            // Reported; the routes stay at the root.
        } else {
            *slot = Some(value.clone());
        }
    }
    model::RouteList {
        dialect,
        prefix,
        routes: list.routes.into_iter().collect(),
    }
}

/// Whether a literal prefix starts with `/` and does not end with one (an expression
/// passes: the router checks it when built).
fn literal_prefix_is_valid(tokens: &TokenStream, errors: &mut Errors) -> bool {
    let Ok(literal) = syn::parse2::<syn::LitStr>(tokens.clone()) else {
        return true;
    };
    let value = literal.value();
    if value.starts_with('/') && !value.ends_with('/') {
        return true;
    }
    errors.at(
        &literal,
        format!("the prefix `{value}` must start with `/` and not end with one, like `\"/v1\"`"),
    );
    false
}
