//! "Did you mean …?" for words typed by people.

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
///
/// ```
/// assert_eq!(datastar_syntax::closest("prepend_elemnt", ["morph", "prepend_element"]), Some("prepend_element"));
/// assert_eq!(datastar_syntax::closest("zzzzzz", ["morph", "inner"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&word, &c.to_ascii_lowercase()), c))
        // A third of the word may be wrong before a guess stops being helpful.
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars; words here are short, so the simple row algorithm is plenty.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("morph", "morph"), 0);
        assert_eq!(distance("morhp", "morph"), 2);
        assert_eq!(distance("append", "prepend"), 3);
    }

    #[test]
    fn suggestions_ignore_case_and_reject_far_words() {
        assert_eq!(closest("MORPH", ["morph", "inner"]), Some("morph"));
        assert_eq!(
            closest("upsertattributes", ["upsert_attributes"]),
            Some("upsert_attributes")
        );
        assert_eq!(closest("x", ["morph", "inner"]), None);
    }
}
