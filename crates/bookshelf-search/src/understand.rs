//! Query understanding: turns what a reader typed into index terms and glossary concepts,
//! correcting unknown words against the site's own vocabulary.
//!
//! `assets/search.js` (`planQuery`) follows the same steps in the same order.

use crate::lexicon::{Lexicon, CONCEPT_PREFIX};
use crate::words;

/// What a query means to the index.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct QueryPlan {
    /// Terms and concept tokens to look up, without repeats, in query order.
    pub(crate) tokens: Vec<String>,
    /// Glossary concepts the query names, in query order.
    pub(crate) concepts: Vec<usize>,
    /// The query as typed with corrected words replaced, if any word was corrected.
    pub(crate) corrected: Option<String>,
}

/// How one typed word was understood.
#[derive(Debug, Clone, PartialEq)]
enum Resolved {
    Stop,
    Known(String),
    Corrected(String),
    Unknown,
}

/// Most edits allowed when correcting a word of `len` characters.
pub(crate) fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Plain inflections tried before correcting: a reader's `meetings` when the site says `meeting`.
fn inflections(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = word.strip_suffix("ies") {
        out.push(format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix("es") {
        out.push(s.to_string());
    }
    if let Some(s) = word.strip_suffix('s') {
        out.push(s.to_string());
    }
    if let Some(s) = word.strip_suffix("ing") {
        out.push(s.to_string());
        out.push(format!("{s}e"));
    }
    if let Some(s) = word.strip_suffix("ed") {
        out.push(s.to_string());
        out.push(format!("{s}e"));
    }
    out.push(format!("{word}s"));
    out
}

fn resolve(lex: &Lexicon, word: &str) -> Resolved {
    if lex.is_stop(word) {
        return Resolved::Stop;
    }
    if lex.knows(word) {
        return Resolved::Known(word.to_string());
    }
    if lex.is_english() {
        if let Some(v) = inflections(word).into_iter().find(|v| lex.knows(v)) {
            return Resolved::Known(v);
        }
    }
    if word.chars().all(|c| c.is_numeric()) {
        return Resolved::Unknown;
    }
    match correct(lex, word) {
        Some(v) => Resolved::Corrected(v),
        None => Resolved::Unknown,
    }
}

/// Which characters a word holds, each as one of 32 bits. An edit adds or removes at most one
/// character, so two words `d` edits apart differ in at most `2 d` of these bits: a test as
/// cheap as the length one that spares most of the vocabulary the edit distance.
pub(crate) fn char_mask(chars: &[char]) -> u32 {
    chars.iter().fold(0, |m, c| m | 1 << (u32::from(*c) % 32))
}

/// The most frequent vocabulary word (that is not a stop word) within the allowed number of
/// edits of `word`, preferring fewer edits.
pub(crate) fn correct(lex: &Lexicon, word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let k = max_edits(chars.len());
    if k == 0 {
        return None;
    }
    let mask = char_mask(&chars);
    let mut rows = Rows::default();
    let mut best: Option<(usize, usize)> = None;
    for (i, (cand, cand_mask)) in lex.order_chars.iter().zip(&lex.order_masks).enumerate() {
        let limit = best.map_or(k, |(d, _)| d - 1);
        if cand.len().abs_diff(chars.len()) > limit
            || (mask ^ cand_mask).count_ones() as usize > 2 * limit
        {
            continue;
        }
        if let Some(d) = rows.osa_within(&chars, cand, limit) {
            if !matches!(lex.vocab_term(&lex.order[i]), Some(Some(_))) {
                continue;
            }
            best = Some((d, i));
            if d == 1 {
                break;
            }
        }
        if best.is_some_and(|(d, _)| d == 0) {
            break;
        }
    }
    best.map(|(_, i)| lex.order[i].clone())
}

/// Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
/// neighbours), or `None` when it is over `k`.
#[cfg(test)]
pub(crate) fn osa_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    Rows::default().osa_within(a, b, k)
}

/// The rows of the distance table, kept from one vocabulary word to the next.
#[derive(Default)]
struct Rows {
    prev2: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Rows {
    /// See [`osa_within`].
    fn osa_within(&mut self, a: &[char], b: &[char], k: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > k {
            return None;
        }
        let n = b.len();
        let Rows { prev2, prev, cur } = self;
        prev2.clear();
        prev2.resize(n + 1, 0);
        prev.clear();
        prev.extend(0..=n);
        cur.clear();
        cur.resize(n + 1, 0);
        for i in 1..=a.len() {
            cur[0] = i;
            let mut row_min = cur[0];
            for j in 1..=n {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(prev2[j - 2] + 1);
                }
                cur[j] = d;
                row_min = row_min.min(d);
            }
            if row_min > k {
                return None;
            }
            std::mem::swap(prev2, prev);
            std::mem::swap(prev, cur);
        }
        Some(prev[n]).filter(|d| *d <= k)
    }
}

/// Understands a query: words, compounds, corrections, terms, then concepts.
pub(crate) fn plan(lex: &Lexicon, text: &str) -> QueryPlan {
    let words = lex.join_compounds(text, words::split(text, lex.is_english()), true);
    let mut rewritten = String::new();
    let mut last = 0;
    let mut corrected = false;
    let mut terms: Vec<String> = Vec::new();
    for w in &words {
        let surface = match resolve(lex, &w.text) {
            Resolved::Stop | Resolved::Unknown => continue,
            Resolved::Known(s) => s,
            Resolved::Corrected(s) => {
                rewritten.push_str(&text[last..w.from]);
                rewritten.push_str(&s);
                last = w.to;
                corrected = true;
                s
            }
        };
        if let Some(term) = lex.term_for(&surface) {
            terms.push(term.into_owned());
        }
    }
    rewritten.push_str(&text[last..]);
    let matches = lex.find_concepts(&terms);
    let mut plan = QueryPlan {
        corrected: corrected.then(|| rewritten.trim().to_string()),
        ..QueryPlan::default()
    };
    for m in &matches {
        if !plan.concepts.contains(&m.concept) {
            plan.concepts.push(m.concept);
        }
    }
    let concept_tokens = plan.concepts.iter().map(|c| format!("{CONCEPT_PREFIX}{c}"));
    for token in terms.into_iter().chain(concept_tokens) {
        if !plan.tokens.contains(&token) {
            plan.tokens.push(token);
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn bounded_osa_agrees_with_strsim() {
        let pairs = [
            ("coprodcution", "coproduction"),
            ("meetng", "meeting"),
            ("eduction", "education"),
            ("plan", "plant"),
            ("abcd", "badc"),
            ("kitten", "sitting"),
            ("", "ab"),
        ];
        for (a, b) in pairs {
            let d = strsim::osa_distance(a, b);
            for k in 0..4 {
                let want = (d <= k).then_some(d);
                assert_eq!(osa_within(&chars(a), &chars(b), k), want, "{a} {b} {k}");
            }
        }
    }

    /// The cheap tests before the edit distance only ever skip words too far away: the
    /// correction is the one a plain scan of the vocabulary finds.
    #[test]
    fn corrections_are_those_of_a_plain_scan() {
        let mut next = crate::test_random(0x853c_49e6_748f_ea9b);
        // Few letters, so words are often near each other; `á` and `a` share a mask bit.
        let letters: Vec<char> = "abcdeilnorstá".chars().collect();
        let word = |next: &mut dyn FnMut(usize) -> usize| -> String {
            let len = 2 + next(9);
            (0..len).map(|_| letters[next(letters.len())]).collect()
        };
        let mut words: Vec<String> = (0..600).map(|_| word(&mut next)).collect();
        words.extend(["the", "and", "of"].map(String::from));
        words.sort();
        words.dedup();
        let built = crate::lexicon::build(
            &words,
            &Default::default(),
            &[],
            &crate::Language::english(),
        );
        let lex = Lexicon::from_file(&built.to_file(0));
        let scan = |w: &str| -> Option<String> {
            let k = max_edits(w.chars().count());
            if k == 0 {
                return None;
            }
            let mut best: Option<(usize, usize)> = None;
            for (i, cand) in lex.order.iter().enumerate() {
                let d = strsim::osa_distance(w, cand);
                let limit = best.map_or(k, |(d, _)| d - 1);
                if d <= limit && matches!(lex.vocab_term(cand), Some(Some(_))) {
                    best = Some((d, i));
                    if d <= 1 {
                        break;
                    }
                }
            }
            best.map(|(_, i)| lex.order[i].clone())
        };
        let mut found = 0;
        for i in 0..3000 {
            // A random word, or a vocabulary word with one to three edits.
            let mut w: Vec<char> = match i % 3 {
                0 => word(&mut next).chars().collect(),
                _ => words[next(words.len())].chars().collect(),
            };
            for _ in 0..(i % 3) + next(2) {
                let at = next(w.len() + 1);
                let c = letters[next(letters.len())];
                match next(4) {
                    0 if at < w.len() => w[at] = c,
                    1 if at < w.len() => drop(w.remove(at)),
                    2 if at + 1 < w.len() => w.swap(at, at + 1),
                    _ => w.insert(at, c),
                }
            }
            let w: String = w.into_iter().collect();
            let want = scan(&w);
            found += usize::from(want.is_some());
            assert_eq!(correct(&lex, &w), want, "{w}");
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn edits_allowed_grow_with_length() {
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(4), 1);
        assert_eq!(max_edits(8), 2);
    }
}
