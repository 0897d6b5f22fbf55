//! Typed actions: a route renders the expression that calls it from a page.

use std::borrow::Cow;

use maud::Render;

use crate::routing::{self, Method};
use datastar_syntax::PageSyntax;

/// The expression that sends the page's signals to one route: `@put('/v1/node/put')`,
/// `$$put('/node/put')` in 0.19 syntax, `sse('/node/put', {method: 'put'})` in 0.21. Made by
/// [`Page::action`](super::Page::action) and [`Page::action_with`](super::Page::action_with).
#[derive(Clone, Debug)]
pub struct Action<'a> {
    pub(super) syntax: PageSyntax,
    pub(super) prefix: &'a str,
    pub(super) method: Method,
    /// In axum's syntax (`{{` for a literal brace), captures filled.
    pub(super) path: Cow<'static, str>,
}

impl Render for Action<'_> {
    fn render_to(&self, buffer: &mut String) {
        // The attribute's name is the method in lower case, as every client's action is.
        let lowercase = |buffer: &mut String| buffer.push_str(self.method.name());
        match self.syntax {
            PageSyntax::V019 => {
                buffer.push_str("$$");
                lowercase(buffer);
            }
            PageSyntax::V021 => buffer.push_str("sse"),
            PageSyntax::V1 => {
                buffer.push('@');
                lowercase(buffer);
            }
        }
        buffer.push_str("('");
        for part in routing::mounted(self.prefix, &self.path) {
            push_url(part, buffer);
        }
        buffer.push('\'');
        if self.syntax == PageSyntax::V021 && self.method != Method::Get {
            buffer.push_str(", {method: '");
            lowercase(buffer);
            buffer.push_str("'}");
        }
        buffer.push(')');
    }
}

/// Writes a URL inside a single-quoted JavaScript string inside a double-quoted attribute.
/// Every client splits an expression at `;` and line breaks before parsing it, so those
/// are escapes too. Axum writes a literal brace as `{{`; the URL has one.
fn push_url(part: &str, buffer: &mut String) {
    let mut rest = part;
    while let Some(at) = rest.bytes().position(|b| {
        matches!(
            b,
            b'\'' | b'\\' | b';' | b'\n' | b'\r' | b'"' | b'&' | b'<' | b'{' | b'}'
        )
    }) {
        buffer.push_str(&rest[..at]);
        let c = rest.as_bytes()[at];
        let mut skip = 1;
        match c {
            b'"' => buffer.push_str("&quot;"),
            b'&' => buffer.push_str("&amp;"),
            b'<' => buffer.push_str("&lt;"),
            b'{' | b'}' => {
                buffer.push(char::from(c));
                if rest.as_bytes().get(at + 1) == Some(&c) {
                    skip = 2;
                }
            }
            _ => buffer.push_str(&format!("\\u{c:04x}")),
        }
        rest = &rest[at + skip..];
    }
    buffer.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_stay_inside_their_string() {
        let mut out = String::new();
        push_url("/a'b\\c\"&<{{x}};\n", &mut out);
        assert_eq!(out, "/a\\u0027b\\u005cc&quot;&amp;&lt;{x}\\u003b\\u000a");
    }
}
