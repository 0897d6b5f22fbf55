//! The namespaces a 1.0 client can create patched elements in, and their words.

/// The namespace of patched elements (1.0 `namespace` line; HTML needs none).
///
/// ```
/// use datastar_syntax::Namespace;
/// assert_eq!(Namespace::from_word("svg"), Some(Namespace::Svg));
/// assert_eq!(Namespace::MathMl.word(), "mathml");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Plain HTML elements. The default.
    #[default]
    Html,
    /// SVG elements.
    Svg,
    /// MathML elements.
    MathMl,
}

/// Each namespace with its word, in variant order.
const WORDS: [(Namespace, &str); 3] = [
    (Namespace::Html, "html"),
    (Namespace::Svg, "svg"),
    (Namespace::MathMl, "mathml"),
];

impl Namespace {
    /// Every namespace.
    pub const ALL: [Namespace; 3] = [WORDS[0].0, WORDS[1].0, WORDS[2].0];

    /// The namespace's word, as the DSL and the 1.0 wire spell it.
    pub const fn word(self) -> &'static str {
        WORDS[self as usize].1
    }

    /// The namespace spelled `word` (case-sensitive, as the client is).
    pub fn from_word(word: &str) -> Option<Namespace> {
        WORDS.iter().find(|(_, w)| *w == word).map(|(n, _)| *n)
    }

    /// Every word, for messages and suggestions.
    pub fn words() -> impl Iterator<Item = &'static str> {
        WORDS.iter().map(|(_, w)| *w)
    }
}

#[cfg(test)]
mod tests {
    use super::Namespace;

    #[test]
    fn the_table_is_in_variant_order_and_words_round_trip() {
        for (i, namespace) in Namespace::ALL.into_iter().enumerate() {
            assert_eq!(namespace as usize, i, "{namespace:?} out of order");
            assert_eq!(Namespace::from_word(namespace.word()), Some(namespace));
        }
        assert_eq!(Namespace::from_word("SVG"), None);
    }
}
