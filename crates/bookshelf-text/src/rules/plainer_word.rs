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
    english_only: true,
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
    /// Inflections of the last word of a phrase ("annual reviews").
    last_forms: Vec<String>,
    instead: &'a str,
    verb_only: bool,
    unless: &'a [&'a str],
}

/// Entries indexed by every inflection of their first word, with whether that form is
/// a verb form (-ed, -ing).
struct Matcher<'a> {
    entries: Vec<Entry<'a>>,
    by_first: HashMap<String, Vec<(usize, bool)>>,
}

impl<'a> Matcher<'a> {
    fn new(terms: impl Iterator<Item = (&'a str, &'a str, bool, &'a [&'a str])>) -> Self {
        let mut m = Matcher {
            entries: Vec::new(),
            by_first: HashMap::new(),
        };
        for (term, instead, verb_only, unless) in terms {
            let words: Vec<String> = crate::words(term)
                .into_iter()
                .map(|r| term[r].to_lowercase())
                .collect();
            let Some(first) = words.first() else { continue };
            for (form, verbal) in forms(first) {
                m.by_first
                    .entry(form)
                    .or_default()
                    .push((m.entries.len(), verbal));
            }
            let last_forms = match words.last() {
                Some(last) if words.len() > 1 => forms(last).into_iter().map(|(f, _)| f).collect(),
                _ => Vec::new(),
            };
            m.entries.push(Entry {
                words,
                last_forms,
                instead,
                verb_only,
                unless,
            });
        }
        m
    }
}

fn builtin() -> &'static Matcher<'static> {
    static MATCHER: OnceLock<Matcher<'static>> = OnceLock::new();
    MATCHER.get_or_init(|| {
        Matcher::new(
            PLAIN_WORDS
                .iter()
                .map(|p: &PlainWord| (p.term, p.instead, p.verb_only, p.unless)),
        )
    })
}

/// Words after which a base form is a verb ("to impact", "will progress").
const VERB_CUES: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "not", "we",
    "they", "i", "you", "did", "does", "do", "cannot", "won't", "don't", "didn't", "doesn't",
];

/// The simple inflections of `base`, each with whether it is a verb form (-ed, -ing):
/// "facilitate" → facilitates, facilitated, facilitating; "commit" → committed.
fn forms(base: &str) -> Vec<(String, bool)> {
    let mut out = vec![
        (base.to_string(), false),
        (format!("{base}s"), false),
        (format!("{base}es"), false),
    ];
    if let Some(stem) = base.strip_suffix('e') {
        out.push((format!("{base}d"), true));
        out.push((format!("{stem}ing"), true));
    } else {
        out.push((format!("{base}ed"), true));
        out.push((format!("{base}ing"), true));
    }
    let b = base.as_bytes();
    if let [.., p, b'y'] = b {
        if !b"aeiou".contains(p) {
            let stem = &base[..base.len() - 1];
            out.push((format!("{stem}ies"), false));
            out.push((format!("{stem}ied"), true));
        }
    }
    if let [.., v, c] = b {
        if b"aeiou".contains(v) && !b"aeiouwxy".contains(c) {
            let last = *c as char;
            out.push((format!("{base}{last}ed"), true));
            out.push((format!("{base}{last}ing"), true));
        }
    }
    out
}

pub(super) fn check(doc: &Doc<'_>, opts: &Options, out: &mut Vec<Finding>) {
    let extra = Matcher::new(
        opts.plainer_words
            .iter()
            .map(|(term, instead)| (term.as_str(), instead.as_str(), false, &[][..])),
    );
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
    let ids = m.by_first.get(&lower[i])?;
    let sentence = doc.sentence_of(i);
    for &(id, verbal) in ids {
        let e = &m.entries[id];
        let len = e.words.len();
        if i + len > sentence.end {
            continue;
        }
        // Later words must match exactly, but the last may be inflected ("annual reviews").
        let matches = |k: usize| {
            lower[i + k] == e.words[k] || (k == len - 1 && e.last_forms.contains(&lower[i + k]))
        };
        if !(1..len).all(matches) {
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
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let f = |w: &str| forms(w).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert!(f("facilitate").iter().any(|x| x == "facilitating"));
        assert!(f("commit").iter().any(|x| x == "committed"));
        assert!(f("modify").iter().any(|x| x == "modified"));
        assert!(f("purchase").iter().any(|x| x == "purchases"));
    }
}
