//! The site's lexicon: vocabulary, compounds and glossary concepts, and the one analysis
//! (words → compounds → terms → concepts) used for indexing, for queries and for snippets
//! (the build runs the same steps on word numbers, `analysis`, and snippets on term numbers,
//! `matcher`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_stemmers::Stemmer;
use serde::{Deserialize, Serialize};

use crate::language::Language;
use crate::words::{self, Word, WordMap, WordSet};

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

/// The lexical part of `meta.json`: everything needed to analyse a query the way pages were
/// analysed. The format is described in the crate README.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct LexiconFile {
    /// One line a word, most frequent first: `word`, `word N` (term = word less its last N
    /// characters) or `word =term`.
    pub(crate) vocab: String,
    /// Hyphenated words of 2 or 3 parts (`co-production`), folded, space-separated.
    pub(crate) compounds: String,
    /// Words that are never terms on their own.
    pub(crate) stop: Vec<String>,
    /// US → UK spellings.
    pub(crate) fold: BTreeMap<String, String>,
    /// Glossary concepts in glossary order; concept `i` is the token `~i`.
    pub(crate) concepts: Vec<ConceptFile>,
    /// The articles the language elides before an apostrophe (`l` of `l'école`), absent when
    /// it elides none, so `search.js` folds words as the index did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) elided: Vec<String>,
    /// The language's tag, absent for English (see [`Language`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) lang: Option<String>,
    /// Everyday words (`everyday.rs`), English only: `[phrase as folded words, also search]`.
    /// Written to `everyday.json`, not `meta.json`: a query fetches it only when one of its
    /// words starts a phrase (`everyday_heads`).
    #[serde(skip)]
    pub(crate) everyday: Vec<(String, String)>,
    /// The first words of the everyday phrases, space-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) everyday_heads: String,
    /// English words never corrected (those a correction could reach), space-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) keep: String,
}

/// One glossary concept in `meta.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct ConceptFile {
    /// Each phrase (term, abbreviation, alias, plainer word) as space-separated terms.
    pub(crate) phrases: Vec<String>,
    /// Local document number of the term's glossary page, per variant.
    pub(crate) page: BTreeMap<String, u32>,
}

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

    /// Loads the lexicon written by [`Lexicon::to_file`].
    pub(crate) fn from_file(file: &LexiconFile) -> Self {
        let language = Language::from_tag(file.lang.as_deref().unwrap_or("en"));
        let mut lex = Lexicon::empty(&language);
        lex.stop = file.stop.iter().cloned().collect();
        for form in file.compounds.split_whitespace() {
            lex.add_compound(form.to_string());
        }
        for line in file.vocab.lines() {
            let (word, term) = match line.split_once(' ') {
                None => (line.to_string(), Some(line.to_string())),
                Some((w, "-")) => (w.to_string(), None),
                Some((w, t)) if t.starts_with('=') => (w.to_string(), Some(t[1..].to_string())),
                Some((w, n)) => {
                    let n: usize = n.parse().unwrap_or(0);
                    (
                        w.to_string(),
                        Some(w[..w.len().saturating_sub(n)].to_string()),
                    )
                }
            };
            lex.order.push(word.clone());
            let chars: Box<[char]> = word.chars().collect();
            lex.order_masks.push(crate::understand::char_mask(&chars));
            lex.order_chars.push(chars);
            lex.vocab.insert(word, term);
        }
        for (i, concept) in file.concepts.iter().enumerate() {
            for phrase in &concept.phrases {
                let terms: Vec<String> = phrase.split(' ').map(String::from).collect();
                lex.add_phrase(terms, i);
            }
        }
        lex.everyday = file
            .everyday
            .iter()
            .map(|(phrase, also)| crate::everyday::Rule {
                phrase: phrase.split(' ').map(String::from).collect(),
                also: also.clone(),
            })
            .collect();
        lex.keep = file.keep.split_whitespace().map(String::from).collect();
        lex
    }

    /// Writes the lexicon (concept pages are filled in by the caller).
    pub(crate) fn to_file(&self, concepts: usize) -> LexiconFile {
        let mut vocab = String::new();
        for word in &self.order {
            vocab.push_str(word);
            match &self.vocab[word] {
                None => vocab.push_str(" -"),
                Some(t) if t == word => {}
                Some(t) if word.is_ascii() && word.starts_with(t.as_str()) => {
                    vocab.push_str(&format!(" {}", word.len() - t.len()));
                }
                Some(t) => vocab.push_str(&format!(" ={t}")),
            }
            vocab.push('\n');
        }
        let mut compounds: Vec<&str> = self.compound_forms.iter().map(String::as_str).collect();
        compounds.sort_unstable();
        let mut by_concept = vec![ConceptFile::default(); concepts];
        for list in self.phrases.values() {
            for (terms, concept) in list {
                by_concept[*concept].phrases.push(terms.join(" "));
            }
        }
        for c in &mut by_concept {
            c.phrases.sort();
        }
        let mut stop: Vec<String> = self.stop.iter().cloned().collect();
        stop.sort();
        LexiconFile {
            vocab,
            compounds: compounds.join(" "),
            stop,
            fold: if self.english {
                words::FOLD
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect()
            } else {
                BTreeMap::new()
            },
            concepts: by_concept,
            elided: self
                .language
                .folding()
                .elided
                .iter()
                .map(|a| a.to_string())
                .collect(),
            lang: self.language.stored_tag(),
            everyday: Vec::new(),
            everyday_heads: String::new(),
            keep: {
                let mut keep: Vec<&str> = self.keep.iter().map(String::as_str).collect();
                keep.sort_unstable();
                keep.join(" ")
            },
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
