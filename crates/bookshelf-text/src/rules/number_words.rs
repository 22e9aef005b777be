//! ER12 `number-words`: numbers written as words in easy read.

use crate::analysis::Doc;
use crate::{Finding, Rule};

pub(super) const RULE: Rule = Rule {
    id: "ER12",
    code: "number-words",
    easy_read_only: true,
    english_only: true,
    summary: "easy read writes a number in words",
    doc: "\
## ER12 `number-words`

**What it finds:** a number written in words in easy read (\"two\", \"twenty two\",
\"one hundred and five\"). A lone \"one\" is skipped, since it is so often a pronoun
(\"the one you like\").

**Why it matters:** digits are quicker to recognise than words, and many easy-read
readers know numbers by their digits. Easy read guidance and the Readability
Guidelines say: use digits, even for small numbers.

**Example:** \"The meeting lasts two hours.\" → \"The meeting lasts 2 hours.\"
",
};

/// The value of a number word.
fn value(word: &str) -> Option<u64> {
    const UNITS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let w = word.to_ascii_lowercase();
    if let Some(k) = UNITS.iter().position(|u| *u == w) {
        return Some(k as u64);
    }
    if let Some(k) = TENS.iter().position(|t| *t == w) {
        return Some(20 + 10 * k as u64);
    }
    match w.as_str() {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// The values of a word such as "two" or "twenty-two", or `None` if it is not a number.
fn values(word: &str) -> Option<Vec<u64>> {
    word.split('-').map(value).collect()
}

/// Adds up number words said in order: "one hundred and twenty two" → 122.
fn total(parts: &[u64]) -> u64 {
    let (mut total, mut current) = (0, 0);
    for &v in parts {
        match v {
            100 => current = current.max(1) * 100,
            1_000.. => {
                total += current.max(1) * v;
                current = 0;
            }
            _ => current += v,
        }
    }
    total + current
}

pub(super) fn check(doc: &Doc<'_>, out: &mut Vec<Finding>) {
    for sentence in &doc.sentence_words {
        let mut i = sentence.start;
        while i < sentence.end {
            let Some(first) = values(doc.word(i)) else {
                i += 1;
                continue;
            };
            let mut parts = first;
            let mut last = i;
            let mut k = i + 1;
            while k < sentence.end {
                let gap = &doc.text[doc.words[k - 1].end..doc.words[k].start];
                if !gap.trim().is_empty() {
                    break;
                }
                if let Some(more) = values(doc.word(k)) {
                    parts.extend(more);
                    last = k;
                    k += 1;
                } else if doc.word(k).eq_ignore_ascii_case("and")
                    && k + 1 < sentence.end
                    && values(doc.word(k + 1)).is_some()
                {
                    k += 1;
                } else {
                    break;
                }
            }
            let range = doc.words[i].start..doc.words[last].end;
            let said = &doc.text[range.clone()];
            if !said.eq_ignore_ascii_case("one") {
                out.push(Finding::new(
                    &RULE,
                    range,
                    format!("`{said}` is a number written in words"),
                    format!("write `{}`", total(&parts)),
                ));
            }
            i = last + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals() {
        assert_eq!(total(&[20, 2]), 22);
        assert_eq!(total(&[1, 100, 20, 2]), 122);
        assert_eq!(total(&[100]), 100);
        assert_eq!(total(&[2, 1_000, 5, 100]), 2_500);
        assert_eq!(values("twenty-two"), Some(vec![20, 2]));
        assert_eq!(values("twenty-odd"), None);
    }
}
