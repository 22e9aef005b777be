//! ER8 `capitals`: runs of words in block capitals in easy read.

use crate::abbreviations::caps_runs;
use crate::analysis::Doc;
use crate::{Finding, Rule};

/// Least number of words in capitals that make a block.
const MIN_RUN: usize = 3;

pub(super) const RULE: Rule = Rule {
    id: "ER8",
    code: "capitals",
    easy_read_only: true,
    english_only: false,
    summary: "easy read has a run of three or more words in capitals",
    doc: "\
## ER8 `capitals`

**What it finds:** three or more words in a row written in block capitals, in easy read.

**Why it matters:** words in capitals lose their shape (the ups and downs of the letters)
and are harder to read, especially for people who recognise words by shape. Easy read
guidance says: no blocks of capitals; use bold, sparingly, for emphasis.

**Example:** \"PLEASE BRING THIS LETTER to the meeting.\" → \"Please bring this letter to
the meeting.\"
",
};

pub(super) fn check(doc: &Doc<'_>, out: &mut Vec<Finding>) {
    for run in caps_runs(doc, MIN_RUN) {
        let range = doc.words[run.start].start..doc.words[run.end - 1].end;
        out.push(Finding::new(
            &RULE,
            range,
            format!("{} words in capitals", run.len()),
            "write them in ordinary letters; use bold for emphasis".to_string(),
        ));
    }
}
