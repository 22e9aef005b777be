//! ER3 `easy-long-sentence`: sentences longer than the limit for easy read.

use super::long_sentence::check_with;
use crate::analysis::Doc;
use crate::{Finding, Options, Rule};

pub(super) const RULE: Rule = Rule {
    id: "ER3",
    code: "easy-long-sentence",
    easy_read_only: true,
    english_only: false,
    summary: "an easy-read sentence has more words than the limit (15 by default)",
    doc: "\
## ER3 `easy-long-sentence`

**What it finds:** a sentence in easy read with more words than
`max_easy_sentence_words` (15 by default).

**Why it matters:** easy read is for people with a learning disability. The Department
of Health guidelines ask for 10 to 15 words a sentence, one idea per sentence, each
sentence on its own line with its picture.

**Example:** \"You can bring a friend or someone from your family to the meeting if you
want to.\" (17 words) becomes \"You can bring a friend to the meeting.\" and \"Or you can
bring someone from your family.\"
",
};

pub(super) fn check(doc: &Doc<'_>, opts: &Options, out: &mut Vec<Finding>) {
    check_with(doc, opts.max_easy_sentence_words, &RULE, out);
}
