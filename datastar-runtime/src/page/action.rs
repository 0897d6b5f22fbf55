//! Typed actions: a route renders the expression that calls it from a page.

use maud::Render;

use crate::routing::{self, Method};
use datastar_syntax::PageSyntax;

/// The expression that sends the page's signals to one route: `@put('/v1/node/put')`, or
/// `$$put('/node/put')` in 0.19 syntax. Made by [`Page::action`](super::Page::action).
#[derive(Clone, Copy, Debug)]
pub struct Action<'a> {
    pub(super) syntax: PageSyntax,
    pub(super) prefix: &'a str,
    pub(super) method: Method,
    pub(super) path: &'static str,
}

impl Render for Action<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(self.syntax.action_sigil());
        buffer.extend(self.method.as_str().chars().map(|c| c.to_ascii_lowercase()));
        buffer.push_str("('");
        for part in routing::mounted(self.prefix, self.path) {
            push_url(part, buffer);
        }
        buffer.push_str("')");
    }
}

/// Writes a URL inside a single-quoted JavaScript string inside a double-quoted attribute.
/// Axum writes a literal brace as `{{`; the URL has one.
fn push_url(part: &str, buffer: &mut String) {
    let mut rest = part;
    while let Some(at) = rest.find(['\'', '\\', '"', '&', '<', '{', '}']) {
        buffer.push_str(&rest[..at]);
        let c = rest.as_bytes()[at];
        let mut skip = 1;
        match c {
            b'\'' => buffer.push_str("\\u0027"),
            b'\\' => buffer.push_str("\\\\"),
            b'"' => buffer.push_str("&quot;"),
            b'&' => buffer.push_str("&amp;"),
            b'<' => buffer.push_str("&lt;"),
            _ => {
                buffer.push(c as char);
                if rest.as_bytes().get(at + 1) == Some(&c) {
                    skip = 2;
                }
            }
        }
        rest = &rest[at + skip..];
    }
    buffer.push_str(rest);
}

/// Whether an axum path has a capture (`{id}`, `{*rest}`); `{{` is a literal brace.
pub(super) const fn has_capture(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if i + 1 < bytes.len() && bytes[i + 1] == b'{' {
                i += 2;
                continue;
            }
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_stay_inside_their_string() {
        let mut out = String::new();
        push_url("/a'b\\c\"&<{{x}}", &mut out);
        assert_eq!(out, "/a\\u0027b\\\\c&quot;&amp;&lt;{x}");
    }

    #[test]
    fn captures_are_found_and_literal_braces_are_not() {
        assert!(has_capture("/users/{id}"));
        assert!(has_capture("/files/{*rest}"));
        assert!(!has_capture("/literal/{{brace}}"));
        assert!(!has_capture("/put"));
    }
}
