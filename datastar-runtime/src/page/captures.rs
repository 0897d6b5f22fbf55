//! Path captures filled from typed values: `/users/{id}` with `7` becomes `/users/7`.
//!
//! The value has the type the handler's `Path<T>` extractor reads, and fills the path the
//! way axum reads it back: a single value fills the one capture, a tuple fills captures in
//! order, a struct fills them by name. Values are serialised with serde, then
//! percent-encoded, so any text is one path segment (a catch-all `{*rest}` keeps its `/`).

use std::fmt;

use serde::Serialize;
use serde_json::Value;

/// Why a value cannot fill a route's path captures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureError {
    /// The route's path, like `/users/{id}`.
    pub path: &'static str,
    /// What is wrong, like "no value for the capture `id`".
    pub reason: String,
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot fill the captures of `{}`: {}", self.path, self.reason)
    }
}

impl std::error::Error for CaptureError {}

/// The values in the order or under the names they fill captures.
enum Values {
    InOrder(std::vec::IntoIter<String>),
    ByName(serde_json::Map<String, Value>),
}

/// `path` (axum syntax, `{{` for a literal brace) with every capture replaced by its value
/// from `captures`, in the same syntax: literal braces stay doubled.
pub(super) fn fill<T: Serialize>(path: &'static str, captures: &T) -> Result<String, CaptureError> {
    let error = |reason: String| CaptureError { path, reason };
    let mut values =
        match serde_json::to_value(captures).map_err(|e| error(e.to_string()))? {
            Value::Object(fields) => Values::ByName(fields),
            Value::Array(items) => Values::InOrder(
                items
                    .into_iter()
                    .map(|item| {
                        segment(item)
                            .ok_or_else(|| error("a tuple of captures holds only numbers, text and booleans".into()))
                    })
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter(),
            ),
            single => Values::InOrder(
                vec![segment(single).ok_or_else(|| {
                    error("a capture is a number, text, a boolean, or a tuple or struct of them".into())
                })?]
                .into_iter(),
            ),
        };
    let mut filled = String::with_capacity(path.len() + 16);
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        if rest[open + 1..].starts_with('{') {
            filled.push_str(&rest[..open + 2]);
            rest = &rest[open + 2..];
            continue;
        }
        filled.push_str(&rest[..open]);
        // route_path's check at compile time guarantees the capture is closed.
        let close = open + rest[open..].find('}').unwrap_or(rest.len() - open);
        let name = &rest[open + 1..close];
        let (catch_all, name) = match name.strip_prefix('*') {
            Some(name) => (true, name),
            None => (false, name),
        };
        let value = match &mut values {
            Values::InOrder(items) => items.next(),
            Values::ByName(fields) => fields.remove(name).and_then(segment),
        };
        let value = value.ok_or_else(|| error(format!("no value for the capture `{name}`")))?;
        percent_encode(&value, catch_all, &mut filled);
        rest = rest.get(close + 1..).unwrap_or("");
    }
    filled.push_str(rest);
    let left = match values {
        Values::InOrder(items) => items.len(),
        Values::ByName(fields) => fields.len(),
    };
    if left > 0 {
        return Err(error(format!("{left} value(s) more than the path has captures")));
    }
    Ok(filled)
}

/// The text of a scalar, as axum's `Path` parses it back.
fn segment(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Writes `value` with every byte outside RFC 3986's unreserved set percent-encoded (and
/// `/` kept in a catch-all), so the value is exactly what axum decodes, and nothing in it
/// needs escaping in a JavaScript string or an HTML attribute.
fn percent_encode(value: &str, keep_slash: bool, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') || (keep_slash && byte == b'/') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Ids {
        team: u32,
        user: String,
    }

    #[test]
    fn a_single_value_fills_the_one_capture() {
        assert_eq!(fill("/users/{id}", &7u32).unwrap(), "/users/7");
        assert_eq!(fill("/users/{id}/edit", &"ann").unwrap(), "/users/ann/edit");
        assert_eq!(fill("/flag/{on}", &true).unwrap(), "/flag/true");
    }

    #[test]
    fn tuples_fill_in_order_and_structs_by_name() {
        assert_eq!(fill("/t/{team}/u/{user}", &(3, "bo")).unwrap(), "/t/3/u/bo");
        let ids = Ids {
            team: 3,
            user: "bo".into(),
        };
        assert_eq!(fill("/u/{user}/t/{team}", &ids).unwrap(), "/u/bo/t/3");
    }

    #[test]
    fn values_are_one_segment_and_a_catch_all_keeps_its_slashes() {
        assert_eq!(
            fill("/users/{id}", &"a/b c'\"?#%").unwrap(),
            "/users/a%2Fb%20c%27%22%3F%23%25"
        );
        assert_eq!(fill("/files/{*rest}", &"a/b c").unwrap(), "/files/a/b%20c");
        assert_eq!(fill("/é/{x}", &"é").unwrap(), "/é/%C3%A9");
    }

    #[test]
    fn literal_braces_stay_in_axum_syntax() {
        assert_eq!(fill("/{{lit}}/{id}", &1).unwrap(), "/{{lit}}/1");
    }

    #[test]
    fn a_value_that_does_not_fit_is_an_error_naming_the_path() {
        let missing = fill("/t/{team}/u/{user}", &(3,)).unwrap_err();
        assert_eq!(missing.path, "/t/{team}/u/{user}");
        assert_eq!(missing.reason, "no value for the capture `user`");
        assert_eq!(
            fill("/users/{id}", &(1, 2)).unwrap_err().reason,
            "1 value(s) more than the path has captures"
        );
        assert!(fill("/users/{id}", &None::<u32>).is_err());
        assert!(fill("/users/{id}", &vec![vec![1]]).is_err());
        #[derive(Serialize)]
        struct Other {
            name: &'static str,
        }
        assert_eq!(
            fill("/users/{id}", &Other { name: "x" }).unwrap_err().reason,
            "no value for the capture `id`"
        );
    }
}
