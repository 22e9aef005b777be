//! Finding glossary terms, abbreviations and aliases in text (WCAG 3.1.3, 3.1.4).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use bookshelf_content::Glossary;

/// A match of a glossary name in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermMatch {
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
pub(crate) struct TermMatcher {
    words: Option<AhoCorasick>,
    word_terms: Vec<usize>,
    abbrs: Option<AhoCorasick>,
    abbr_terms: Vec<usize>,
}

impl TermMatcher {
    /// Build the matcher for a glossary.
    pub(crate) fn new(glossary: &Glossary) -> Self {
        let mut words = Vec::new();
        let mut word_terms = Vec::new();
        let mut abbrs = Vec::new();
        let mut abbr_terms = Vec::new();
        for (i, t) in glossary.terms.iter().enumerate() {
            for name in std::iter::once(&t.term).chain(&t.aliases) {
                let name = name.trim();
                if name.len() > 1 {
                    words.push(name.to_string());
                    word_terms.push(i);
                }
            }
            for a in &t.abbreviations {
                if !a.trim().is_empty() {
                    abbrs.push(a.trim().to_string());
                    abbr_terms.push(i);
                }
            }
        }
        let build = |pats: &[String], ci: bool| {
            (!pats.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .ascii_case_insensitive(ci)
                    .build(pats)
                    .expect("glossary patterns build")
            })
        };
        Self {
            words: build(&words, true),
            word_terms,
            abbrs: build(&abbrs, false),
            abbr_terms,
        }
    }

    /// Every whole-word match in `text`, in order, not overlapping.
    pub(crate) fn find(&self, text: &str) -> Vec<TermMatch> {
        let mut found = Vec::new();
        let bounded = |s: usize, e: usize| bookshelf_text::words::is_whole(text, s..e);
        if let Some(ac) = &self.abbrs {
            for m in ac.find_iter(text) {
                let mut end = m.end();
                // "EHCPs" is a plural of "EHCP".
                if text[end..].starts_with('s') && bounded(m.start(), end + 1) {
                    end += 1;
                }
                if bounded(m.start(), end) {
                    found.push(TermMatch {
                        start: m.start(),
                        end,
                        term: self.abbr_terms[m.pattern().as_usize()],
                        abbreviation: true,
                    });
                }
            }
        }
        if let Some(ac) = &self.words {
            for m in ac.find_iter(text) {
                let mut end = m.end();
                for suffix in ["es", "s"] {
                    // `get`, not slicing: the bytes after a name may be the middle of an em
                    // dash, an ellipsis or a euro sign ("consultation—it went well").
                    if text
                        .get(end..end + suffix.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
                        && bounded(m.start(), end + suffix.len())
                    {
                        end += suffix.len();
                        break;
                    }
                }
                if bounded(m.start(), end) {
                    found.push(TermMatch {
                        start: m.start(),
                        end,
                        term: self.word_terms[m.pattern().as_usize()],
                        abbreviation: false,
                    });
                }
            }
        }
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut out: Vec<TermMatch> = Vec::new();
        for m in found {
            if out.last().is_none_or(|l| m.start >= l.end) {
                out.push(m);
            }
        }
        out
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
            text_language: "en-GB".into(),
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
            translation: None,
        };
        let m = TermMatcher::new(&g);
        let text = "Your EHCPs and ehcp. The Parent Carer Forums met parents.";
        let found = m.find(text);
        let names: Vec<_> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(names, ["EHCPs", "Parent Carer Forums", "parents"]);
        assert!(m.find("Parenting").is_empty());
    }

    #[test]
    fn glossary_term_before_em_dash_ellipsis_or_euro_does_not_panic() {
        let g = Glossary {
            terms: vec![
                term("Consultation", &["EHCP"], &["co-production"]),
                term("Café", &[], &[]),
            ],
            ..Default::default()
        };
        let m = TermMatcher::new(&g);
        for c in ["—", "…", "€", "“", "”", "😀", "\u{a0}", "–"] {
            for name in ["consultation", "co-production", "EHCP", "café"] {
                let text = format!("{c}{name}{c}it went well, {name}{c}");
                let found = m.find(&text);
                let names: Vec<_> = found.iter().map(|f| &text[f.start..f.end]).collect();
                assert_eq!(names, [name, name], "{text}");
            }
        }
        // Letters, combining accents and apostrophes join the word: no match, and no panic.
        for c in ["é", "\u{301}", "’"] {
            assert!(m.find(&format!("consultation{c}s")).is_empty());
        }
    }
}
