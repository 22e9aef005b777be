//! Query understanding: turns what a reader typed into index terms and glossary concepts,
//! correcting unknown words against the site's own vocabulary.
//!
//! `assets/search.js` (`planQuery`) follows the same steps in the same order.

use crate::everyday::{self, Facet};
use crate::lexicon::{Lexicon, CONCEPT_PREFIX};
use crate::words::{self, Word};

/// What a query means to the index.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct QueryPlan {
    /// Terms and concept tokens to look up, without repeats, in query order: the typed words'
    /// terms and concepts, then those of the everyday words they stand for.
    pub(crate) tokens: Vec<String>,
    /// Glossary concepts the query names, in query order.
    pub(crate) concepts: Vec<usize>,
    /// The query as typed with corrected words replaced, if any word was corrected.
    pub(crate) corrected: Option<String>,
    /// The concept the query is about (it names the term, or asks what it means): its
    /// answer card is shown and its own page ranked first.
    pub(crate) answer: Option<usize>,
    /// A kind of page, a level and an audience the query names (`checklist`, `strategic`,
    /// `parents`): pages that have them rank higher.
    pub(crate) kind: Option<&'static str>,
    pub(crate) level: Option<&'static str>,
    pub(crate) audience: Option<&'static str>,
    /// The words that carry the query's meaning, to judge how well a page answers it.
    pub(crate) words: Vec<PlanWord>,
}

/// One meaningful typed word: its term (`None` when the site does not know the word) and the
/// tokens (places in [`QueryPlan::tokens`]) a page that answers it holds one of.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PlanWord {
    pub(crate) term: Option<String>,
    pub(crate) tokens: Vec<usize>,
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
        // A short word is too near too many others (`leeds`, `leads`, `needs`): left alone.
        0..=5 => 0,
        6..=7 => 1,
        _ => 2,
    }
}

/// Plain inflections tried before correcting: a reader's `meetings` when the site says `meeting`.
pub(crate) fn inflections(word: &str) -> Vec<String> {
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
    // An English word the site does not use is not "corrected" into another.
    if lex.keep.contains(word) {
        return Resolved::Unknown;
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

/// The most frequent vocabulary word (that is not a stop word) with the same first letter
/// within the allowed number of edits of `word`, preferring fewer edits.
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
        // People seldom get the first letter wrong: `leeds` is not `needs`.
        if cand.first() != chars.first()
            || cand.len().abs_diff(chars.len()) > limit
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

/// Understands a query: words, compounds, contractions, corrections, terms, concepts, then
/// the everyday words; a query with a corrected word is understood again as corrected (so the
/// corrected words join into compounds and match phrases as if typed).
pub(crate) fn plan(lex: &Lexicon, text: &str) -> QueryPlan {
    let first = plan_once(lex, text);
    let Some(corrected) = first.corrected.clone() else {
        return first;
    };
    let mut again = plan_once(lex, &corrected);
    again.corrected = Some(corrected);
    again
}

/// A typed word that is not a stop word.
struct Typed {
    /// Its place among the query's words.
    at: usize,
    term: Option<String>,
    asking: bool,
    facet: Option<Facet>,
    /// Tokens that answer it.
    tokens: Vec<String>,
    /// Whether a glossary phrase of the query covers it.
    named: bool,
}

/// The terms of a text of everyday words: known words only, never corrected.
fn also_terms(lex: &Lexicon, text: &str) -> Vec<String> {
    let words = lex.join_compounds(text, words::split(text, lex.folding()), true);
    let mut out = Vec::new();
    for w in &words {
        if let Resolved::Known(s) = resolve_known(lex, &w.text) {
            if let Some(t) = lex.term_for(&s) {
                out.push(t.into_owned());
            }
        }
    }
    out
}

fn resolve_known(lex: &Lexicon, word: &str) -> Resolved {
    if lex.is_stop(word) {
        return Resolved::Stop;
    }
    if lex.knows(word) {
        return Resolved::Known(word.to_string());
    }
    match inflections(word).into_iter().find(|v| lex.knows(v)) {
        Some(v) => Resolved::Known(v),
        None => Resolved::Unknown,
    }
}

fn plan_once(lex: &Lexicon, text: &str) -> QueryPlan {
    let english = lex.is_english();
    let mut ws: Vec<Word> = Vec::new();
    for w in lex.join_compounds(text, words::split(text, lex.folding()), true) {
        match everyday::contraction(&w.text).filter(|_| english) {
            Some(parts) => ws.extend(parts.split(' ').map(|p| Word {
                text: p.to_string(),
                parts: 1,
                ..w.clone()
            })),
            None => ws.push(w),
        }
    }
    let mut rewritten = String::new();
    let mut last = 0;
    let mut corrected = false;
    let mut typed: Vec<Typed> = Vec::new();
    for (at, w) in ws.iter().enumerate() {
        let surface = match resolve(lex, &w.text) {
            Resolved::Stop => continue,
            Resolved::Unknown => None,
            Resolved::Known(s) => Some(s),
            Resolved::Corrected(s) => {
                rewritten.push_str(&text[last..w.from]);
                rewritten.push_str(&s);
                last = w.to;
                corrected = true;
                Some(s)
            }
        };
        let term = surface.and_then(|s| lex.term_for(&s).map(|t| t.into_owned()));
        let facet = if english {
            everyday::facet(&w.text)
        } else {
            None
        };
        typed.push(Typed {
            at,
            tokens: term.iter().cloned().collect(),
            term,
            asking: english && everyday::ASKING.contains(&w.text.as_str()),
            facet,
            named: false,
        });
    }
    rewritten.push_str(&text[last..]);
    let mut plan = QueryPlan {
        corrected: corrected.then(|| rewritten.trim().to_string()),
        ..QueryPlan::default()
    };
    // Glossary concepts among the typed terms.
    let with_term: Vec<usize> = (0..typed.len())
        .filter(|&i| typed[i].term.is_some())
        .collect();
    let terms: Vec<String> = with_term
        .iter()
        .map(|&i| typed[i].term.clone().unwrap_or_default())
        .collect();
    let mut also: Vec<String> = Vec::new();
    for m in lex.find_concepts(&terms) {
        if !plan.concepts.contains(&m.concept) {
            plan.concepts.push(m.concept);
        }
        let token = format!("{CONCEPT_PREFIX}{}", m.concept);
        for &i in &with_term[m.start..m.start + m.len] {
            typed[i].named = true;
            typed[i].tokens.push(token.clone());
        }
    }
    let typed_concepts = plan.concepts.len();
    // Everyday words: what the query's words stand for is searched as well.
    let folded: Vec<String> = ws.iter().map(|w| w.text.clone()).collect();
    for start in 0..folded.len() {
        for rule in &lex.everyday {
            let Some(end) = everyday::match_at(lex, &folded, start, &rule.phrase) else {
                continue;
            };
            let mut tokens = also_terms(lex, &rule.also);
            for m in lex.find_concepts(&tokens.clone()) {
                if !plan.concepts.contains(&m.concept) {
                    plan.concepts.push(m.concept);
                }
                tokens.push(format!("{CONCEPT_PREFIX}{}", m.concept));
            }
            for t in typed.iter_mut().filter(|t| (start..end).contains(&t.at)) {
                t.tokens.extend(tokens.iter().cloned());
            }
            also.extend(tokens);
        }
    }
    // The answer card: the query names a term (every word it holds is part of a glossary
    // phrase, or asks what the term means).
    let about = typed.iter().all(|t| t.named || t.asking);
    if about && typed_concepts > 0 {
        plan.answer = Some(plan.concepts[0]);
    }
    for t in &typed {
        match t.facet {
            Some(Facet::Kind(k)) if plan.kind.is_none() => plan.kind = Some(k),
            Some(Facet::Level(l)) if plan.level.is_none() => plan.level = Some(l),
            // `parent` in `parent carer forum` names the term, not who the page is for.
            Some(Facet::Audience(a)) if plan.audience.is_none() && !t.named => {
                plan.audience = Some(a);
            }
            _ => {}
        }
    }
    let concept_tokens = plan.concepts[..typed_concepts]
        .iter()
        .map(|c| format!("{CONCEPT_PREFIX}{c}"));
    let typed_terms: Vec<String> = typed.iter().filter_map(|t| t.term.clone()).collect();
    for token in typed_terms.into_iter().chain(concept_tokens).chain(also) {
        if !plan.tokens.contains(&token) {
            plan.tokens.push(token);
        }
    }
    // Little words and numbers ("i have got a meeting", "im 16") carry little of the meaning.
    let light = |t: &&Typed| {
        let w = folded[t.at].as_str();
        (english && everyday::LIGHT.contains(&w)) || w.chars().all(char::is_numeric)
    };
    for t in typed
        .iter()
        .filter(|t| !t.asking && t.facet.is_none() && !light(t))
    {
        let mut tokens: Vec<usize> = t
            .tokens
            .iter()
            .filter_map(|tok| plan.tokens.iter().position(|p| p == tok))
            .collect();
        tokens.sort_unstable();
        tokens.dedup();
        plan.words.push(PlanWord {
            term: t.term.clone(),
            tokens,
        });
    }
    plan
}

#[cfg(test)]
mod tests;
