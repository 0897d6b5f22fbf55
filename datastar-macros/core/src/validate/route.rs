//! A route attribute (`#[get("/path")]`, …): its path literal, checked against axum.

use datastar_syntax::Method;
use proc_macro2::TokenStream;

use crate::errors::Errors;
use crate::model;
use crate::parse::RouteArgs;
use crate::route_path;

pub(super) fn route(method: Method, args: RouteArgs, at: &TokenStream, errors: &mut Errors) -> Option<model::Route> {
    let name = method.name();
    let example = format!("#[{name}(\"/path\")]");
    match (args.path, args.other) {
        (Some(path), _) => {
            let text = path.value();
            let captures = match route_path::check(&text) {
                Ok(names) => names.len(),
                Err(error) => {
                    errors.at(&path, format!("invalid route path \"{text}\": {}", error.message));
                    return None;
                }
            };
            Some(model::Route {
                method,
                path: text,
                captures,
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
