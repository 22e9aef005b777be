//! Readability scores: Flesch reading ease, Flesch–Kincaid grade, reading age and SMOG.

use crate::{sentences, syllables, words};
use serde::Serialize;

/// Counts and scores for a passage (a page or one sentence).
///
/// The formulas are the published ones, as textstat computes them:
/// Flesch reading ease `206.835 − 1.015 × words/sentences − 84.6 × syllables/words`;
/// Flesch–Kincaid grade `0.39 × words/sentences + 11.8 × syllables/words − 15.59`;
/// reading age `grade + 5` (the UK school year a child of that age is in, plus
/// the five years before school: GOV.UK aims at a reading age of 9);
/// SMOG `1.043 × √(polysyllables × 30 / sentences) + 3.1291`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Readability {
    /// Number of words.
    pub words: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of syllables in all the words.
    pub syllables: usize,
    /// Number of words of three or more syllables.
    pub polysyllables: usize,
    /// Flesch reading ease: higher is easier; 60–70 is plain English, above 90 very easy.
    pub flesch_reading_ease: f64,
    /// Flesch–Kincaid grade: the US school grade that can read the text.
    pub flesch_kincaid_grade: f64,
    /// Reading age in years: the Flesch–Kincaid grade plus 5.
    pub reading_age: f64,
    /// SMOG grade, only for passages of three or more sentences (the formula was
    /// built on samples of 30 sentences and means little on fewer).
    pub smog: Option<f64>,
}

/// Least number of sentences for which [`Readability::smog`] is given.
pub const SMOG_MIN_SENTENCES: usize = 3;

impl Readability {
    /// Scores a passage from its counts. With no words every score is zero.
    pub fn from_counts(
        words: usize,
        sentences: usize,
        syllables: usize,
        polysyllables: usize,
    ) -> Self {
        if words == 0 {
            return Readability {
                sentences,
                ..Readability::default()
            };
        }
        let sentences_for_ratio = sentences.max(1) as f64;
        let words_per_sentence = words as f64 / sentences_for_ratio;
        let syllables_per_word = syllables as f64 / words as f64;
        let grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59;
        Readability {
            words,
            sentences,
            syllables,
            polysyllables,
            flesch_reading_ease: 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
            flesch_kincaid_grade: grade,
            reading_age: grade + 5.0,
            smog: (sentences >= SMOG_MIN_SENTENCES)
                .then(|| 1.043 * (polysyllables as f64 * 30.0 / sentences as f64).sqrt() + 3.1291),
        }
    }
}

/// Scores a whole passage: its words, sentences (as [`sentences`] finds them) and syllables.
///
/// ```
/// let r = bookshelf_text::readability("The cat sat on the mat. It was a happy cat.");
/// assert_eq!((r.words, r.sentences, r.syllables), (11, 2, 12));
/// assert!(r.reading_age < 5.0);
/// ```
pub fn readability(text: &str) -> Readability {
    let sentence_count = sentences(text).len();
    let words = words(text);
    let (syllables, polysyllables) = words.iter().fold((0, 0), |(all, poly), r| {
        let n = syllables(&text[r.clone()]);
        (all + n, poly + usize::from(n >= 3))
    });
    Readability::from_counts(
        words.len(),
        sentence_count.max(usize::from(!words.is_empty())),
        syllables,
        polysyllables,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_scores_zero() {
        assert_eq!(readability("  "), Readability::default());
    }

    #[test]
    fn formulas() {
        // 20 words, 2 sentences, 30 syllables, 3 polysyllables.
        let r = Readability::from_counts(20, 2, 30, 3);
        assert!((r.flesch_reading_ease - (206.835 - 10.15 - 126.9)).abs() < 1e-9);
        assert!((r.flesch_kincaid_grade - (3.9 + 17.7 - 15.59)).abs() < 1e-9);
        assert!((r.reading_age - r.flesch_kincaid_grade - 5.0).abs() < 1e-9);
        assert_eq!(r.smog, None);
        let r = Readability::from_counts(30, 3, 40, 4);
        assert!((r.smog.unwrap() - (1.043 * 40f64.sqrt() + 3.1291)).abs() < 1e-9);
    }

    #[test]
    fn text_without_full_stop_is_one_sentence() {
        assert_eq!(readability("Before the meeting").sentences, 1);
    }
}
