//! The XML namespaces patched elements can be created in, and their wire words.

/// The XML namespace patched elements are created in. Only the 1.0 client can choose one
/// (`namespace svg`); the older ones create HTML elements.
///
/// ```
/// use datastar_syntax::Namespace;
/// assert_eq!(Namespace::parse("svg"), Some(Namespace::Svg));
/// assert_eq!(Namespace::default(), Namespace::Html);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Ordinary HTML (the default).
    #[default]
    Html,
    /// SVG elements, e.g. a `<circle>` patched into an `<svg>`.
    Svg,
    /// MathML elements.
    MathMl,
}

impl Namespace {
    /// Every namespace, the default first.
    pub const ALL: [Namespace; 3] = [Namespace::Html, Namespace::Svg, Namespace::MathMl];

    /// The 1.0 wire word (and the DSL's `namespace = "…"` word).
    ///
    /// ```
    /// assert_eq!(datastar_syntax::Namespace::MathMl.as_str(), "mathml");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Namespace::Html => "html",
            Namespace::Svg => "svg",
            Namespace::MathMl => "mathml",
        }
    }

    /// Every word, for messages and suggestions.
    pub fn words() -> impl Iterator<Item = &'static str> {
        Namespace::ALL.into_iter().map(Namespace::as_str)
    }

    /// The namespace a wire word names (case-sensitive, as the client is).
    ///
    /// ```
    /// use datastar_syntax::Namespace;
    /// assert_eq!(Namespace::parse("mathml"), Some(Namespace::MathMl));
    /// assert_eq!(Namespace::parse("SVG"), None);
    /// ```
    pub fn parse(word: &str) -> Option<Namespace> {
        Namespace::ALL.into_iter().find(|n| n.as_str() == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for namespace in Namespace::ALL {
            assert_eq!(Namespace::parse(namespace.as_str()), Some(namespace));
        }
        assert_eq!(Namespace::parse("xhtml"), None);
    }
}
