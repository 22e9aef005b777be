//! What a rule reports: a [`Finding`] with a stable code, a byte range, a message and a
//! suggestion; and the [`Rule`] that describes each code.

use serde::Serialize;
use std::ops::Range;

/// One problem found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable kebab-case code of the rule, such as `long-sentence`.
    pub code: &'static str,
    /// The rule's id in the accessibility rules (`PL1`, `ER3`, ...).
    pub id: &'static str,
    /// Byte range in the analysed text.
    pub range: Range<usize>,
    /// A short phrase saying what is wrong, with literals in backticks.
    pub message: String,
    /// A suggestion for fixing it.
    pub help: String,
}

impl Finding {
    pub(crate) fn new(rule: &Rule, range: Range<usize>, message: String, help: String) -> Self {
        Finding {
            code: rule.code,
            id: rule.id,
            range,
            message,
            help,
        }
    }
}

/// A plain-language rule: its codes and its documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The id from the accessibility rules (`PL1`, `ER3`, ...).
    pub id: &'static str,
    /// Stable kebab-case code used in findings and `--explain`.
    pub code: &'static str,
    /// True when the rule runs on easy-read text only.
    pub easy_read_only: bool,
    /// True when the rule knows English words or grammar (plainer words, passive voice,
    /// abbreviations explained in words, number words), so it runs on English text only.
    pub english_only: bool,
    /// One-line summary.
    pub summary: &'static str,
    /// What it finds, why it matters to a reader, and an example.
    pub doc: &'static str,
}
