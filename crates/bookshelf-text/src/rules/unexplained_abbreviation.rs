//! PL3 `unexplained-abbreviation`: abbreviations neither in the glossary nor expanded at first use.

use std::collections::HashSet;

use crate::abbreviations::uses;
use crate::analysis::Doc;
use crate::{Finding, Options, Rule};

pub(super) const RULE: Rule = Rule {
    id: "PL3",
    code: "unexplained-abbreviation",
    easy_read_only: false,
    english_only: true,
    summary: "an abbreviation is not in the glossary and not written out at first use",
    doc: "\
## PL3 `unexplained-abbreviation`

**What it finds:** the first use of an abbreviation (two or more capitals, such as
\"SENCO\", \"CiC\" or \"SENCo\") that is not in the glossary and is not written out where
it is first used. Written out means the words come first with the abbreviation in
brackets, \"Special Educational Needs Coordinator (SENCO)\", or the other way round,
\"SENCO (special educational needs coordinator)\": the initials of the words must spell
the abbreviation. Roman numerals, \"I\" and everyday ones (UK, OK, TV, NHS) are skipped.

**Why it matters:** families new to SEND do not know its jargon, and a screen reader
may spell out or mispronounce letters. WCAG 3.1.4 asks for the expanded form
(technique G97: write it in full at first use).

**Example:** \"Talk to the SENCO.\" → \"Talk to the special educational needs coordinator
(SENCO).\", or add SENCO to the glossary.
",
};

pub(super) fn check(doc: &Doc<'_>, opts: &Options, out: &mut Vec<Finding>) {
    let mut done = HashSet::new();
    for u in uses(doc) {
        let text = &doc.text[u.range.clone()];
        if opts.known_abbreviations.contains(text) || opts.known_abbreviations.contains(&u.key) {
            continue;
        }
        if !done.insert(u.key.clone()) || u.expanded {
            continue;
        }
        out.push(Finding::new(
            &RULE,
            u.range,
            format!("`{text}` is not explained at its first use"),
            format!(
                "write it in full the first time, then `({})` after it, or add it to the glossary",
                u.key
            ),
        ));
    }
}
