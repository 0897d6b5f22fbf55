//! Typed ids: one constant names an element in the page and in the fragment that patches it.

use maud::Render;

/// An element id, shared by the page that holds the element and the fragment that patches
/// it (`div id=(OUTPUT) {}` in both), so the two cannot drift apart.
///
/// ```
/// use datastar_runtime::maud::html;
/// use datastar_runtime::page::Id;
/// const OUTPUT: Id = Id::new("output");
/// assert_eq!(html! { div id=(OUTPUT) {} }.into_string(), r#"<div id="output"></div>"#);
/// assert_eq!(OUTPUT.selector(), "#output");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Id(&'static str);

impl Id {
    /// The id `name`: letters, digits, `-` and `_`, starting with a letter, so it is also
    /// a CSS selector as it is (checked when the constant is compiled).
    pub const fn new(name: &'static str) -> Id {
        let bytes = name.as_bytes();
        assert!(
            !bytes.is_empty() && bytes[0].is_ascii_alphabetic(),
            "an id starts with a letter"
        );
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            assert!(
                b.is_ascii_alphanumeric() || b == b'-' || b == b'_',
                "an id holds only letters, digits, `-` and `_`"
            );
            i += 1;
        }
        Id(name)
    }

    /// The id.
    pub const fn name(self) -> &'static str {
        self.0
    }

    /// Its CSS selector, `#name`.
    pub fn selector(self) -> String {
        format!("#{}", self.0)
    }
}

impl Render for Id {
    #[inline]
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(self.0);
    }
}
