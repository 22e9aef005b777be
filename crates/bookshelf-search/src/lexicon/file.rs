//! The lexicon as `meta.json` holds it ([`LexiconFile`]), and the loaded [`Lexicon`] read from
//! and written to it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Lexicon;
use crate::language::Language;
use crate::words;

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

impl Lexicon {
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
}
