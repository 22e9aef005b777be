//! PL1 `long-sentence`: sentences longer than the limit for standard pages.

use crate::analysis::Doc;
use crate::{Finding, Options, Rule};

pub(super) const RULE: Rule = Rule {
    id: "PL1",
    code: "long-sentence",
    easy_read_only: false,
    english_only: false,
    summary: "a sentence has more words than the limit (25 by default)",
    doc: "\
## PL1 `long-sentence`

**What it finds:** a sentence with more words than `max_sentence_words` (25 by default).

**Why it matters:** long sentences make readers hold many ideas at once. GOV.UK keeps
sentences to 25 words or fewer, and an average of 15; readers with a learning disability,
dyslexia or English as an additional language lose the thread sooner.

**Example:** \"If your child still struggles after a few months, the school may ask the
council for an assessment, which looks at what help they need and whether a plan would
give it.\" (33 words) reads better as two sentences: \"If your child still struggles
after a few months, the school may ask the council for an assessment. It looks at what
help your child needs.\"
",
};

pub(super) fn check(doc: &Doc<'_>, opts: &Options, out: &mut Vec<Finding>) {
    check_with(doc, opts.max_sentence_words, &RULE, out);
}

/// Reports every sentence of `doc` with more than `max` words under `rule`.
pub(super) fn check_with(doc: &Doc<'_>, max: usize, rule: &Rule, out: &mut Vec<Finding>) {
    for (range, words) in doc.sentences.iter().zip(&doc.sentence_words) {
        let count = words.len();
        if count > max {
            out.push(Finding::new(
                rule,
                range.clone(),
                format!("sentence has {count} words; the limit is {max}"),
                "split it into shorter sentences, one idea in each".to_string(),
            ));
        }
    }
}
