//! Pass 2 of the build: a document's word numbers (from `scan`) turned into what the index
//! counts, compounds joined, terms, concept tokens, exactly as [`Lexicon::analyze`] does for
//! text, but on numbers: each distinct word is looked up in the lexicon once for the site.

use crate::lexicon::{Lexicon, CONCEPT_PREFIX};
use crate::scan::{self, SPACED};
use crate::words::WordMap;

/// No term: a stop word.
const NO_TERM: u32 = u32::MAX;

/// The lexicon as tables over word and term numbers.
pub(crate) struct Analyser {
    /// Folded words: the scanned vocabulary, then joined compounds it lacks.
    words: Vec<String>,
    /// Word → term ([`NO_TERM`] for a stop word).
    term_of: Vec<u32>,
    /// Word → whether it can start a compound.
    head: Vec<bool>,
    /// Joined compound → its word.
    joined: WordMap<String, u32>,
    /// Term texts; concept tokens (`~N`) among them.
    pub(crate) terms: Vec<String>,
    /// Terms tantivy would drop as too long: never counted.
    too_long: Vec<bool>,
    /// First term → (phrase as terms, concept token), longest first.
    phrases: WordMap<u32, Vec<(Vec<u32>, u32)>>,
}

/// The tokens of one document: for each text field, (term, frequency) pairs and the token count.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct DocTerms {
    pub(crate) fields: [Vec<(u32, u32)>; 4],
    pub(crate) tokens: [u32; 4],
}

/// Reusable per-thread counters.
#[derive(Default)]
pub(crate) struct Scratch {
    counts: Vec<u32>,
    touched: Vec<u32>,
    joined: Vec<u32>,
    seq: Vec<u32>,
    text: Vec<u32>,
    buf: String,
}

fn intern(terms: &mut Vec<String>, index: &mut WordMap<String, u32>, term: &str) -> u32 {
    if let Some(&t) = index.get(term) {
        return t;
    }
    let t = terms.len() as u32;
    terms.push(term.to_string());
    index.insert(term.to_string(), t);
    t
}

impl Analyser {
    /// Tables for the scanned `words` under `lex`, with `concepts` glossary entries.
    pub(crate) fn new(lex: &Lexicon, mut words: Vec<String>, concepts: usize) -> Self {
        let mut index: WordMap<String, u32> = WordMap::default();
        let mut terms = Vec::new();
        let mut word_number: WordMap<String, u32> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        let mut joined = WordMap::default();
        for form in lex.compounds() {
            let w = match word_number.get(form) {
                Some(&w) => w,
                None => {
                    words.push(form.to_string());
                    word_number.insert(form.to_string(), words.len() as u32 - 1);
                    words.len() as u32 - 1
                }
            };
            joined.insert(form.to_string(), w);
        }
        let term_of = words
            .iter()
            .map(|w| match lex.term_for(w) {
                Some(t) => intern(&mut terms, &mut index, &t),
                None => NO_TERM,
            })
            .collect();
        let head = words.iter().map(|w| lex.is_compound_head(w)).collect();
        let concept_token: Vec<u32> = (0..concepts)
            .map(|c| intern(&mut terms, &mut index, &format!("{CONCEPT_PREFIX}{c}")))
            .collect();
        let mut phrases: WordMap<u32, Vec<(Vec<u32>, u32, usize)>> = WordMap::default();
        for (phrase, concept) in lex.phrases() {
            let ids: Vec<u32> = phrase
                .iter()
                .map(|t| intern(&mut terms, &mut index, t))
                .collect();
            if let (Some(&first), Some(&token)) = (ids.first(), concept_token.get(*concept)) {
                phrases
                    .entry(first)
                    .or_default()
                    .push((ids, token, *concept));
            }
        }
        let phrases = phrases
            .into_iter()
            .map(|(first, mut list)| {
                list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.2.cmp(&b.2)));
                (first, list.into_iter().map(|(p, t, _)| (p, t)).collect())
            })
            .collect();
        let too_long = terms
            .iter()
            .map(|t| t.len() > tantivy::tokenizer::MAX_TOKEN_LEN)
            .collect();
        Analyser {
            words,
            term_of,
            head,
            joined,
            terms,
            too_long,
            phrases,
        }
    }

    /// Joins compounds in one text's words (as `Lexicon::join_compounds` does for the index).
    fn join(&self, text: &[u32], buf: &mut String, out: &mut Vec<u32>) {
        out.clear();
        let mut i = 0;
        'words: while i < text.len() {
            let w = text[i] & !SPACED;
            if self.head[w as usize] {
                for n in [3usize, 2] {
                    if i + n > text.len() || !text[i + 1..i + n].iter().all(|x| x & SPACED != 0) {
                        continue;
                    }
                    buf.clear();
                    for x in &text[i..i + n] {
                        buf.push_str(&self.words[(x & !SPACED) as usize]);
                    }
                    if let Some(&j) = self.joined.get(buf.as_str()) {
                        out.push(j);
                        i += n;
                        continue 'words;
                    }
                }
            }
            out.push(w);
            i += 1;
        }
    }

    /// Counts the tokens of one stop-free sequence of terms into `s.counts` (as
    /// `Lexicon::analyze` emits them: concept tokens where glossary phrases start, and terms).
    fn count(&self, seq: &[u32], s: &mut Scratch) -> u32 {
        let mut tokens = 0;
        let mut covered = 0;
        let mut add = |t: u32, s: &mut Scratch| {
            if self.too_long[t as usize] {
                return;
            }
            let c = &mut s.counts[t as usize];
            if *c == 0 {
                s.touched.push(t);
            }
            *c += 1;
            tokens += 1;
        };
        for start in 0..seq.len() {
            if let Some(list) = self.phrases.get(&seq[start]) {
                let mut best = 0;
                for (phrase, token) in list {
                    let len = phrase.len();
                    if len < best || start + len > seq.len() {
                        continue;
                    }
                    if phrase[..] == seq[start..start + len] && start + len > covered {
                        best = len;
                        add(*token, s);
                    }
                }
                if best > 0 {
                    covered = covered.max(start + best);
                }
            }
            add(seq[start], s);
        }
        tokens
    }

    /// The tokens of a document scanned as title, each heading, summary, body.
    pub(crate) fn document(&self, scanned: &[u8], headings: usize, s: &mut Scratch) -> DocTerms {
        if s.counts.len() < self.terms.len() {
            s.counts.resize(self.terms.len(), 0);
        }
        let mut out = DocTerms::default();
        let mut at = 0;
        for (f, n) in [(0, 1), (1, headings), (2, 1), (3, 1)] {
            for _ in 0..n {
                let mut text = std::mem::take(&mut s.text);
                scan::next_text(scanned, &mut at, &mut text);
                let mut joined = std::mem::take(&mut s.joined);
                self.join(&text, &mut s.buf, &mut joined);
                let mut seq = std::mem::take(&mut s.seq);
                seq.clear();
                seq.extend(
                    joined
                        .iter()
                        .map(|w| self.term_of[*w as usize])
                        .filter(|t| *t != NO_TERM),
                );
                out.tokens[f] += self.count(&seq, s);
                (s.text, s.joined, s.seq) = (text, joined, seq);
            }
            let list = &mut out.fields[f];
            for t in s.touched.drain(..) {
                list.push((t, std::mem::take(&mut s.counts[t as usize])));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::{lexicon, scan};

    /// Tokens of `texts` as `Lexicon::analyze` emits them: term → count, and the total.
    fn by_text(lex: &Lexicon, texts: &[&str]) -> (BTreeMap<String, u32>, u32) {
        let mut counts = BTreeMap::new();
        let mut total = 0;
        for text in texts {
            lex.analyze(text, |token, _, _| {
                *counts.entry(token.to_string()).or_default() += 1;
                total += 1;
            });
        }
        (counts, total)
    }

    const POOL: &[&str] = &[
        "co-production",
        "co production",
        "Co Production",
        "coproduction",
        "co-op",
        "co",
        "op",
        "easy-read",
        "easy read",
        "Education, Health and Care plan",
        "education health care plan",
        "EHCP",
        "ehcp's",
        "children’s",
        "child",
        "organize",
        "organization",
        "colors",
        "the",
        "and",
        "of",
        "a",
        "meeting",
        "meetings",
        "parent-carer forum",
        "parent carer-forum",
        "parent carer forum",
        "well-being",
        "well being",
        "x-ray-like-thing",
        "Ünïcödé",
        "naïve",
        "2024",
        "-",
        ",",
        ".",
        "—",
        "\n\n",
        "'",
        "don't",
        "people",
        "person",
    ];

    /// Pass 2 on numbers counts exactly what the text analysis emits, field by field.
    #[test]
    fn numbers_analyse_like_text() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut texts: Vec<String> = Vec::new();
        for _ in 0..400 {
            let len = next(30);
            let mut t = String::new();
            for _ in 0..len {
                t.push_str(POOL[next(POOL.len())]);
                t.push_str([" ", " ", "  ", ", ", "\t", "-"][next(6)]);
            }
            texts.push(t);
        }
        let glossary: Vec<Vec<String>> = vec![
            vec!["Education, Health and Care plan".into(), "EHCP".into()],
            vec!["Co-production".into()],
            vec!["parent carer forum".into(), "PCF".into()],
            vec!["well-being".into()],
        ];
        // Each document: title, two headings, summary, body.
        let docs: Vec<Vec<&str>> = texts
            .chunks(5)
            .map(|c| c.iter().map(String::as_str).collect())
            .collect();
        let mut entries = docs.clone();
        entries.extend(
            glossary
                .iter()
                .map(|g| g.iter().map(String::as_str).collect()),
        );
        let scanned = scan::scan(&entries);
        let built = lexicon::build(&scanned.words, &scanned.compounds, &glossary);
        let lex = Lexicon::from_file(&built.to_file(glossary.len()));
        let analyser = Analyser::new(&lex, scanned.words, glossary.len());
        let mut scratch = Scratch::default();
        let mut concepts = 0;
        for (doc, seq) in docs.iter().zip(&scanned.seqs) {
            let counted = analyser.document(seq, 2, &mut scratch);
            let fields: [&[&str]; 4] = [&doc[0..1], &doc[1..3], &doc[3..4], &doc[4..5]];
            for (f, texts) in fields.iter().enumerate() {
                let (want, total) = by_text(&lex, texts);
                let got: BTreeMap<String, u32> = counted.fields[f]
                    .iter()
                    .map(|(t, tf)| (analyser.terms[*t as usize].clone(), *tf))
                    .collect();
                assert_eq!(got, want, "field {f} of {texts:?}");
                assert_eq!(counted.tokens[f], total, "field {f} of {texts:?}");
                concepts += got.keys().filter(|t| t.starts_with(CONCEPT_PREFIX)).count();
            }
        }
        // The texts did name glossary concepts, so the phrase matching was exercised.
        assert!(concepts > 20, "{concepts}");
    }
}
