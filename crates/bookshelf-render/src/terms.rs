//! Finding glossary terms, abbreviations and aliases in text (WCAG 3.1.3, 3.1.4).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use bookshelf_content::Glossary;

/// A match of a glossary name in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte range in the text.
    pub start: usize,
    /// End of the match (plural suffix included).
    pub end: usize,
    /// Index of the term in the glossary.
    pub term: usize,
    /// Was it an abbreviation (shown with `<abbr>`)?
    pub abbreviation: bool,
}

/// Finds every glossary name at once: acronyms case-sensitively, words case-insensitively
/// with plurals, whole words only, the longest name first.
///
/// A name can only start where a word starts, so the matcher walks the text's words and
/// looks each one up by its first word in a hash table: one cheap lookup per word, where an
/// automaton over six hundred names steps through a table too big for the cache at every
/// byte. The few names that start with punctuation ("#YES Board") are found by a small
/// automaton of their own.
pub struct TermMatcher {
    table: WordTable,
    marks: Option<Automaton>,
}

/// Whether a character belongs to a word (a name must not start or end inside one).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// Names with the index of their term in the glossary.
type Names = Vec<(String, usize)>;

/// The glossary's names: words and aliases, then abbreviations.
fn names(glossary: &Glossary) -> (Names, Names) {
    let mut words = Vec::new();
    let mut abbrs = Vec::new();
    for (i, t) in glossary.terms.iter().enumerate() {
        for name in std::iter::once(&t.term).chain(&t.aliases) {
            let name = name.trim();
            if name.len() > 1 {
                words.push((name.to_string(), i));
            }
        }
        for a in &t.abbreviations {
            if !a.trim().is_empty() {
                abbrs.push((a.trim().to_string(), i));
            }
        }
    }
    (words, abbrs)
}

impl TermMatcher {
    /// Build the matcher for a glossary.
    pub fn new(glossary: &Glossary) -> Self {
        let (words, abbrs) = names(glossary);
        let starts_a_word = |(n, _): &&(String, usize)| n.chars().next().is_some_and(is_word_char);
        let split = |names: &[(String, usize)]| -> (Vec<_>, Vec<_>) {
            names.iter().cloned().partition(|n| starts_a_word(&n))
        };
        let (words, word_marks) = split(&words);
        let (abbrs, abbr_marks) = split(&abbrs);
        Self {
            table: WordTable::new(&words, &abbrs),
            marks: (!word_marks.is_empty() || !abbr_marks.is_empty())
                .then(|| Automaton::new(&word_marks, &abbr_marks)),
        }
    }

    /// Every whole-word match in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        let found = self.table.find(text);
        match &self.marks {
            None => found,
            Some(marks) => match marks.find(text) {
                more if more.is_empty() => found,
                more => first_longest(found.into_iter().chain(more).collect()),
            },
        }
    }
}

/// Matches sorted by where they start, the longest first, keeping those that do not
/// overlap one kept before.
fn first_longest(mut found: Vec<TermMatch>) -> Vec<TermMatch> {
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<TermMatch> = Vec::new();
    for m in found {
        if out.last().is_none_or(|l| m.start >= l.end) {
            out.push(m);
        }
    }
    out
}

/// Is there a word character just before `s` or just after `e`?
fn bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let after = text[e..].chars().next().is_none_or(|c| !is_word_char(c));
    before && after
}

/// Where a match of `len` bytes at `start` ends once a plural ending is taken in, if it
/// is a whole word: "EHCPs" is a plural of "EHCP", "forums" and "boxes" of their names.
fn whole_word_end(text: &str, start: usize, len: usize, abbreviation: bool) -> Option<usize> {
    let end = start + len;
    let rest = &text.as_bytes()[end..];
    if abbreviation {
        if rest.first() == Some(&b's') && bounded(text, start, end + 1) {
            return Some(end + 1);
        }
    } else {
        for suffix in ["es", "s"] {
            if rest.len() >= suffix.len()
                && rest[..suffix.len()].eq_ignore_ascii_case(suffix.as_bytes())
                && bounded(text, start, end + suffix.len())
            {
                return Some(end + suffix.len());
            }
        }
    }
    bounded(text, start, end).then_some(end)
}

/// One name that starts with a given first word.
struct Candidate {
    name: Box<str>,
    term: usize,
    abbreviation: bool,
}

/// Names by the hash of their first word: words ASCII-lower-cased, abbreviations as written.
struct WordTable {
    by_first: rustc_hash::FxHashMap<u64, Vec<Candidate>>,
    /// The byte lengths that first words have, as a bit set (longer ones share bit 63).
    lengths: u64,
}

fn hash_word(word: &[u8], fold: bool) -> u64 {
    use std::hash::Hasher as _;
    let mut h = rustc_hash::FxHasher::default();
    for &b in word {
        h.write_u8(if fold { b.to_ascii_lowercase() } else { b });
    }
    // Words and abbreviations share the table; a bit tells them apart.
    h.write_u8(fold as u8);
    h.finish()
}

fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The end of the word that starts at `i` (`text[i..]` starts with a word character).
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !(b.is_ascii_alphanumeric() || b == b'\'') {
                break;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("a character");
            if !is_word_char(c) {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

impl WordTable {
    fn new(words: &[(String, usize)], abbrs: &[(String, usize)]) -> Self {
        let mut by_first: rustc_hash::FxHashMap<u64, Vec<Candidate>> = Default::default();
        let mut lengths = 0;
        let all = abbrs
            .iter()
            .map(|n| (n, true))
            .chain(words.iter().map(|n| (n, false)));
        for ((name, term), abbreviation) in all {
            let first = &name[..word_end(name, 0)];
            lengths |= length_bit(first.len());
            by_first
                .entry(hash_word(first.as_bytes(), !abbreviation))
                .or_default()
                .push(Candidate {
                    name: name.as_str().into(),
                    term: *term,
                    abbreviation,
                });
        }
        // Longest first; at equal length an abbreviation before a word, then the order
        // the glossary gives, as the automata's leftmost-longest matches had it.
        for list in by_first.values_mut() {
            list.sort_by_key(|c| (std::cmp::Reverse(c.name.len()), !c.abbreviation));
        }
        Self { by_first, lengths }
    }

    /// The longest whole-word name that starts at `start`, whose first word is `word`.
    fn best_at(&self, text: &str, start: usize, word: &str) -> Option<TermMatch> {
        let mut best: Option<TermMatch> = None;
        let bytes = word.as_bytes();
        // The text's word may be a name's first word with a plural ending on it.
        let mut look = |first: &[u8], fold: bool| {
            if self.lengths & length_bit(first.len()) == 0 {
                return;
            }
            let Some(list) = self.by_first.get(&hash_word(first, fold)) else {
                return;
            };
            let rest = &text.as_bytes()[start..];
            for c in list.iter().filter(|c| c.abbreviation != fold) {
                let n = c.name.as_bytes();
                let same = rest.len() >= n.len()
                    && if fold {
                        rest[..n.len()].eq_ignore_ascii_case(n)
                    } else {
                        &rest[..n.len()] == n
                    };
                if !same {
                    continue;
                }
                if let Some(end) = whole_word_end(text, start, n.len(), c.abbreviation) {
                    if best.as_ref().is_none_or(|b| end > b.end) {
                        best = Some(TermMatch {
                            start,
                            end,
                            term: c.term,
                            abbreviation: c.abbreviation,
                        });
                    }
                    // The list is longest first: no later name here ends further on.
                    break;
                }
            }
        };
        look(bytes, false);
        if bytes.last() == Some(&b's') {
            look(&bytes[..bytes.len() - 1], false);
        }
        look(bytes, true);
        if let Some(stem) = bytes.len().checked_sub(1).map(|n| &bytes[..n]) {
            if bytes[bytes.len() - 1].eq_ignore_ascii_case(&b's') {
                look(stem, true);
                if stem.last().is_some_and(|b| b.eq_ignore_ascii_case(&b'e')) {
                    look(&stem[..stem.len() - 1], true);
                }
            }
        }
        best
    }

    fn find(&self, text: &str) -> Vec<TermMatch> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        // Whether the character before `i` is a word character.
        let mut in_word = false;
        while i < bytes.len() {
            let b = bytes[i];
            let (is_word, len) = if b < 0x80 {
                (b.is_ascii_alphanumeric() || b == b'\'', 1)
            } else {
                let c = text[i..].chars().next().expect("a character");
                (is_word_char(c), c.len_utf8())
            };
            if !is_word || in_word {
                in_word = is_word;
                i += len;
                continue;
            }
            let end = word_end(text, i);
            match self.best_at(text, i, &text[i..end]) {
                Some(m) => {
                    // A match ends where a word does: the next character starts no word.
                    i = m.end;
                    in_word = true;
                    out.push(m);
                }
                None => {
                    i = end;
                    in_word = true;
                }
            }
        }
        out
    }
}

/// Two Aho–Corasick automata (words and abbreviations), for the names that start with
/// punctuation.
struct Automaton {
    words: Option<AhoCorasick>,
    word_terms: Vec<usize>,
    abbrs: Option<AhoCorasick>,
    abbr_terms: Vec<usize>,
}

impl Automaton {
    fn new(words: &[(String, usize)], abbrs: &[(String, usize)]) -> Self {
        let build = |pats: &[(String, usize)], ci: bool| {
            (!pats.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .ascii_case_insensitive(ci)
                    .build(pats.iter().map(|(n, _)| n))
                    .expect("glossary patterns build")
            })
        };
        Self {
            words: build(words, true),
            word_terms: words.iter().map(|(_, t)| *t).collect(),
            abbrs: build(abbrs, false),
            abbr_terms: abbrs.iter().map(|(_, t)| *t).collect(),
        }
    }

    fn find(&self, text: &str) -> Vec<TermMatch> {
        let mut found = Vec::new();
        for (ac, terms, abbreviation) in [
            (&self.abbrs, &self.abbr_terms, true),
            (&self.words, &self.word_terms, false),
        ] {
            let Some(ac) = ac else { continue };
            for m in ac.find_iter(text) {
                if let Some(end) = whole_word_end(text, m.start(), m.len(), abbreviation) {
                    found.push(TermMatch {
                        start: m.start(),
                        end,
                        term: terms[m.pattern().as_usize()],
                        abbreviation,
                    });
                }
            }
        }
        first_longest(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bookshelf_content::Term;

    fn term(name: &str, abbr: &[&str], aliases: &[&str]) -> Term {
        Term {
            slug: bookshelf_content::slug::slugify(name),
            route: String::new(),
            term: name.into(),
            abbreviations: abbr.iter().map(|s| s.to_string()).collect(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            plain: "x".into(),
            easy: None,
            more: None,
            symbol: None,
            see_also: vec![],
            say_instead: None,
            span: 0..0,
        }
    }

    #[test]
    fn acronyms_case_sensitive_words_not() {
        let g = Glossary {
            terms: vec![
                term("Education, Health and Care plan", &["EHCP"], &[]),
                term("Parent carer forum", &[], &["parent forum"]),
                term("Parent", &[], &[]),
            ],
            path: None,
            revision: 0,
        };
        let m = TermMatcher::new(&g);
        assert!(m.marks.is_none());
        let text = "Your EHCPs and ehcp. The Parent Carer Forums met parents.";
        let found = m.find(text);
        let names: Vec<_> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(names, ["EHCPs", "Parent Carer Forums", "parents"]);
        assert!(m.find("Parenting").is_empty());
    }

    fn shown<'t>(found: &[TermMatch], text: &'t str) -> Vec<(&'t str, usize, bool)> {
        found
            .iter()
            .map(|f| (&text[f.start..f.end], f.term, f.abbreviation))
            .collect()
    }

    /// The word table finds what the two automata found before it, on the York glossary and
    /// every sentence of the York content, and on text made to catch the edges: plurals in
    /// both cases, names inside longer words, abbreviations beside words, curly apostrophes,
    /// accents and text that ends in the middle of a name.
    #[test]
    fn the_word_table_agrees_with_the_automata() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let book = bookshelf_content::Loader::new(&root)
            .load()
            .book
            .expect("York loads");
        let g = &book.glossary;
        let (words, abbrs) = names(g);
        let matcher = TermMatcher::new(g);
        assert!(
            matcher.marks.is_some(),
            "York has a name that starts with `#`"
        );
        let automaton = Automaton::new(&words, &abbrs);
        let mut texts: Vec<String> = Vec::new();
        for entry in walkdir::WalkDir::new(root.join("content")) {
            let entry = entry.expect("content is readable");
            if entry.file_type().is_file() {
                let text = std::fs::read_to_string(entry.path()).expect("text");
                texts.extend(text.lines().map(str::to_string));
            }
        }
        let mut edges = Vec::new();
        for t in &g.terms {
            for name in std::iter::once(&t.term)
                .chain(&t.aliases)
                .chain(&t.abbreviations)
            {
                let upper = name.to_ascii_uppercase();
                let lower = name.to_ascii_lowercase();
                for n in [name.as_str(), &upper, &lower] {
                    edges.extend([
                        n.to_string(),
                        format!("{n}s and {n}es, {n}S; {n}ES."),
                        format!("x{n} {n}x {n}’s ({n}) “{n}” é{n} {n}é"),
                        format!("{n}-{n} {n}/{n} {n}{n}"),
                        n.chars().take(n.chars().count() / 2).collect(),
                    ]);
                }
            }
        }
        for text in &texts {
            assert_eq!(
                shown(&matcher.find(text), text),
                shown(&automaton.find(text), text),
                "in {text:?}"
            );
        }
        // On the made-up edges the automata sometimes took a name that was not a whole word
        // and so hid a whole one beside it: each name they found lies inside one the table
        // finds, and each name more the table finds is a whole word.
        let mut more = 0;
        for text in &edges {
            let new = matcher.find(text);
            let old = automaton.find(text);
            for m in &old {
                assert!(
                    new.iter().any(|n| n.start <= m.start && m.end <= n.end),
                    "{:?} in {text:?}: {:?} against {:?}",
                    &text[m.start..m.end],
                    shown(&new, text),
                    shown(&old, text)
                );
            }
            for m in new.iter().filter(|m| !old.contains(m)) {
                let (s, e) = (m.start, m.end);
                assert!(bounded(text, s, e), "{:?} in {text:?}", &text[s..e]);
                more += 1;
            }
        }
        assert!(more > 0, "the edges include a name the automata hid");
    }

    /// Where the automata gave up, the word table goes on: a longer name that is not a
    /// whole word here no longer hides a shorter one that is (the automata took the longest
    /// name at the leftmost place, then threw it away).
    #[test]
    fn a_longer_name_that_is_not_whole_does_not_hide_a_shorter_one() {
        let g = Glossary {
            terms: vec![term("Care plan", &[], &[]), term("Care", &[], &[])],
            path: None,
            revision: 0,
        };
        let m = TermMatcher::new(&g);
        let text = "Care planning starts here.";
        assert_eq!(shown(&m.find(text), text), [("Care", 1, false)]);
        let text = "A scare plan.";
        assert!(m.find(text).is_empty());
    }

    #[test]
    fn a_name_that_starts_with_punctuation_is_found_too() {
        let g = Glossary {
            terms: vec![term("(Local) offer", &[], &[]), term("Offer", &[], &[])],
            path: None,
            revision: 0,
        };
        let m = TermMatcher::new(&g);
        assert!(m.marks.is_some());
        let text = "See the (local) offers and the offer.";
        assert_eq!(
            shown(&m.find(text), text),
            [("(local) offers", 0, false), ("offer", 1, false)]
        );
    }
}
