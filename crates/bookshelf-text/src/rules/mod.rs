//! The plain-language rules, one module each, and the list of them all.

mod capitals;
mod easy_abbreviation;
mod easy_long_sentence;
mod long_sentence;
mod number_words;
mod passive_voice;
mod plainer_word;
mod unexplained_abbreviation;

use crate::analysis::Doc;
use crate::{Finding, Options, Rule};

/// Every rule, in the order of the accessibility rules' ids.
static RULES: &[Rule] = &[
    long_sentence::RULE,
    plainer_word::RULE,
    unexplained_abbreviation::RULE,
    passive_voice::RULE,
    easy_long_sentence::RULE,
    capitals::RULE,
    easy_abbreviation::RULE,
    number_words::RULE,
];

/// Every rule this crate checks.
pub fn rules() -> &'static [Rule] {
    RULES
}

/// The rule with this code or id (`long-sentence` or `PL1`; ids ignore case).
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code == code || r.id.eq_ignore_ascii_case(code))
}

/// The documentation of the rule with this code or id, for `bookshelf check --explain`.
///
/// ```
/// let doc = bookshelf_text::explain("passive-voice").unwrap();
/// assert!(doc.contains("Example"));
/// assert_eq!(bookshelf_text::explain("PL6"), Some(doc));
/// assert_eq!(bookshelf_text::explain("no-such-rule"), None);
/// ```
pub fn explain(code: &str) -> Option<&'static str> {
    rule(code).map(|r| r.doc)
}

/// Runs the rules that apply to `opts` (standard or easy read) and appends their findings.
pub(crate) fn check_all(doc: &Doc<'_>, opts: &Options, out: &mut Vec<Finding>) {
    plainer_word::check(doc, opts, out);
    passive_voice::check(doc, out);
    if opts.easy_read {
        easy_long_sentence::check(doc, opts, out);
        capitals::check(doc, out);
        easy_abbreviation::check(doc, out);
        number_words::check(doc, out);
    } else {
        long_sentence::check(doc, opts, out);
        unexplained_abbreviation::check(doc, opts, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_ids_are_unique_and_documented() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(
                a.doc.contains("Why") && a.doc.contains("Example"),
                "{}",
                a.code
            );
            for b in &RULES[i + 1..] {
                assert!(a.code != b.code && a.id != b.id, "{} {}", a.code, b.code);
            }
        }
        assert_eq!(rule("er3").map(|r| r.code), Some("easy-long-sentence"));
    }
}
