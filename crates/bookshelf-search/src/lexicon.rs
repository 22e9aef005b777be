//! The site's lexicon: vocabulary, compounds and glossary concepts, and the one analysis
//! (words → compounds → terms → concepts) used for indexing, for queries and for snippets
//! (the build runs the same steps on word numbers, `analysis`, and snippets on term numbers,
//! `matcher`).

use std::borrow::Cow;

use rust_stemmers::Stemmer;

use crate::language::Language;
use crate::words::{self, Word, WordMap, WordSet};

mod file;

pub(crate) use file::LexiconFile;

/// Concept tokens are `~` followed by the glossary entry's number.
pub(crate) const CONCEPT_PREFIX: &str = "~";

/// Stems the English stemmer leaves apart that a reader means as one word.
const STEM_EQUIVALENTS: &[(&str, &str)] = &[
    ("children", "child"),
    ("childrens", "child"),
    ("decis", "decid"),
    ("practis", "practic"),
    ("peopl", "person"),
];

/// The loaded lexicon.
pub(crate) struct Lexicon {
    vocab: WordMap<String, Option<String>>,
    /// Surface words by frequency, the order corrections prefer.
    pub(crate) order: Vec<String>,
    /// The same words as characters, for edit distances, and which characters each holds
    /// (`understand::char_mask`), both filled when loaded from a file.
    pub(crate) order_chars: Vec<Box<[char]>>,
    pub(crate) order_masks: Vec<u32>,
    /// Compounds as joined (`coproduction`), and as hyphenated (`co-production`).
    compounds: WordSet<String>,
    compound_forms: WordSet<String>,
    /// First parts of compounds: only these can start a join.
    compound_heads: WordSet<String>,
    stop: WordSet<String>,
    /// The language analysed in; its English-only steps apply when `english`.
    language: Language,
    english: bool,
    stemmer: Option<Stemmer>,
    /// First term of a phrase → (phrase terms, concept number), longest first.
    phrases: WordMap<String, Vec<(Vec<String>, usize)>>,
    /// Everyday words: what people type, and what is searched as well.
    pub(crate) everyday: Vec<crate::everyday::Rule>,
    /// English words never corrected.
    pub(crate) keep: WordSet<String>,
}

/// A concept found in a sequence of terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ConceptMatch {
    pub(crate) start: usize,
    pub(crate) len: usize,
    pub(crate) concept: usize,
}

impl Lexicon {
    fn empty(language: &Language) -> Self {
        Lexicon {
            vocab: WordMap::default(),
            order: Vec::new(),
            order_chars: Vec::new(),
            order_masks: Vec::new(),
            compounds: WordSet::default(),
            compound_forms: WordSet::default(),
            compound_heads: WordSet::default(),
            stop: WordSet::default(),
            language: language.clone(),
            english: language.is_english(),
            stemmer: language.stemmer(),
            phrases: WordMap::default(),
            everyday: Vec::new(),
            keep: WordSet::default(),
        }
    }

    fn add_compound(&mut self, form: String) {
        let mut parts = form.split('-');
        if let Some(head) = parts.next() {
            self.compound_heads.insert(head.to_string());
        }
        self.compounds.insert(form.replace('-', ""));
        self.compound_forms.insert(form);
    }

    fn add_phrase(&mut self, terms: Vec<String>, concept: usize) {
        let Some(first) = terms.first().cloned() else {
            return;
        };
        let list = self.phrases.entry(first).or_default();
        if !list.iter().any(|(t, c)| *t == terms && *c == concept) {
            list.push((terms, concept));
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
    }

    /// Whether a folded word can start a compound (`co` of `co-production`).
    pub(crate) fn is_compound_head(&self, word: &str) -> bool {
        self.compound_heads.contains(word)
    }

    /// Whether `word` is a compound as joined (`coproduction`).
    pub(crate) fn is_compound(&self, word: &str) -> bool {
        self.compounds.contains(word)
    }

    /// Every first part of a compound (`co` of `co-production`).
    pub(crate) fn compound_heads(&self) -> impl Iterator<Item = &str> {
        self.compound_heads.iter().map(String::as_str)
    }

    /// Every compound as joined (`coproduction`).
    pub(crate) fn compounds(&self) -> impl Iterator<Item = &str> {
        self.compounds.iter().map(String::as_str)
    }

    /// Every glossary phrase as terms, with its concept, longest first for each first term.
    pub(crate) fn phrases(&self) -> impl Iterator<Item = &(Vec<String>, usize)> {
        self.phrases.values().flatten()
    }

    /// Whether `word` (folded) is in the site's vocabulary.
    pub(crate) fn knows(&self, word: &str) -> bool {
        self.vocab.contains_key(word)
    }

    /// Whether the English-only steps of the analysis apply (see [`Language`]).
    pub(crate) fn is_english(&self) -> bool {
        self.english
    }

    /// How this lexicon's language folds words.
    pub(crate) fn folding(&self) -> words::Folding {
        self.language.folding()
    }

    /// Whether `word` is a stop word.
    pub(crate) fn is_stop(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// The vocabulary entry of a known word: `Some(None)` for a stop word.
    pub(crate) fn vocab_term(&self, word: &str) -> Option<Option<&str>> {
        self.vocab.get(word).map(|t| t.as_deref())
    }

    /// The index term for a folded word, or `None` for a stop word.
    pub(crate) fn term_for(&self, word: &str) -> Option<Cow<'_, str>> {
        if let Some(term) = self.vocab.get(word) {
            return term.as_deref().map(Cow::Borrowed);
        }
        self.compute_term(word).map(Cow::Owned)
    }

    fn compute_term(&self, word: &str) -> Option<String> {
        if self.stop.contains(word) {
            return None;
        }
        let Some(stemmer) = &self.stemmer else {
            return Some(word.to_string());
        };
        let stem = stemmer.stem(word);
        if !self.english {
            return Some(stem.into_owned());
        }
        let stem = STEM_EQUIVALENTS
            .iter()
            .find(|(from, _)| *from == stem)
            .map_or(stem.as_ref(), |(_, to)| *to);
        Some(stem.to_string())
    }

    /// Joins runs of 3 or 2 words separated only by spaces when their joined form is a
    /// compound (or, for queries, a known word): `co production` → `coproduction`.
    pub(crate) fn join_compounds(&self, text: &str, words: Vec<Word>, query: bool) -> Vec<Word> {
        let mut joins: Vec<(usize, usize, String)> = Vec::new();
        let mut buf = String::new();
        let mut i = 0;
        while i < words.len() {
            if !query && !self.compound_heads.contains(&words[i].text) {
                i += 1;
                continue;
            }
            let mut joined = None;
            for n in [3usize, 2] {
                if i + n > words.len() {
                    continue;
                }
                let run = &words[i..i + n];
                let spaced = run
                    .windows(2)
                    .all(|p| text[p[0].to..p[1].from].chars().all(char::is_whitespace));
                if !spaced {
                    continue;
                }
                buf.clear();
                run.iter().for_each(|w| buf.push_str(&w.text));
                if self.compounds.contains(&buf) || (query && self.knows(&buf)) {
                    joined = Some(n);
                    break;
                }
            }
            match joined {
                Some(n) => {
                    joins.push((i, n, buf.clone()));
                    i += n;
                }
                None => i += 1,
            }
        }
        if joins.is_empty() {
            return words;
        }
        let mut out: Vec<Word> = Vec::with_capacity(words.len());
        let mut words = words.into_iter().enumerate().peekable();
        let mut joins = joins.into_iter().peekable();
        while let Some((i, word)) = words.next() {
            match joins.next_if(|j| j.0 == i) {
                Some((_, n, text)) => {
                    let mut to = word.to;
                    for _ in 1..n {
                        to = words.next().map_or(to, |(_, w)| w.to);
                    }
                    out.push(Word {
                        from: word.from,
                        to,
                        text,
                        parts: n,
                    });
                }
                None => out.push(word),
            }
        }
        out
    }

    /// Glossary concepts named in a stop-free sequence of terms: at each place the longest
    /// phrase, unless a longer match already covers it.
    pub(crate) fn find_concepts<S: AsRef<str>>(&self, terms: &[S]) -> Vec<ConceptMatch> {
        let mut found = Vec::new();
        let mut covered = 0;
        for start in 0..terms.len() {
            let Some(list) = self.phrases.get(terms[start].as_ref()) else {
                continue;
            };
            let mut best = 0;
            for (phrase, concept) in list {
                let len = phrase.len();
                if len < best || start + len > terms.len() {
                    continue;
                }
                let same = phrase
                    .iter()
                    .zip(&terms[start..start + len])
                    .all(|(p, t)| p == t.as_ref());
                if same && start + len > covered {
                    best = len;
                    found.push(ConceptMatch {
                        start,
                        len,
                        concept: *concept,
                    });
                }
            }
            if best > 0 {
                covered = covered.max(start + best);
            }
        }
        found
    }

    /// Analyses a text as the index does: calls `emit(token, from, to)` for each concept and
    /// term, in order of position. This is the reference the fast analyses are tested against:
    /// the build's on word numbers (`analysis`) and the snippets' on term numbers (`matcher`).
    #[cfg(test)]
    pub(crate) fn analyze(&self, text: &str, mut emit: impl FnMut(&str, usize, usize)) {
        let words = self.join_compounds(text, words::split(text, self.language.folding()), false);
        let seq: Vec<(Cow<'_, str>, usize, usize)> = words
            .into_iter()
            .filter_map(|w| self.term_for(&w.text).map(|t| (t, w.from, w.to)))
            .collect();
        let terms: Vec<&str> = seq.iter().map(|s| s.0.as_ref()).collect();
        let concepts = self.find_concepts(&terms);
        let mut next = concepts.iter().peekable();
        let mut token = String::new();
        for (i, (term, from, to)) in seq.iter().enumerate() {
            while let Some(m) = next.next_if(|m| m.start == i) {
                token.clear();
                token.push_str(CONCEPT_PREFIX);
                token.push_str(&m.concept.to_string());
                emit(&token, *from, seq[m.start + m.len - 1].2);
            }
            emit(term, *from, *to);
        }
    }
}

/// Builds the lexicon from what pass 1 found: the folded words, most frequent first, the
/// compounds, and each glossary entry's naming phrases, analysed in `language`.
pub(crate) fn build(
    words: &[String],
    compounds: &WordSet<String>,
    glossary_phrases: &[Vec<String>],
    language: &Language,
) -> Lexicon {
    let mut lex = Lexicon::empty(language);
    for form in compounds {
        lex.add_compound(form.clone());
    }
    lex.stop = language.stop_words().all().into_iter().collect();
    for word in words {
        let term = lex.compute_term(word);
        lex.vocab.insert(word.clone(), term);
        lex.order.push(word.clone());
    }
    for (concept, phrases) in glossary_phrases.iter().enumerate() {
        for phrase in phrases {
            let words =
                lex.join_compounds(phrase, words::split(phrase, lex.language.folding()), false);
            let terms: Vec<String> = words
                .iter()
                .filter_map(|w| lex.term_for(&w.text).map(Cow::into_owned))
                .collect();
            lex.add_phrase(terms, concept);
        }
    }
    lex
}
