//! Pass 1 of the build: every text split into words once, each distinct spelling folded once,
//! words counted, hyphenated compounds collected, and each document kept as word numbers so
//! pass 2 (`analysis`) never reads the text again.

use rayon::prelude::*;

use crate::words::{self, WordMap, WordSet};

/// Set on a word whose gap from the word before it in the same text is only whitespace.
pub(crate) const SPACED: u32 = 1 << 31;
/// Closes each text of a document.
pub(crate) const END: u32 = u32::MAX;
/// A spelling whose folded form is empty: not a word.
const NONE: u32 = u32::MAX;

/// What pass 1 found.
pub(crate) struct Scanned {
    /// Folded words, most frequent first (ties alphabetical); a word's number is its place.
    pub(crate) words: Vec<String>,
    /// Hyphenated forms of 2 or 3 parts, folded part by part (`co-production`).
    pub(crate) compounds: WordSet<String>,
    /// Each entry's texts as word numbers (with [`SPACED`]), each text closed by [`END`].
    pub(crate) seqs: Vec<Vec<u32>>,
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
    seqs: Vec<Vec<u32>>,
}

impl<'a> Part<'a> {
    fn word(&mut self, raw: &'a str, parts: usize) -> u32 {
        if let Some(&id) = self.seen.get(raw) {
            return id;
        }
        let folded = words::fold(&words::raw_form(raw));
        let id = if folded.is_empty() {
            NONE
        } else {
            if (2..=3).contains(&parts) {
                let form: Vec<String> = raw.split(words::is_hyphen).map(words::fold).collect();
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

    fn text(&mut self, text: &'a str, seq: &mut Vec<u32>) {
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
            seq.push(if spaced { id | SPACED } else { id });
            prev_end = Some(to);
        });
        seq.push(END);
    }
}

/// Scans every entry (a list of texts); entries are split among the worker threads.
pub(crate) fn scan(entries: &[Vec<&str>]) -> Scanned {
    let threads = rayon::current_num_threads().max(1);
    let chunk = entries.len().div_ceil(threads * 2).max(64);
    let parts: Vec<Part<'_>> = entries
        .par_chunks(chunk)
        .map(|list| {
            let mut part = Part::default();
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
    // Renumber in place: the sequences are the biggest thing this pass holds.
    let seqs: Vec<Vec<Vec<u32>>> = parts
        .into_par_iter()
        .zip(globals)
        .map(|(part, global)| {
            let mut seqs = part.seqs;
            for seq in &mut seqs {
                for x in seq.iter_mut() {
                    if *x != END {
                        *x = global[(*x & !SPACED) as usize] | (*x & SPACED);
                    }
                }
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
