//! The client generations, and the one table of the word each of them reads for a mode.
//!
//! The parsing vocabularies of [`Vocabulary`] are derived from this table, so a word is
//! written once: here, in the column of the client that reads it.

use crate::{Mode, Vocabulary};

/// A family of published Datastar clients that speak the same server protocol.
///
/// ```
/// use datastar_syntax::{Generation, Mode};
/// assert_eq!(Generation::V021.word(Mode::UpsertAttributes), Some("upsertAttributes"));
/// assert_eq!(Generation::V1.word(Mode::Morph), Some("outer"));
/// assert_eq!(Generation::V1.word(Mode::UpsertAttributes), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Generation {
    /// The 2024 fragment protocol (clients up to about 0.18): `datastar-fragment` with
    /// `_element` merge words.
    Fragment2024,
    /// `@sudodevnull/datastar` 0.19.
    V019,
    /// The merge-fragments protocol of 0.20, 0.21 and 1.0.0-beta.
    V021,
    /// Datastar 1.0.
    V1,
}

/// Each meaning's word in each generation, in the column order of [`Generation`] (2024,
/// 0.19, 0.21, 1.0) and the row order of [`Mode::ALL`]. `None`: that client has no
/// word for it (0.19 and 0.21 remove with an event of their own).
const WORDS: [(Mode, [Option<&str>; 4]); 9] = [
    (
        Mode::Morph,
        [Some("morph_element"), Some("morph"), Some("morph"), Some("outer")],
    ),
    (
        Mode::Inner,
        [Some("inner_element"), Some("inner"), Some("inner"), Some("inner")],
    ),
    (
        Mode::Replace,
        [Some("outer_element"), Some("outer"), Some("outer"), Some("replace")],
    ),
    (
        Mode::Prepend,
        [
            Some("prepend_element"),
            Some("prepend"),
            Some("prepend"),
            Some("prepend"),
        ],
    ),
    (
        Mode::Append,
        [Some("append_element"), Some("append"), Some("append"), Some("append")],
    ),
    (
        Mode::Before,
        [Some("before_element"), Some("before"), Some("before"), Some("before")],
    ),
    (
        Mode::After,
        [Some("after_element"), Some("after"), Some("after"), Some("after")],
    ),
    (Mode::Remove, [Some("delete_element"), None, None, Some("remove")]),
    (
        Mode::UpsertAttributes,
        [
            Some("upsert_attributes"),
            Some("upsert_attributes"),
            Some("upsertAttributes"),
            None,
        ],
    ),
];

impl Generation {
    /// Every generation, oldest first.
    pub const ALL: [Generation; 4] = [
        Generation::Fragment2024,
        Generation::V019,
        Generation::V021,
        Generation::V1,
    ];

    /// The word this generation's client reads for `mode` (`None`: it has none).
    ///
    /// ```
    /// use datastar_syntax::{Generation, Mode};
    /// assert_eq!(Generation::Fragment2024.word(Mode::Remove), Some("delete_element"));
    /// assert_eq!(Generation::V019.word(Mode::Remove), None);
    /// ```
    pub const fn word(self, mode: Mode) -> Option<&'static str> {
        WORDS[mode as usize].1[self as usize]
    }

    /// The vocabulary its words are parsed in: [`Vocabulary::Merge`] for the 0.x clients,
    /// [`Vocabulary::Mode`] for 1.0.
    ///
    /// ```
    /// use datastar_syntax::{Generation, Mode, Vocabulary};
    /// for generation in Generation::ALL {
    ///     for mode in Mode::ALL {
    ///         if let Some(word) = generation.word(mode) {
    ///             assert_eq!(Mode::parse(generation.vocabulary(), word), Ok(mode));
    ///         }
    ///     }
    /// }
    /// ```
    pub const fn vocabulary(self) -> Vocabulary {
        match self {
            Generation::Fragment2024 | Generation::V019 | Generation::V021 => Vocabulary::Merge,
            Generation::V1 => Vocabulary::Mode,
        }
    }
}

/// A vocabulary's parse table: the words of `generations`, each word once, in the order of
/// the generations and then of [`Mode::ALL`]. The array is as long as every cell; the
/// count says how much of it is used.
pub(crate) const fn vocabulary_words(generations: &[Generation]) -> ([(&'static str, Mode); 36], usize) {
    let mut out = [("", Mode::Morph); 36];
    let mut len = 0;
    let mut g = 0;
    while g < generations.len() {
        let mut row = 0;
        while row < WORDS.len() {
            if let Some(word) = WORDS[row].1[generations[g] as usize] {
                let mut seen = false;
                let mut i = 0;
                while i < len {
                    seen |= crate::text::same(word, out[i].0);
                    i += 1;
                }
                if !seen {
                    out[len] = (word, WORDS[row].0);
                    len += 1;
                }
            }
            row += 1;
        }
        g += 1;
    }
    (out, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_mode_all() {
        for (row, mode) in WORDS.iter().zip(Mode::ALL) {
            assert_eq!(row.0, mode);
            assert_eq!(mode as usize, Mode::ALL.iter().position(|m| *m == mode).unwrap());
        }
    }

    #[test]
    fn every_non_remove_meaning_has_a_word_in_every_0x_generation() {
        for generation in [Generation::Fragment2024, Generation::V019, Generation::V021] {
            for mode in Mode::ALL {
                assert_eq!(
                    generation.word(mode).is_some(),
                    mode != Mode::Remove || generation == Generation::Fragment2024,
                    "{generation:?} {mode:?}"
                );
            }
        }
    }

    #[test]
    fn vocabularies_keep_their_order() {
        let merge: Vec<&str> = Vocabulary::Merge.words().iter().map(|(w, _)| *w).collect();
        assert_eq!(
            merge,
            [
                "morph",
                "inner",
                "outer",
                "prepend",
                "append",
                "before",
                "after",
                "upsert_attributes",
                "upsertAttributes",
                "morph_element",
                "inner_element",
                "outer_element",
                "prepend_element",
                "append_element",
                "before_element",
                "after_element",
                "delete_element",
            ]
        );
        let mode: Vec<&str> = Vocabulary::Mode.words().iter().map(|(w, _)| *w).collect();
        assert_eq!(
            mode,
            [
                "outer", "inner", "replace", "prepend", "append", "before", "after", "remove"
            ]
        );
    }
}
