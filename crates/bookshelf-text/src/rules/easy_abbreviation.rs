//! ER10 `easy-abbreviation`: any abbreviation in easy read that the text does not explain.

use std::collections::HashSet;

use crate::abbreviations::uses;
use crate::analysis::Doc;
use crate::{Finding, Rule};

pub(super) const RULE: Rule = Rule {
    id: "ER10",
    code: "easy-abbreviation",
    easy_read_only: true,
    english_only: true,
    summary: "easy read uses an abbreviation it does not explain",
    doc: "\
## ER10 `easy-abbreviation`

**What it finds:** an abbreviation in easy read, even one in the glossary, unless the
same text writes it out somewhere (\"SENCO (special educational needs coordinator)\").
It is reported once, at its first use.

**Why it matters:** easy read is for people with a learning disability, who may not
know what letters stand for or be able to look them up. GOV.UK and Inclusion Europe
say: use the full words, not acronyms; if one cannot be avoided, explain it.

**Example:** \"Your EHCP says what help you get.\" → \"Your Education, Health and Care
plan says what help you get.\"
",
};

pub(super) fn check(doc: &Doc<'_>, out: &mut Vec<Finding>) {
    let all = uses(doc);
    let explained: HashSet<&str> = all
        .iter()
        .filter(|u| u.expanded)
        .map(|u| u.key.as_str())
        .collect();
    let mut done = HashSet::new();
    for u in &all {
        if explained.contains(u.key.as_str()) || !done.insert(u.key.as_str()) {
            continue;
        }
        let text = &doc.text[u.range.clone()];
        out.push(Finding::new(
            &RULE,
            u.range.clone(),
            format!("`{text}` is an abbreviation"),
            format!(
                "use the full words that `{}` stands for, or explain it",
                u.key
            ),
        ));
    }
}
