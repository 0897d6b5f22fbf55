//! The HTTP methods a route can be served for: the route attributes (`#[get]`, …), the
//! router that mounts them, and the wire names, from one table.

use std::fmt;

/// The HTTP method of a route attribute.
///
/// Its [`name`](Method::name) is at once the attribute (`#[get("/")]`) and axum's routing
/// function (`axum::routing::get`); [`as_str`](Method::as_str) is the method on the wire.
///
/// ```
/// use datastar_syntax::Method;
/// assert_eq!(Method::from_name("patch"), Some(Method::Patch));
/// assert_eq!(Method::Patch.name(), "patch");
/// assert_eq!(Method::Patch.as_str(), "PATCH");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `#[get]`
    Get,
    /// `#[post]`
    Post,
    /// `#[put]`
    Put,
    /// `#[patch]`
    Patch,
    /// `#[delete]`
    Delete,
}

/// Each method with its attribute name and its wire name, in [`Method::ALL`]'s order.
const NAMES: [(Method, &str, &str); 5] = [
    (Method::Get, "get", "GET"),
    (Method::Post, "post", "POST"),
    (Method::Put, "put", "PUT"),
    (Method::Patch, "patch", "PATCH"),
    (Method::Delete, "delete", "DELETE"),
];

impl Method {
    /// Every method, in documentation order.
    pub const ALL: [Method; 5] = {
        let mut all = [Method::Get; 5];
        let mut i = 0;
        while i < NAMES.len() {
            all[i] = NAMES[i].0;
            i += 1;
        }
        all
    };

    /// The attribute's name, which is also axum's routing function: `get`, `post`, ….
    pub const fn name(self) -> &'static str {
        NAMES[self as usize].1
    }

    /// The method's name on the wire: `GET`, `POST`, ….
    pub const fn as_str(self) -> &'static str {
        NAMES[self as usize].2
    }

    /// The method whose attribute is `name` (case-sensitive, as Rust names are).
    ///
    /// A `const fn`, so a list of attributes written elsewhere (a proc-macro crate must
    /// declare each one) can be checked against this table when it compiles.
    pub const fn from_name(name: &str) -> Option<Method> {
        let mut i = 0;
        while i < NAMES.len() {
            if crate::text::same(NAMES[i].1, name) {
                return Some(NAMES[i].0);
            }
            i += 1;
        }
        None
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Method;

    #[test]
    fn the_table_is_in_variant_order_and_names_round_trip() {
        for (i, method) in Method::ALL.into_iter().enumerate() {
            assert_eq!(method as usize, i, "{method:?} out of order");
            assert_eq!(Method::from_name(method.name()), Some(method));
            assert_eq!(method.as_str(), method.name().to_ascii_uppercase());
        }
        assert_eq!(Method::from_name("GET"), None);
        assert_eq!(Method::from_name("options"), None);
    }
}
