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

/// The rules [`check_all`] runs for `opts`: standard or easy read, English or not.
///
/// ```
/// use bookshelf_text::{rules_run, Options};
/// let polish = Options { english: false, ..Options::default() };
/// let ids: Vec<&str> = rules_run(&polish).iter().map(|r| r.id).collect();
/// assert_eq!(ids, ["PL1"]);
/// ```
pub fn rules_run(opts: &Options) -> Vec<&'static Rule> {
    let standard = [
        &long_sentence::RULE,
        &plainer_word::RULE,
        &unexplained_abbreviation::RULE,
        &passive_voice::RULE,
    ];
    let easy = [
        &plainer_word::RULE,
        &passive_voice::RULE,
        &easy_long_sentence::RULE,
        &capitals::RULE,
        &easy_abbreviation::RULE,
        &number_words::RULE,
    ];
    let list: &[&'static Rule] = if opts.easy_read { &easy } else { &standard };
    list.iter()
        .copied()
        .filter(|r| opts.english || !r.english_only)
        .collect()
}

/// Runs the rules that apply to `opts` (standard or easy read, English or not) and appends
/// their findings; [`rules_run`] lists them.
pub(crate) fn check_all(doc: &Doc<'_>, opts: &Options, out: &mut Vec<Finding>) {
    if opts.english {
        plainer_word::check(doc, opts, out);
        passive_voice::check(doc, out);
    }
    if opts.easy_read {
        easy_long_sentence::check(doc, opts, out);
        capitals::check(doc, out);
        if opts.english {
            easy_abbreviation::check(doc, out);
            number_words::check(doc, out);
        }
    } else {
        long_sentence::check(doc, opts, out);
        if opts.english {
            unexplained_abbreviation::check(doc, opts, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every finding comes from a rule that `rules_run` lists for its options.
    #[test]
    fn rules_run_lists_what_check_all_runs() {
        let text = "The form must be completed prior to the meeting by the SENCO. \
                    THIS IS IMPORTANT and 3 people can come along with you to the meeting \
                    which is a long sentence that goes on and on and on and on and on.";
        for easy_read in [false, true] {
            for english in [false, true] {
                let opts = Options {
                    easy_read,
                    english,
                    max_sentence_words: 5,
                    max_easy_sentence_words: 5,
                    ..Options::default()
                };
                let run: Vec<&str> = rules_run(&opts).iter().map(|r| r.id).collect();
                let report = crate::analyse(text, &opts);
                assert!(!report.findings.is_empty());
                for f in &report.findings {
                    assert!(run.contains(&f.id), "{} not in {run:?}", f.id);
                }
                assert_eq!(run.contains(&"PL6"), english, "{easy_read} {english}");
            }
        }
    }

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
