//! Typed actions: a route renders the expression that calls it from a page.

use std::borrow::Cow;

use maud::Render;

use crate::mount::mounted;
use crate::routing::Method;
use datastar_syntax::{PageSyntax, push_action_url};

/// The expression that sends the page's signals to one route: `@put('/v1/node/put')`,
/// `$$put('/node/put')` in 0.19 syntax, `sse('/node/put', {method: 'put'})` in 0.21. Made by
/// [`Page::action`](super::Page::action) and [`Page::action_with`](super::Page::action_with).
#[derive(Clone, Debug)]
pub struct Action<'a> {
    pub(super) syntax: PageSyntax,
    pub(super) prefix: &'a str,
    /// Whether the prefix holds nothing to escape (checked once, by the page).
    pub(super) plain_prefix: bool,
    pub(super) method: Method,
    /// In axum's syntax (`{{` for a literal brace), captures filled.
    pub(super) path: Cow<'static, str>,
    /// The text around the prefix, when the route attribute spelled it.
    pub(super) around: Option<(&'static str, &'static str)>,
}

impl Render for Action<'_> {
    #[inline(always)]
    fn render_to(&self, buffer: &mut String) {
        if let Some((open, close)) = self.around {
            buffer.push_str(open);
            if self.plain_prefix {
                buffer.push_str(self.prefix);
            } else {
                push_action_url(self.prefix, buffer);
            }
            buffer.push_str(close);
            return;
        }
        self.syntax.push_action_open(self.method, buffer);
        for part in mounted(self.prefix, &self.path) {
            push_action_url(part, buffer);
        }
        self.syntax.push_action_close(self.method, buffer);
    }
}
