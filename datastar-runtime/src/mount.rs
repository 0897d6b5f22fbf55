//! Where a route is served: its path under the prefix of the router that mounts it.
//!
//! The router serves that URL and a page's action writes it, so both read this one rule
//! rather than each other: routing knows nothing of pages, and pages nothing of how the
//! router is built.

/// The two parts of the full path of `path` mounted under `prefix`: `/v1` + `/get`, and
/// `/v1` alone for `/`, as with axum's `nest`.
pub(crate) fn mounted<'a>(prefix: &'a str, path: &'a str) -> [&'a str; 2] {
    match (prefix, path) {
        ("", path) => ["", path],
        (prefix, "/") => [prefix, ""],
        (prefix, path) => [prefix, path],
    }
}

#[cfg(test)]
mod tests {
    use super::mounted;

    #[test]
    fn the_root_under_a_prefix_is_the_prefix_alone() {
        assert_eq!(mounted("", "/"), ["", "/"]);
        assert_eq!(mounted("", "/get"), ["", "/get"]);
        assert_eq!(mounted("/v1", "/"), ["/v1", ""]);
        assert_eq!(mounted("/v1", "/get"), ["/v1", "/get"]);
    }
}
