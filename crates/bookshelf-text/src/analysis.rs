//! The entry point: [`analyse`] a passage with [`Options`] into a [`Report`].

use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

use crate::{rules, sentences, syllables, words, Finding, Readability};

/// Settings for [`analyse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Analyse as easy read: the ER rules replace PL1 and PL3.
    pub easy_read: bool,
    /// PL1: longest sentence allowed on a standard page, in words.
    pub max_sentence_words: usize,
    /// ER3: longest sentence allowed in easy read, in words.
    pub max_easy_sentence_words: usize,
    /// Abbreviations the reader can look up (the glossary's terms and abbreviations),
    /// matched case-sensitively. PL3 does not report them.
    pub known_abbreviations: HashSet<String>,
    /// Extra `(term, plainer word)` pairs for PL2, such as the glossary's `say_instead`.
    pub plainer_words: Vec<(String, String)>,
    /// The text is English: the rules that know English ([`Rule::english_only`]) run only
    /// then; other languages get sentence length and the easy-read rules that count.
    ///
    /// [`Rule::english_only`]: crate::Rule::english_only
    pub english: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            easy_read: false,
            max_sentence_words: 25,
            max_easy_sentence_words: 15,
            known_abbreviations: HashSet::new(),
            plainer_words: Vec::new(),
            english: true,
        }
    }
}

/// Everything [`analyse`] found in a passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Scores for the whole passage.
    pub readability: Readability,
    /// Each sentence with its own scores.
    pub sentences: Vec<SentenceReport>,
    /// Findings, ordered by where they start.
    pub findings: Vec<Finding>,
    /// The sentence with the most words (the first of equals), if there is one.
    pub longest_sentence: Option<Range<usize>>,
    /// Words of four or more syllables, each once (compared without case), in the
    /// order they first appear.
    pub hard_words: Vec<String>,
}

/// One sentence and its scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceReport {
    /// Byte range of the sentence.
    pub range: Range<usize>,
    /// Scores for the sentence alone.
    pub readability: Readability,
}

/// Least number of syllables of a word in [`Report::hard_words`].
pub const HARD_WORD_SYLLABLES: usize = 4;

/// A passage split once into words and sentences, shared by the rules.
pub(crate) struct Doc<'a> {
    pub(crate) text: &'a str,
    pub(crate) words: Vec<Range<usize>>,
    pub(crate) sentences: Vec<Range<usize>>,
    /// For each sentence, the indices of its words in `words`.
    pub(crate) sentence_words: Vec<Range<usize>>,
    /// The syllables of each word.
    pub(crate) syllables: Vec<usize>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let words = words(text);
        let sentences = sentences(text);
        let mut sentence_words = Vec::with_capacity(sentences.len());
        let mut w = 0;
        for s in &sentences {
            while w < words.len() && words[w].start < s.start {
                w += 1;
            }
            let first = w;
            while w < words.len() && words[w].end <= s.end {
                w += 1;
            }
            sentence_words.push(first..w);
        }
        let syllables = words.iter().map(|r| syllables(&text[r.clone()])).collect();
        Doc {
            text,
            words,
            sentences,
            sentence_words,
            syllables,
        }
    }

    /// The text of word `i`.
    pub(crate) fn word(&self, i: usize) -> &'a str {
        &self.text[self.words[i].clone()]
    }

    /// The word-index range of the sentence holding word `i`, or `i..i + 1` outside any.
    pub(crate) fn sentence_of(&self, i: usize) -> Range<usize> {
        let k = self.sentence_words.partition_point(|r| r.end <= i);
        match self.sentence_words.get(k) {
            Some(r) if r.contains(&i) => r.clone(),
            _ => i..i + 1,
        }
    }
}

/// Syllables and polysyllables (three or more) of words with these syllable counts.
fn count(syllables: &[usize]) -> (usize, usize) {
    (
        syllables.iter().sum(),
        syllables.iter().filter(|&&n| n >= 3).count(),
    )
}

/// Analyses a passage of prose (plain text, Markdown already removed): scores, findings,
/// the longest sentence and the hard words. Ranges are byte offsets into `text`.
///
/// ```
/// use bookshelf_text::{analyse, Options};
/// let text = "The form must be completed prior to the meeting.";
/// let report = analyse(text, &Options::default());
/// let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
/// assert_eq!(codes, ["passive-voice", "plainer-word"]);
/// assert_eq!(&text[report.findings[1].range.clone()], "prior to");
/// ```
pub fn analyse(text: &str, opts: &Options) -> Report {
    let doc = Doc::new(text);
    let (syllable_count, polysyllables) = count(&doc.syllables);
    let sentence_count = doc.sentences.len().max(usize::from(!doc.words.is_empty()));
    let readability = Readability::from_counts(
        doc.words.len(),
        sentence_count,
        syllable_count,
        polysyllables,
    );

    let sentences = doc
        .sentences
        .iter()
        .zip(&doc.sentence_words)
        .map(|(range, w)| {
            let (syl, poly) = count(&doc.syllables[w.clone()]);
            SentenceReport {
                range: range.clone(),
                readability: Readability::from_counts(w.len(), 1, syl, poly),
            }
        })
        .collect();

    let longest_sentence = doc
        .sentence_words
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .max_by(|(i, a), (j, b)| a.len().cmp(&b.len()).then(j.cmp(i)))
        .map(|(i, _)| doc.sentences[i].clone());

    let mut seen = HashSet::new();
    let hard_words = doc
        .words
        .iter()
        .zip(&doc.syllables)
        .filter(|(_, &n)| n >= HARD_WORD_SYLLABLES)
        .map(|(r, _)| &text[r.clone()])
        .filter(|w| seen.insert(w.to_lowercase()))
        .map(str::to_string)
        .collect();

    let mut findings = Vec::new();
    rules::check_all(&doc, opts, &mut findings);
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });

    Report {
        readability,
        sentences,
        findings,
        longest_sentence,
        hard_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_words_and_longest() {
        let text = "Short one. This sentence is the longest here. Tiny.";
        let doc = Doc::new(text);
        assert_eq!(doc.sentence_words, vec![0..2, 2..8, 8..9]);
        assert_eq!(doc.sentence_of(4), 2..8);
        let report = analyse(text, &Options::default());
        assert_eq!(
            &text[report.longest_sentence.unwrap()],
            "This sentence is the longest here."
        );
        assert_eq!(report.sentences.len(), 3);
        assert_eq!(report.sentences[1].readability.words, 6);
    }

    #[test]
    fn hard_words_once_in_order() {
        let report = analyse(
            "Communication matters. Individual communication helps.",
            &Options::default(),
        );
        assert_eq!(report.hard_words, ["Communication", "Individual"]);
    }

    #[test]
    fn empty_text() {
        let report = analyse("", &Options::default());
        assert_eq!(report.readability.words, 0);
        assert!(report.findings.is_empty() && report.longest_sentence.is_none());
    }
}
