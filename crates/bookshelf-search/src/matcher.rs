//! Finding a query's tokens in stored text, for snippets: `Lexicon::analyze` on term
//! numbers. A snippet analyses a few kilobytes of every hit, so each word has to be cheap: a
//! lower-case ASCII spelling is looked up once in a table made when the index is opened (its
//! folded form, term number and whether it starts a compound), no word allocates, and
//! glossary phrases and query tokens are compared as numbers. Anything else (other scripts,
//! apostrophes, hyphens, words the site does not hold) goes the way `analyze` goes; a test
//! holds the two equal.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::lexicon::{Lexicon, CONCEPT_PREFIX};
use crate::words::{self, WordMap};

mod packed;

use packed::{pack, PackedHasher, PACKED};

/// No term: a stop word.
const STOP: u32 = u32::MAX;
/// Longer spellings up to this long are looked up as text; longer ones take the slow way.
const MAX_FAST: usize = 64;

/// What a spelling is: its folded form, its term ([`STOP`] for a stop word) and whether it
/// can start a compound.
struct Entry {
    folded: Box<str>,
    term: u32,
    head: bool,
}

/// One word of a text while it is analysed. `folded` numbers an [`Entry`] or, from
/// `entries.len()` on, a text in [`Piece::folded`]; `term` numbers a term of the lexicon or,
/// from `terms.len()` on, a text in [`Piece::others`].
#[derive(Clone, Copy)]
struct Word {
    from: usize,
    to: usize,
    term: u32,
    folded: u32,
    head: bool,
}

/// The words of one text and the texts the slow way made.
#[derive(Default)]
struct Piece {
    words: Vec<Word>,
    folded: Vec<String>,
    others: Vec<String>,
}

/// A token found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found<'a> {
    /// Concept `~N`.
    Concept(usize),
    /// A term of the lexicon, by number.
    Term(u32),
    /// A term the lexicon does not hold (a word the site never used).
    Other(&'a str),
}

/// The lexicon as numbers, made once when the index is opened.
pub(crate) struct Matcher {
    /// What every vocabulary word, compound and compound head is, as the entries of their
    /// lower-case ASCII spellings: short ones by [`pack`], longer ones by text.
    entries: Vec<Entry>,
    packed: HashMap<u128, u32, BuildHasherDefault<PackedHasher>>,
    long: WordMap<Box<str>, u32>,
    /// Term text → number.
    terms: WordMap<Box<str>, u32>,
    /// Term number → the phrases it starts (terms, concept), in the lexicon's order.
    phrases: Vec<Vec<(Box<[u32]>, usize)>>,
}

/// Query tokens as the [`Matcher`] finds them.
#[derive(Debug, Default)]
pub(crate) struct Wanted {
    terms: Vec<u32>,
    concepts: Vec<usize>,
    others: Vec<String>,
}

impl Wanted {
    /// Whether a found token is one of the query's.
    pub(crate) fn contains(&self, found: Found<'_>) -> bool {
        match found {
            Found::Concept(c) => self.concepts.contains(&c),
            Found::Term(t) => self.terms.contains(&t),
            Found::Other(s) => self.others.iter().any(|o| o == s),
        }
    }
}

fn intern(terms: &mut WordMap<Box<str>, u32>, term: &str) -> u32 {
    if let Some(&t) = terms.get(term) {
        return t;
    }
    let t = terms.len() as u32;
    terms.insert(term.into(), t);
    t
}

impl Matcher {
    /// Tables for `lex`.
    pub(crate) fn new(lex: &Lexicon) -> Self {
        let mut m = Matcher {
            entries: Vec::new(),
            packed: HashMap::default(),
            long: WordMap::default(),
            terms: WordMap::default(),
            phrases: Vec::new(),
        };
        let keys = lex
            .order
            .iter()
            .map(String::as_str)
            .chain(lex.compounds())
            .chain(lex.compound_heads());
        for key in keys {
            let plain = key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            if !plain || key.is_empty() || key.len() > MAX_FAST {
                continue;
            }
            let e = m.entries.len() as u32;
            match pack(key.as_bytes()) {
                Some(n) if !m.packed.contains_key(&n) => m.packed.insert(n, e),
                None if !m.long.contains_key(key) => m.long.insert(key.into(), e),
                _ => continue,
            };
            let folded = words::fold(key, lex.folding());
            let term = match lex.term_for(&folded) {
                Some(t) => intern(&mut m.terms, &t),
                None => STOP,
            };
            let head = lex.is_compound_head(&folded);
            m.entries.push(Entry {
                folded: folded.into(),
                term,
                head,
            });
        }
        let mut by_first: Vec<(u32, Box<[u32]>, usize)> = Vec::new();
        for (phrase, concept) in lex.phrases() {
            let ids: Box<[u32]> = phrase.iter().map(|t| intern(&mut m.terms, t)).collect();
            if let Some(&first) = ids.first() {
                by_first.push((first, ids, *concept));
            }
        }
        m.phrases = vec![Vec::new(); m.terms.len()];
        for (first, ids, concept) in by_first {
            m.phrases[first as usize].push((ids, concept));
        }
        m
    }

    /// The query tokens (terms and `~N` concept tokens) as numbers.
    pub(crate) fn wanted(&self, tokens: &[String]) -> Wanted {
        let mut wanted = Wanted::default();
        for token in tokens {
            match self.terms.get(token.as_str()) {
                Some(&t) => wanted.terms.push(t),
                None => wanted.others.push(token.clone()),
            }
            let concept = token.strip_prefix(CONCEPT_PREFIX).and_then(|n| {
                let c: usize = n.parse().ok()?;
                (c.to_string() == n).then_some(c)
            });
            wanted.concepts.extend(concept);
        }
        wanted
    }

    /// The term number of a folded word, adding a term the lexicon does not hold to `others`.
    fn term_of(&self, lex: &Lexicon, folded: &str, others: &mut Vec<String>) -> u32 {
        match lex.term_for(folded) {
            None => STOP,
            Some(t) => match self.terms.get(t.as_ref()) {
                Some(&id) => id,
                None => {
                    others.push(t.into_owned());
                    (self.terms.len() + others.len() - 1) as u32
                }
            },
        }
    }

    fn folded<'a>(&'a self, piece: &'a Piece, w: &Word) -> &'a str {
        match self.entries.get(w.folded as usize) {
            Some(e) => &e.folded,
            None => &piece.folded[w.folded as usize - self.entries.len()],
        }
    }

    /// The words of `text`, folded, as `words::split` gives them, each with its term. This is
    /// `words::for_each_word` with a letter-and-digit ASCII run packed as it is read.
    fn words(&self, lex: &Lexicon, text: &str, piece: &mut Piece) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 && !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let from = i;
            let mut key = 0u128;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                if i - from < PACKED {
                    key |= u128::from(bytes[i].to_ascii_lowercase()) << (8 * (i - from));
                }
                i += 1;
            }
            let run_end = i;
            if run_end == from {
                let (c, n) = words::char_at(text, i);
                i += n;
                if !words::is_word_char(c) {
                    continue;
                }
            }
            let (to, _) = words::word_end(text, i);
            i = to;
            // Only a word that is all one ASCII run has an entry.
            let entry = match to - from {
                _ if to != run_end => None,
                n if n <= PACKED => self.packed.get(&key),
                n if n <= MAX_FAST => {
                    let mut lower = [0u8; MAX_FAST];
                    let lower = &mut lower[..n];
                    lower.copy_from_slice(&bytes[from..to]);
                    lower.make_ascii_lowercase();
                    std::str::from_utf8(lower)
                        .ok()
                        .and_then(|k| self.long.get(k))
                }
                _ => None,
            };
            if let Some(&e) = entry {
                let entry = &self.entries[e as usize];
                piece.words.push(Word {
                    from,
                    to,
                    term: entry.term,
                    folded: e,
                    head: entry.head,
                });
                continue;
            }
            let folded = words::fold(&words::raw_form(&text[from..to]), lex.folding());
            if folded.is_empty() {
                continue;
            }
            let term = self.term_of(lex, &folded, &mut piece.others);
            let head = lex.is_compound_head(&folded);
            piece.folded.push(folded);
            piece.words.push(Word {
                from,
                to,
                term,
                folded: (self.entries.len() + piece.folded.len() - 1) as u32,
                head,
            });
        }
    }

    /// Joins compounds as `Lexicon::join_compounds` does for the index.
    fn join(&self, lex: &Lexicon, text: &str, piece: &mut Piece) {
        let mut buf = String::new();
        let mut i = 0;
        while i < piece.words.len() {
            if !piece.words[i].head {
                i += 1;
                continue;
            }
            let mut joined = None;
            for n in [3usize, 2] {
                if i + n > piece.words.len() {
                    continue;
                }
                let run = &piece.words[i..i + n];
                let spaced = run
                    .windows(2)
                    .all(|p| text[p[0].to..p[1].from].chars().all(char::is_whitespace));
                if !spaced {
                    continue;
                }
                buf.clear();
                run.iter().for_each(|w| buf.push_str(self.folded(piece, w)));
                if lex.is_compound(&buf) {
                    joined = Some(n);
                    break;
                }
            }
            if let Some(n) = joined {
                let to = piece.words[i + n - 1].to;
                let term = self.term_of(lex, &buf, &mut piece.others);
                piece.folded.push(buf.clone());
                let folded = (self.entries.len() + piece.folded.len() - 1) as u32;
                let w = &mut piece.words[i];
                (w.to, w.term, w.folded) = (to, term, folded);
                piece.words.drain(i + 1..i + n);
            }
            i += 1;
        }
    }

    /// Analyses `text` as `Lexicon::analyze` does and calls `emit(token, from, to)` for each
    /// concept and term, in the same order.
    pub(crate) fn analyze(
        &self,
        lex: &Lexicon,
        text: &str,
        mut emit: impl FnMut(Found<'_>, usize, usize),
    ) {
        let mut piece = Piece::default();
        self.words(lex, text, &mut piece);
        self.join(lex, text, &mut piece);
        let words = &mut piece.words;
        words.retain(|w| w.term != STOP);
        let mut covered = 0;
        for start in 0..words.len() {
            let list = self
                .phrases
                .get(words[start].term as usize)
                .map_or(&[][..], Vec::as_slice);
            let mut best = 0;
            for (phrase, concept) in list {
                let len = phrase.len();
                if len < best || start + len > words.len() {
                    continue;
                }
                let same = phrase
                    .iter()
                    .zip(&words[start..start + len])
                    .all(|(p, w)| w.term == *p);
                if same && start + len > covered {
                    best = len;
                    emit(
                        Found::Concept(*concept),
                        words[start].from,
                        words[start + len - 1].to,
                    );
                }
            }
            if best > 0 {
                covered = covered.max(start + best);
            }
            let w = &words[start];
            let found = match (w.term as usize).checked_sub(self.terms.len()) {
                Some(other) => Found::Other(&piece.others[other]),
                None => Found::Term(w.term),
            };
            emit(found, w.from, w.to);
        }
    }

    /// The text of a found token, as `analyze` emits it (for tests).
    #[cfg(test)]
    fn text_of(&self, found: Found<'_>) -> String {
        match found {
            Found::Concept(c) => format!("{CONCEPT_PREFIX}{c}"),
            Found::Term(t) => self
                .terms
                .iter()
                .find(|(_, id)| **id == t)
                .map(|(s, _)| s.to_string())
                .unwrap_or_default(),
            Found::Other(s) => s.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
