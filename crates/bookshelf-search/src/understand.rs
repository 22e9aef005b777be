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
    if let Some(v) = inflections(word).into_iter().find(|v| lex.knows(v)) {
        return Resolved::Known(v);
    }
    if word.chars().all(|c| c.is_numeric()) {
        return Resolved::Unknown;
    }
    match correct(lex, word) {
        Some(v) => Resolved::Corrected(v),
        None => Resolved::Unknown,
    }
}

/// The most frequent vocabulary word (that is not a stop word) within the allowed number of
/// edits of `word`, preferring fewer edits.
pub(crate) fn correct(lex: &Lexicon, word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let k = max_edits(chars.len());
    if k == 0 {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, cand) in lex.order_chars.iter().enumerate() {
        if cand.len().abs_diff(chars.len()) > k {
            continue;
        }
        let limit = best.map_or(k, |(d, _)| d - 1);
        if let Some(d) = osa_within(&chars, cand, limit) {
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
pub(crate) fn osa_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
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
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[n]).filter(|d| *d <= k)
}

/// Understands a query: words, compounds, corrections, terms, then concepts.
pub(crate) fn plan(lex: &Lexicon, text: &str) -> QueryPlan {
    let words = lex.join_compounds(text, words::split(text), true);
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

    #[test]
    fn edits_allowed_grow_with_length() {
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(4), 1);
        assert_eq!(max_edits(8), 2);
    }
}
