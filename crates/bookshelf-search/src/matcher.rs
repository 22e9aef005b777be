//! Finding a query's tokens in stored text, for snippets: `Lexicon::analyze` on term
//! numbers. A snippet analyses a few kilobytes of every hit, so each word has to be cheap: a
//! lower-case ASCII spelling is looked up once in a table made when the index is opened (its
//! folded form, term number and whether it starts a compound), no word allocates, and
//! glossary phrases and query tokens are compared as numbers. Anything else (other scripts,
//! apostrophes, hyphens, words the site does not hold) goes the way `analyze` goes; a test
//! holds the two equal.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::lexicon::{Lexicon, CONCEPT_PREFIX};
use crate::words::{self, WordMap};

/// No term: a stop word.
const STOP: u32 = u32::MAX;
/// Spellings up to this long are looked up as one number (see [`pack`]).
const PACKED: usize = 16;
/// Longer spellings up to this long are looked up as text; longer ones take the slow way.
const MAX_FAST: usize = 64;

/// A lower-case ASCII letter-or-digit spelling of up to [`PACKED`] bytes as one number (its
/// bytes, zero-padded: a word holds no zero byte), upper case folded; `None` for any other.
fn pack(raw: &[u8]) -> Option<u128> {
    if raw.len() > PACKED {
        return None;
    }
    // Built in registers: bytes stored one by one and read back as a number would stall.
    let mut n = 0u128;
    for (i, r) in raw.iter().enumerate() {
        if !r.is_ascii_alphanumeric() {
            return None;
        }
        n |= u128::from(r.to_ascii_lowercase()) << (8 * i);
    }
    Some(n)
}

/// Hashes a packed spelling with two multiplications (FNV would take a step a byte).
#[derive(Default, Clone, Copy)]
struct PackedHasher(u64);

impl Hasher for PackedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u128(&mut self, n: u128) {
        let h = ((n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (n >> 64) as u64)
            .wrapping_mul(0xff51_afd7_ed55_8ccd);
        self.0 = h ^ (h >> 29);
    }
}

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
mod tests {
    use super::*;
    use crate::{lexicon, scan};

    const POOL: &[&str] = &[
        "co-production",
        "co production",
        "Co Production",
        "CO-PRODUCTION",
        "coproduction",
        "co",
        "op",
        "Easy read",
        "easy-read",
        "Education, Health and Care plan",
        "education health care plan",
        "EHCP",
        "ehcp's",
        "children’s",
        "Children",
        "organize",
        "Organization",
        "colors",
        "The",
        "and",
        "of",
        "meeting",
        "Meetings",
        "parent-carer forum",
        "parent carer forum",
        "well-being",
        "well being ness",
        "Ünïcödé",
        "naïve",
        "2024",
        "don't",
        "people",
        "person",
        "coo",
        "p",
        "Sizing",
        "Therapistcollects",
        "WORKINGTOGETHERWITHFAMILIES",
        "Year2024Plan",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "—",
        "\n\n",
        // Only in texts the vocabulary was not made from.
        "unheardof",
        "Meetingz",
        "co-unheard",
        "organizings",
    ];
    const UNSEEN: usize = 4;

    /// The matcher finds what `Lexicon::analyze` emits, token for token, in order.
    #[test]
    fn finds_what_analyze_emits() {
        let mut next = crate::test_random(0x2545_f491_4f6c_dd1d);
        let mut texts: Vec<String> = Vec::new();
        for i in 0..400 {
            let mut t = String::new();
            let pool = if i < 200 {
                POOL.len() - UNSEEN
            } else {
                POOL.len()
            };
            for _ in 0..next(30) {
                t.push_str(POOL[next(pool)]);
                t.push_str([" ", " ", "  ", ", ", "\n", "-"][next(6)]);
            }
            texts.push(t);
        }
        let glossary: Vec<Vec<String>> = vec![
            vec!["Education, Health and Care plan".into(), "EHCP".into()],
            vec!["Co-production".into()],
            vec!["parent carer forum".into(), "PCF".into(), "parent".into()],
            vec!["well-being".into()],
            vec!["carer forum".into(), "forum".into()],
        ];
        // The site's vocabulary comes from half the texts, so the others hold unknown words.
        let entries: Vec<Vec<&str>> = texts[..200].iter().map(|t| vec![t.as_str()]).collect();
        let scanned = scan::scan(&entries, crate::words::Folding::ENGLISH);
        let built = lexicon::build(
            &scanned.words,
            &scanned.compounds,
            &glossary,
            &crate::Language::english(),
        );
        let lex = Lexicon::from_file(&built.to_file(glossary.len()));
        let matcher = Matcher::new(&lex);
        let (mut concepts, mut others) = (0, 0);
        for text in &texts {
            let mut want = Vec::new();
            lex.analyze(text, |t, from, to| want.push((t.to_string(), from, to)));
            let mut got = Vec::new();
            matcher.analyze(&lex, text, |f, from, to| {
                others += usize::from(matches!(f, Found::Other(_)));
                got.push((matcher.text_of(f), from, to));
            });
            assert_eq!(got, want, "{text:?}");
            concepts += want.iter().filter(|t| t.0.starts_with('~')).count();
            // Every emitted token is wanted when asked for, and only then.
            let tokens: Vec<String> = want.iter().step_by(2).map(|t| t.0.clone()).collect();
            let wanted = matcher.wanted(&tokens);
            matcher.analyze(&lex, text, |f, _, _| {
                assert_eq!(wanted.contains(f), tokens.contains(&matcher.text_of(f)));
            });
        }
        assert!(concepts > 20 && others > 20, "{concepts} {others}");
    }

    #[test]
    fn concept_tokens_are_wanted_only_as_written() {
        let lex = lexicon::build(
            &[],
            &Default::default(),
            &[vec!["plan".into()]],
            &crate::Language::english(),
        );
        let matcher = Matcher::new(&lex);
        let wanted = matcher.wanted(&["~0".into(), "~01".into(), "plan".into()]);
        assert!(wanted.contains(Found::Concept(0)));
        assert!(!wanted.contains(Found::Concept(1)));
        assert!(wanted.contains(Found::Term(0)));
        assert!(wanted.contains(Found::Other("~01")));
    }
}
