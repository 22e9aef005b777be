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
    /// Word → term ([`NO_TERM`] for a stop word).
    term_of: Vec<u32>,
    /// Word → whether it can start a compound.
    head: Vec<bool>,
    /// Runs of 2 or 3 vocabulary words whose letters spell a joined compound → its word
    /// (`co`, `production` → `coproduction`): every way of cutting each compound into words.
    pairs: WordMap<(u32, u32), u32>,
    triples: WordMap<(u32, u32, u32), u32>,
    /// Term texts; concept tokens (`~N`) among them.
    pub(crate) terms: Vec<String>,
    /// Terms tantivy would drop as too long: never counted.
    too_long: Vec<bool>,
    /// Term → the phrases it starts: (phrase as terms, concept token), longest first; empty
    /// for most terms (an array, not a map: it is looked up for every token).
    phrases: Vec<Vec<(Vec<u32>, u32)>>,
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
        let (mut pairs, mut triples) = (WordMap::default(), WordMap::default());
        let mut forms: Vec<&str> = lex.compounds().collect();
        forms.sort_unstable();
        for form in forms {
            let cuts: Vec<usize> = (1..form.len())
                .filter(|i| form.is_char_boundary(*i))
                .collect();
            let known = |part: &str| word_number.get(part).copied();
            let mut found_pairs = Vec::new();
            let mut found_triples = Vec::new();
            for (k, &i) in cuts.iter().enumerate() {
                if let Some(a) = known(&form[..i]) {
                    if let Some(b) = known(&form[i..]) {
                        found_pairs.push((a, b));
                    }
                    for &j in &cuts[k + 1..] {
                        if let (Some(b), Some(c)) = (known(&form[i..j]), known(&form[j..])) {
                            found_triples.push((a, b, c));
                        }
                    }
                }
            }
            if found_pairs.is_empty() && found_triples.is_empty() {
                continue;
            }
            let w = match word_number.get(form) {
                Some(&w) => w,
                None => {
                    words.push(form.to_string());
                    word_number.insert(form.to_string(), words.len() as u32 - 1);
                    words.len() as u32 - 1
                }
            };
            pairs.extend(found_pairs.into_iter().map(|p| (p, w)));
            triples.extend(found_triples.into_iter().map(|t| (t, w)));
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
        let mut by_first = vec![Vec::new(); terms.len()];
        for (first, mut list) in phrases {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.2.cmp(&b.2)));
            by_first[first as usize] = list.into_iter().map(|(p, t, _)| (p, t)).collect();
        }
        let too_long = terms
            .iter()
            .map(|t| t.len() > tantivy::tokenizer::MAX_TOKEN_LEN)
            .collect();
        Analyser {
            term_of,
            head,
            pairs,
            triples,
            terms,
            too_long,
            phrases: by_first,
        }
    }

    /// Joins compounds in one text's words (as `Lexicon::join_compounds` does for the index:
    /// at a word that can start a compound, 3 then 2 words separated only by whitespace whose
    /// letters spell a compound).
    fn join(&self, text: &[u32], out: &mut Vec<u32>) {
        out.clear();
        let mut i = 0;
        let word = |x: u32| x & !SPACED;
        let spaced = |x: u32| x & SPACED != 0;
        while i < text.len() {
            let w = word(text[i]);
            if self.head[w as usize] {
                let joined = if i + 3 <= text.len() && spaced(text[i + 1]) && spaced(text[i + 2]) {
                    let key = (w, word(text[i + 1]), word(text[i + 2]));
                    self.triples.get(&key).map(|j| (*j, 3))
                } else {
                    None
                };
                let joined = joined.or_else(|| {
                    if i + 2 <= text.len() && spaced(text[i + 1]) {
                        self.pairs.get(&(w, word(text[i + 1]))).map(|j| (*j, 2))
                    } else {
                        None
                    }
                });
                if let Some((j, n)) = joined {
                    out.push(j);
                    i += n;
                    continue;
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
            let list = &self.phrases[seq[start] as usize];
            if !list.is_empty() {
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
                self.join(&text, &mut joined);
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
        // A compound spelt by other words (`coo p` is `coop`) and one of three parts.
        "coo",
        "p",
        "well-being-ness",
        "well being ness",
        "wellbeing ness",
    ];

    /// Pass 2 on numbers counts exactly what the text analysis emits, field by field.
    #[test]
    fn numbers_analyse_like_text() {
        let mut next = crate::test_random(0x9e37_79b9_7f4a_7c15);
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
        let scanned = scan::scan(&entries, crate::words::Folding::ENGLISH);
        let built = lexicon::build(
            &scanned.words,
            &scanned.compounds,
            &glossary,
            &crate::Language::english(),
        );
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
