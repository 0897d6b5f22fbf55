//! The merge-mode parser over arbitrary words in both vocabularies: never a panic; a word
//! is accepted exactly when it is in the vocabulary, and every suggestion it makes parses.

#![no_main]

use datastar_syntax::{Mode, Vocabulary, closest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (bool, &str)| {
    let (merge, word) = input;
    let vocabulary = if merge { Vocabulary::Merge } else { Vocabulary::Mode };
    let listed = vocabulary.words().iter().find(|(w, _)| *w == word).map(|(_, m)| *m);
    match Mode::parse(vocabulary, word) {
        Ok(mode) => {
            assert_eq!(Some(mode), listed);
            let canonical = mode.word(vocabulary).expect("a parsed mode has a word");
            assert_eq!(Mode::parse(vocabulary, canonical), Ok(mode));
        }
        Err(error) => {
            assert_eq!(listed, None);
            assert_eq!(error.word(), word);
            assert_eq!(error.vocabulary(), vocabulary);
            let message = error.to_string();
            assert!(message.contains(word), "the message names the word: {message}");
            if let Some(suggestion) = error.suggestion() {
                assert!(Mode::parse(vocabulary, suggestion).is_ok(), "`{suggestion}` is no word");
            }
            if let Some(meaning) = error.meaning_in_other_vocabulary() {
                assert_eq!(Mode::parse(vocabulary.other(), word), Ok(meaning));
                assert!(error.vocabulary_hint().is_some());
            }
        }
    }
    if let Some(near) = closest(word, vocabulary.words().iter().map(|(w, _)| *w)) {
        assert!(vocabulary.words().iter().any(|(w, _)| *w == near));
    }
});
