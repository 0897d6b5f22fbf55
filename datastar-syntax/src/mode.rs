//! Merge modes as meanings, and the two vocabularies that name them.
//!
//! The 0.x clients (2024, 0.19, 0.20–0.21) and the 1.0 client name the same meanings with
//! different words, and they disagree on one word: `outer` is "replace" in 0.x and "morph"
//! in 1.0. Parsing therefore always names its vocabulary and never guesses.

use std::fmt;

use crate::generation::{Generation, vocabulary_words};

/// What a patch does to its target, whatever a client generation calls it.
///
/// ```
/// use datastar_syntax::{Mode, Vocabulary};
/// assert_eq!(Mode::parse(Vocabulary::Merge, "outer"), Ok(Mode::Replace));
/// assert_eq!(Mode::parse(Vocabulary::Mode, "outer"), Ok(Mode::Morph));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Morph the target into the new element (0.x `morph`, 1.0 `outer`). The default.
    #[default]
    Morph,
    /// Morph the target's children into the new content.
    Inner,
    /// Replace the target without morphing (0.x `outer`, 1.0 `replace`).
    Replace,
    /// Insert as the target's first child.
    Prepend,
    /// Insert as the target's last child.
    Append,
    /// Insert before the target.
    Before,
    /// Insert after the target.
    After,
    /// Remove the target.
    Remove,
    /// Copy the new element's attributes onto the target (0.x only).
    UpsertAttributes,
}

/// Which generation's words a mode is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Vocabulary {
    /// The 0.x words, used by the DSL's `merge = "…"`: the 2024 `_element` words, the 0.19
    /// words and the 0.21 camel-case words. Here `outer` means replace.
    Merge,
    /// The 1.0 words, used by the DSL's `mode = "…"`. Here `outer` means morph.
    Mode,
}

/// The 0.x words: 0.19's, then the camel case 0.21 added, then the 2024 `_element`
/// forms, each word once.
const MERGE: ([(&str, Mode); 36], usize) =
    vocabulary_words(&[Generation::V019, Generation::V021, Generation::Fragment2024]);
const MERGE_WORDS: &[(&str, Mode)] = MERGE.0.split_at(MERGE.1).0;

/// The 1.0 words.
const MODE: ([(&str, Mode); 36], usize) = vocabulary_words(&[Generation::V1]);
const MODE_WORDS: &[(&str, Mode)] = MODE.0.split_at(MODE.1).0;

impl Vocabulary {
    /// Every word of this vocabulary with its meaning, in documentation order.
    pub fn words(self) -> &'static [(&'static str, Mode)] {
        match self {
            Vocabulary::Merge => MERGE_WORDS,
            Vocabulary::Mode => MODE_WORDS,
        }
    }

    /// The other vocabulary.
    pub fn other(self) -> Vocabulary {
        match self {
            Vocabulary::Merge => Vocabulary::Mode,
            Vocabulary::Mode => Vocabulary::Merge,
        }
    }

    /// The DSL key that takes this vocabulary: `merge` or `mode`.
    pub fn key(self) -> &'static str {
        match self {
            Vocabulary::Merge => "merge",
            Vocabulary::Mode => "mode",
        }
    }

    /// A human name for the generations that speak it.
    pub fn generations(self) -> &'static str {
        match self {
            Vocabulary::Merge => "0.x (2024, 0.19, 0.21)",
            Vocabulary::Mode => "1.0",
        }
    }
}

impl Mode {
    /// Every meaning.
    pub const ALL: [Mode; 9] = [
        Mode::Morph,
        Mode::Inner,
        Mode::Replace,
        Mode::Prepend,
        Mode::Append,
        Mode::Before,
        Mode::After,
        Mode::Remove,
        Mode::UpsertAttributes,
    ];

    /// Parses a word of the named vocabulary (case-sensitive, as the clients are).
    ///
    /// ```
    /// use datastar_syntax::{Mode, Vocabulary};
    /// assert_eq!(Mode::parse(Vocabulary::Merge, "prepend_element"), Ok(Mode::Prepend));
    /// let err = Mode::parse(Vocabulary::Mode, "prepnd").unwrap_err();
    /// assert_eq!(err.suggestion(), Some("prepend"));
    /// ```
    pub fn parse(vocabulary: Vocabulary, word: &str) -> Result<Mode, ModeParseError> {
        if let Some((_, mode)) = vocabulary.words().iter().find(|(w, _)| *w == word) {
            return Ok(*mode);
        }
        let in_other = vocabulary
            .other()
            .words()
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, m)| *m);
        let suggestion = match in_other {
            // The user knows the meaning but wrote it in the other generation's words:
            // suggest this vocabulary's word for that meaning, not the nearest spelling.
            Some(meaning) => meaning.word(vocabulary),
            None => crate::closest(word, vocabulary.words().iter().map(|(w, _)| *w)),
        };
        Err(ModeParseError {
            word: word.to_owned(),
            vocabulary,
            suggestion,
            in_other,
        })
    }

    /// The canonical word for this meaning in a vocabulary (`None`: it has none).
    ///
    /// ```
    /// use datastar_syntax::{Mode, Vocabulary};
    /// assert_eq!(Mode::Replace.word(Vocabulary::Merge), Some("outer"));
    /// assert_eq!(Mode::Replace.word(Vocabulary::Mode), Some("replace"));
    /// assert_eq!(Mode::UpsertAttributes.word(Vocabulary::Mode), None);
    /// ```
    pub fn word(self, vocabulary: Vocabulary) -> Option<&'static str> {
        vocabulary.words().iter().find(|(_, m)| *m == self).map(|(w, _)| *w)
    }

    /// A short English name of the meaning, for messages; also the meaning's word in the
    /// runtime's event codec, so it stays as it is.
    pub fn meaning(self) -> &'static str {
        match self {
            Mode::Morph => "morph",
            Mode::Inner => "inner",
            Mode::Replace => "replace",
            Mode::Prepend => "prepend",
            Mode::Append => "append",
            Mode::Before => "before",
            Mode::After => "after",
            Mode::Remove => "remove",
            Mode::UpsertAttributes => "upsert-attributes",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.meaning())
    }
}

/// A word that is not in the vocabulary it was parsed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModeParseError {
    word: String,
    vocabulary: Vocabulary,
    suggestion: Option<&'static str>,
    in_other: Option<Mode>,
}

impl ModeParseError {
    /// The word that was not understood.
    pub fn word(&self) -> &str {
        &self.word
    }

    /// The vocabulary it was parsed in.
    pub fn vocabulary(&self) -> Vocabulary {
        self.vocabulary
    }

    /// The closest valid word of that vocabulary, if any is close.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }

    /// The meaning the word has in the other vocabulary, when it belongs there.
    pub fn meaning_in_other_vocabulary(&self) -> Option<Mode> {
        self.in_other
    }

    /// The valid words, comma-separated, for messages.
    pub fn expected(&self) -> String {
        let words: Vec<String> = self.vocabulary.words().iter().map(|(w, _)| format!("`{w}`")).collect();
        words.join(", ")
    }

    /// The one-line hint for the other-vocabulary case (the `outer` trap), if it applies.
    pub fn vocabulary_hint(&self) -> Option<String> {
        let meaning = self.in_other?;
        let other = self.vocabulary.other();
        let here = match meaning.word(self.vocabulary) {
            Some(w) => format!("write `{w}` for that meaning"),
            None => format!("the {} vocabulary has no word for it", self.vocabulary.generations()),
        };
        Some(format!(
            "`{}` is a {} word meaning {meaning}, which `{}` takes; in `{}` ({} words) {here}",
            self.word,
            other.generations(),
            other.key(),
            self.vocabulary.key(),
            self.vocabulary.generations(),
        ))
    }
}

impl fmt::Display for ModeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} word `{}`; the {} words are: {}",
            self.vocabulary.key(),
            self.word,
            self.vocabulary.generations(),
            self.expected()
        )?;
        if let Some(hint) = self.vocabulary_hint() {
            write!(f, "; note: {hint}")?;
        } else if let Some(s) = self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for ModeParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_every_generation() {
        let merge = [
            ("morph_element", Mode::Morph),
            ("inner_element", Mode::Inner),
            ("outer_element", Mode::Replace),
            ("prepend_element", Mode::Prepend),
            ("append_element", Mode::Append),
            ("before_element", Mode::Before),
            ("after_element", Mode::After),
            ("delete_element", Mode::Remove),
            ("upsert_attributes", Mode::UpsertAttributes),
            ("morph", Mode::Morph),
            ("inner", Mode::Inner),
            ("outer", Mode::Replace),
            ("prepend", Mode::Prepend),
            ("append", Mode::Append),
            ("before", Mode::Before),
            ("after", Mode::After),
            ("upsertAttributes", Mode::UpsertAttributes),
        ];
        for (word, mode) in merge {
            assert_eq!(Mode::parse(Vocabulary::Merge, word), Ok(mode), "{word}");
        }
        let v1 = [
            ("outer", Mode::Morph),
            ("inner", Mode::Inner),
            ("replace", Mode::Replace),
            ("prepend", Mode::Prepend),
            ("append", Mode::Append),
            ("before", Mode::Before),
            ("after", Mode::After),
            ("remove", Mode::Remove),
        ];
        for (word, mode) in v1 {
            assert_eq!(Mode::parse(Vocabulary::Mode, word), Ok(mode), "{word}");
        }
    }

    #[test]
    fn the_outer_trap() {
        assert_eq!(Mode::parse(Vocabulary::Merge, "outer"), Ok(Mode::Replace));
        assert_eq!(Mode::parse(Vocabulary::Mode, "outer"), Ok(Mode::Morph));
        let err = Mode::parse(Vocabulary::Mode, "morph").unwrap_err();
        assert_eq!(err.meaning_in_other_vocabulary(), Some(Mode::Morph));
        assert_eq!(err.suggestion(), Some("outer"));
        let text = err.to_string();
        assert!(text.contains("write `outer` for that meaning"), "{text}");
        let err = Mode::parse(Vocabulary::Merge, "replace").unwrap_err();
        assert_eq!(err.suggestion(), Some("outer"));
        let err = Mode::parse(Vocabulary::Merge, "remove").unwrap_err();
        assert_eq!(err.suggestion(), Some("delete_element"));
    }

    #[test]
    fn did_you_mean() {
        let err = Mode::parse(Vocabulary::Merge, "prepend_elemnt").unwrap_err();
        assert_eq!(err.suggestion(), Some("prepend_element"));
        assert!(err.to_string().contains("did you mean `prepend_element`?"));
        assert!(err.to_string().contains("`upsertAttributes`"));
        let err = Mode::parse(Vocabulary::Mode, "xyzzy").unwrap_err();
        assert_eq!(err.suggestion(), None);
        assert!(!err.to_string().contains("did you mean"));
        assert!(err.to_string().contains("`replace`"));
    }

    #[test]
    fn words_round_trip() {
        for mode in Mode::ALL {
            for vocabulary in [Vocabulary::Merge, Vocabulary::Mode] {
                if let Some(word) = mode.word(vocabulary) {
                    assert_eq!(Mode::parse(vocabulary, word), Ok(mode));
                }
            }
        }
    }
}
