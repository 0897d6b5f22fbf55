//! How a page calls a route, per page syntax: `$$put('/node/put')` (0.19),
//! `sse('/node/put', {method: 'put'})` (0.21), `@put('/v1/node/put')` (1.0). Written once
//! here for the runtime, which renders an action, and the route attributes, which spell a
//! route's action around its prefix when they compile.

use crate::text::push_unicode_escape;
use crate::{Method, PageSyntax};

impl PageSyntax {
    /// Appends what comes before the URL: `$$put('`, `sse('`, `@put('`.
    pub fn push_action_open(self, method: Method, out: &mut String) {
        // The action's name is the method in lower case, as every client's is.
        match self {
            PageSyntax::V019 => {
                out.push_str("$$");
                out.push_str(method.name());
            }
            PageSyntax::V021 => out.push_str("sse"),
            PageSyntax::V1 => {
                out.push('@');
                out.push_str(method.name());
            }
        }
        out.push_str("('");
    }

    /// Appends what comes after the URL: `')`, or in 0.21 for a method other than GET
    /// `', {method: 'put'})`.
    pub fn push_action_close(self, method: Method, out: &mut String) {
        if self == PageSyntax::V021 && method != Method::Get {
            out.push_str("', {method: '");
            out.push_str(method.name());
            out.push_str("'})");
        } else {
            out.push_str("')");
        }
    }

    /// A route's action around the prefix it is mounted under: `("$$put('", "/put')")`,
    /// for a `path` without captures other than `/`, which under a prefix is the prefix alone.
    pub fn action_around(self, method: Method, path: &str) -> (String, String) {
        let mut open = String::new();
        self.push_action_open(method, &mut open);
        let mut close = String::new();
        push_action_url(path, &mut close);
        self.push_action_close(method, &mut close);
        (open, close)
    }
}

/// Whether [`push_action_url`] would copy `part` as it is (nothing in it to escape): a page
/// checks its prefix once, when it is made, instead of in every action.
pub const fn is_plain_url(part: &str) -> bool {
    let bytes = part.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if SPECIAL[bytes[i] as usize] {
            return false;
        }
        i += 1;
    }
    true
}

/// Appends part of a URL inside an action's single-quoted JavaScript string, inside a
/// double-quoted attribute. Every client splits an expression at `;` and line breaks before
/// parsing it, so those are escapes too. Axum writes a literal brace as `{{`; the URL has one.
#[inline]
pub fn push_action_url(part: &str, out: &mut String) {
    let mut rest = part;
    while let Some(at) = rest.bytes().position(|b| SPECIAL[usize::from(b)]) {
        out.push_str(&rest[..at]);
        let byte = rest.as_bytes()[at];
        let mut skip = 1;
        match byte {
            b'"' => out.push_str("&quot;"),
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'{' | b'}' => {
                out.push(char::from(byte));
                if rest.as_bytes().get(at + 1) == Some(&byte) {
                    skip = 2;
                }
            }
            _ => {
                push_unicode_escape(byte, out);
            }
        }
        rest = &rest[at + skip..];
    }
    out.push_str(rest);
}

/// The bytes [`push_action_url`] does not copy as they are (a table: URLs are scanned
/// each time a page renders).
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"'\\;\n\r\"&<{}";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_stay_inside_their_string() {
        let mut out = String::new();
        push_action_url("/a'b\\c\"&<{{x}};\n", &mut out);
        assert!(!is_plain_url("/a'b"));
        assert!(is_plain_url("/v1/node-2_x.y"));
        assert_eq!(out, "/a\\u0027b\\u005cc&quot;&amp;&lt;{x}\\u003b\\u000a");
    }

    #[test]
    fn each_syntax_spells_its_action() {
        let around = |syntax: PageSyntax, method| syntax.action_around(method, "/put");
        assert_eq!(
            around(PageSyntax::V019, Method::Put),
            ("$$put('".into(), "/put')".into())
        );
        assert_eq!(
            around(PageSyntax::V021, Method::Put),
            ("sse('".into(), "/put', {method: 'put'})".into())
        );
        assert_eq!(around(PageSyntax::V021, Method::Get), ("sse('".into(), "/put')".into()));
        assert_eq!(
            around(PageSyntax::V1, Method::Delete),
            ("@delete('".into(), "/put')".into())
        );
    }
}
