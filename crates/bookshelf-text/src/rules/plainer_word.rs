//! PL2 `plainer-word`: words and phrases with a plainer alternative.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::Doc;
use crate::plain_words::{PlainWord, PLAIN_WORDS};
use crate::{Finding, Options, Rule};

pub(super) const RULE: Rule = Rule {
    id: "PL2",
    code: "plainer-word",
    easy_read_only: false,
    summary: "a word or phrase has a plainer alternative",
    doc: "\
## PL2 `plainer-word`

**What it finds:** words and phrases with a plainer alternative: the GOV.UK words to
avoid (\"facilitate\", \"leverage\", \"going forward\"), Plain English Campaign pairs
(\"prior to\" → \"before\", \"purchase\" → \"buy\") and the glossary's `say_instead`.
Matching ignores case and finds simple inflections (\"facilitates\", \"facilitated\",
\"facilitating\"). Words used literally are left alone (\"foster carer\", \"key stage\").

**Why it matters:** readers understand common words faster, and abstract words like
\"deliver\" or \"empower\" hide what actually happens. GOV.UK asks for everyday words;
the reading age of a page goes down with them.

**Example:** \"We will facilitate a meeting prior to the review.\" → \"We will help run a
meeting before the review.\"
",
};

/// One term to match: its words (lower case) and the suggestion.
struct Entry<'a> {
    words: Vec<String>,
    instead: &'a str,
    verb_only: bool,
    unless: &'a [&'a str],
}

/// Entries indexed by their first word.
struct Matcher<'a> {
    entries: Vec<Entry<'a>>,
    by_first: HashMap<String, Vec<usize>>,
}

impl<'a> Matcher<'a> {
    fn new(terms: impl Iterator<Item = Entry<'a>>) -> Self {
        let mut m = Matcher {
            entries: Vec::new(),
            by_first: HashMap::new(),
        };
        for e in terms.filter(|e| !e.words.is_empty()) {
            m.by_first
                .entry(e.words[0].clone())
                .or_default()
                .push(m.entries.len());
            m.entries.push(e);
        }
        m
    }
}

fn split_lower(term: &str) -> Vec<String> {
    crate::words(term)
        .into_iter()
        .map(|r| term[r].to_lowercase())
        .collect()
}

fn builtin() -> &'static Matcher<'static> {
    static MATCHER: OnceLock<Matcher<'static>> = OnceLock::new();
    MATCHER.get_or_init(|| {
        Matcher::new(PLAIN_WORDS.iter().map(|p: &PlainWord| Entry {
            words: split_lower(p.term),
            instead: p.instead,
            verb_only: p.verb_only,
            unless: p.unless,
        }))
    })
}

/// Words after which a base form is a verb ("to impact", "will progress").
const VERB_CUES: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "not", "we",
    "they", "i", "you", "did", "does", "do", "cannot", "won't", "don't", "didn't", "doesn't",
];

/// Base forms `word` may be an inflection of, with whether the form is -ed or -ing.
fn lemmas(word: &str) -> Vec<(String, bool)> {
    let mut out = vec![(word.to_string(), false)];
    let mut add = |s: String, verbal: bool| {
        if s.len() >= 2 {
            out.push((s, verbal));
        }
    };
    for (suffix, verbal) in [
        ("ed", true),
        ("ing", true),
        ("es", false),
        ("s", false),
        ("d", true),
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            add(stem.to_string(), verbal);
            if suffix != "s" && suffix != "d" {
                add(format!("{stem}e"), verbal);
            }
            // "committed" → "commit".
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                add(stem[..stem.len() - 1].to_string(), verbal);
            }
        }
    }
    for (suffix, verbal) in [("ies", false), ("ied", true)] {
        if let Some(stem) = word.strip_suffix(suffix) {
            add(format!("{stem}y"), verbal);
        }
    }
    out
}

pub(super) fn check(doc: &Doc<'_>, opts: &Options, out: &mut Vec<Finding>) {
    let extra = Matcher::new(opts.plainer_words.iter().map(|(term, instead)| Entry {
        words: split_lower(term),
        instead,
        verb_only: false,
        unless: &[],
    }));
    let lower: Vec<String> = (0..doc.words.len())
        .map(|i| doc.word(i).to_lowercase())
        .collect();
    let mut i = 0;
    while i < lower.len() {
        let found = find_at(doc, &lower, i, &extra).or_else(|| find_at(doc, &lower, i, builtin()));
        if let Some((len, instead)) = found {
            let range = doc.words[i].start..doc.words[i + len - 1].end;
            let said = &doc.text[range.clone()];
            out.push(Finding::new(
                &RULE,
                range,
                format!("`{said}` has a plainer alternative"),
                format!("say `{instead}` instead"),
            ));
            i += len;
        } else {
            i += 1;
        }
    }
}

/// The entry of `m` that matches at word `i`: its length in words and its suggestion.
fn find_at<'m>(
    doc: &Doc<'_>,
    lower: &[String],
    i: usize,
    m: &'m Matcher<'_>,
) -> Option<(usize, &'m str)> {
    let sentence = doc.sentence_of(i);
    for (lemma, verbal) in lemmas(&lower[i]) {
        let Some(ids) = m.by_first.get(&lemma) else {
            continue;
        };
        for &id in ids {
            let e = &m.entries[id];
            let len = e.words.len();
            if i + len > sentence.end || (1..len).any(|k| lower[i + k] != e.words[k]) {
                continue;
            }
            if e.verb_only
                && !verbal
                && !(i > sentence.start && VERB_CUES.contains(&lower[i - 1].as_str()))
            {
                continue;
            }
            let near = sentence.start.max(i.saturating_sub(3))..sentence.end.min(i + len + 3);
            if near.clone().any(|k| e.unless.contains(&lower[k].as_str())) {
                continue;
            }
            return Some((len, e.instead));
        }
    }
    None
}
