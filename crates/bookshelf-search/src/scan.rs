//! Pass 1 of the build: every text split into words once, each distinct spelling folded once,
//! words counted, hyphenated compounds collected, and each document kept as word numbers so
//! pass 2 (`analysis`) never reads the text again.

use rayon::prelude::*;

use crate::words::{self, Folding, WordMap, WordSet};

/// Set on a word whose gap from the word before it in the same text is only whitespace.
pub(crate) const SPACED: u32 = 1 << 31;
/// A spelling whose folded form is empty: not a word.
const NONE: u32 = u32::MAX;

/// Appends a word (number and [`SPACED`] flag) to a document's sequence: a LEB128 varint of
/// `(number + 1) * 2 + spaced`, so frequent words take one byte; a zero byte closes a text.
fn push_word(seq: &mut Vec<u8>, word: u32) {
    let mut n = (u64::from(word & !SPACED) + 1) << 1 | u64::from(word & SPACED != 0);
    while n >= 0x80 {
        seq.push((n as u8) | 0x80);
        n >>= 7;
    }
    seq.push(n as u8);
}

/// Reads the next text of a sequence into `out` (numbers with [`SPACED`]); false at the end.
pub(crate) fn next_text(seq: &[u8], at: &mut usize, out: &mut Vec<u32>) -> bool {
    out.clear();
    if *at >= seq.len() {
        return false;
    }
    let mut n = 0u64;
    let mut shift = 0;
    while *at < seq.len() {
        let b = seq[*at];
        *at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 != 0 {
            shift += 7;
            continue;
        }
        if n == 0 {
            return true;
        }
        let word = ((n >> 1) - 1) as u32;
        out.push(if n & 1 == 1 { word | SPACED } else { word });
        (n, shift) = (0, 0);
    }
    true
}

/// What pass 1 found.
pub(crate) struct Scanned {
    /// Folded words, most frequent first (ties alphabetical); a word's number is its place.
    pub(crate) words: Vec<String>,
    /// Hyphenated forms of 2 or 3 parts, folded part by part (`co-production`).
    pub(crate) compounds: WordSet<String>,
    /// Each entry's texts as word numbers (see [`next_text`]).
    pub(crate) seqs: Vec<Vec<u8>>,
}

/// One worker's share: its own numbering of the words it met.
#[derive(Default)]
struct Part<'a> {
    /// Raw spelling as written → local word number (or [`NONE`]).
    seen: WordMap<&'a str, u32>,
    /// Folded word → local word number.
    local: WordMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u64>,
    compounds: WordSet<String>,
    seqs: Vec<Vec<u8>>,
    /// How words are folded.
    folding: Folding,
}

impl<'a> Part<'a> {
    fn word(&mut self, raw: &'a str, parts: usize) -> u32 {
        if let Some(&id) = self.seen.get(raw) {
            return id;
        }
        let folded = words::fold(&words::raw_form(raw), self.folding);
        let id = if folded.is_empty() {
            NONE
        } else {
            if (2..=3).contains(&parts) {
                let form: Vec<String> = raw
                    .split(words::is_hyphen)
                    .map(|p| words::fold(p, self.folding))
                    .collect();
                self.compounds.insert(form.join("-"));
            }
            match self.local.get(&folded) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.words.push(folded.clone());
                    self.counts.push(0);
                    self.local.insert(folded, id);
                    id
                }
            }
        };
        self.seen.insert(raw, id);
        id
    }

    fn text(&mut self, text: &'a str, seq: &mut Vec<u8>) {
        let mut prev_end = None;
        words::for_each_word(text, |from, to, parts| {
            let id = self.word(&text[from..to], parts);
            if id == NONE {
                return;
            }
            self.counts[id as usize] += 1;
            let spaced = prev_end.is_some_and(|end| {
                let gap = &text[end..from];
                gap.bytes().all(|b| b == b' ' || b == b'\n') || gap.chars().all(char::is_whitespace)
            });
            push_word(seq, if spaced { id | SPACED } else { id });
            prev_end = Some(to);
        });
        seq.push(0);
    }
}

/// Scans every entry (a list of texts); entries are split among the worker threads. Words are
/// folded as `folding` says.
pub(crate) fn scan(entries: &[Vec<&str>], folding: Folding) -> Scanned {
    let threads = rayon::current_num_threads().max(1);
    let chunk = entries.len().div_ceil(threads * 2).max(64);
    let parts: Vec<Part<'_>> = entries
        .par_chunks(chunk)
        .map(|list| {
            let mut part = Part {
                folding,
                ..Part::default()
            };
            for texts in list {
                let mut seq = Vec::new();
                for text in texts {
                    part.text(text, &mut seq);
                }
                seq.shrink_to_fit();
                part.seqs.push(seq);
            }
            part
        })
        .collect();
    let mut counts: WordMap<&str, u64> = WordMap::default();
    let mut compounds = WordSet::default();
    for part in &parts {
        for (w, n) in part.words.iter().zip(&part.counts) {
            *counts.entry(w.as_str()).or_default() += n;
        }
        compounds.extend(part.compounds.iter().cloned());
    }
    let mut order: Vec<(&str, u64)> = counts.into_iter().collect();
    order.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let number: WordMap<&str, u32> = order
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let globals: Vec<Vec<u32>> = parts
        .iter()
        .map(|part| part.words.iter().map(|w| number[w.as_str()]).collect())
        .collect();
    let words: Vec<String> = order.into_iter().map(|(w, _)| w.to_string()).collect();
    drop(number);
    // Renumber, a document at a time so only one copy of each is held.
    let seqs: Vec<Vec<Vec<u8>>> = parts
        .into_par_iter()
        .zip(globals)
        .map(|(part, global)| {
            let mut words = Vec::new();
            let mut seqs = part.seqs;
            for seq in &mut seqs {
                let mut renumbered = Vec::with_capacity(seq.len());
                let mut at = 0;
                while next_text(seq, &mut at, &mut words) {
                    for w in &words {
                        push_word(
                            &mut renumbered,
                            global[(w & !SPACED) as usize] | (w & SPACED),
                        );
                    }
                    renumbered.push(0);
                }
                renumbered.shrink_to_fit();
                *seq = renumbered;
            }
            seqs
        })
        .collect();
    let seqs = seqs.into_iter().flatten().collect();
    Scanned {
        words,
        compounds,
        seqs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_read_back_as_written() {
        let texts = [vec![0, 5 | SPACED, 200_000, 63 | SPACED], vec![], vec![1]];
        let mut seq = Vec::new();
        for text in &texts {
            for w in text {
                push_word(&mut seq, *w);
            }
            seq.push(0);
        }
        let (mut at, mut out, mut read) = (0, Vec::new(), Vec::new());
        while next_text(&seq, &mut at, &mut out) {
            read.push(out.clone());
        }
        assert_eq!(read, texts);
    }

    #[test]
    fn words_are_numbered_by_frequency_and_compounds_kept() {
        let entries = vec![
            vec!["Co-production, co production"],
            vec!["plan plan. Plan"],
        ];
        let scanned = scan(&entries, Folding::ENGLISH);
        assert_eq!(scanned.words, ["plan", "co", "coproduction", "production"]);
        assert!(scanned.compounds.contains("co-production"));
        let mut words = Vec::new();
        let mut at = 0;
        assert!(next_text(&scanned.seqs[1], &mut at, &mut words));
        // `plan. Plan`: the full stop means the third is not spaced from the second.
        assert_eq!(words, [0, SPACED, 0]);
    }
}
