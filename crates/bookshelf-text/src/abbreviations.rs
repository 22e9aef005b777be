//! Finding abbreviations in a passage and whether the text expands them (for PL3 and ER10).

use std::ops::Range;

use crate::analysis::Doc;
use crate::words::is_all_caps;

/// Abbreviations every reader knows, never reported.
const EVERYDAY: &[&str] = &[
    "UK", "USA", "US", "OK", "TV", "NHS", "BBC", "DVD", "ID", "AM", "PM", "PDF",
];

/// Small words an expansion may skip: "Children in Care (CiC)".
const LINKING: &[&str] = &[
    "and", "of", "the", "for", "in", "on", "with", "to", "a", "an", "or", "at", "by",
];

/// One use of an abbreviation.
pub(crate) struct Use {
    /// Byte range of the abbreviation.
    pub(crate) range: Range<usize>,
    /// The abbreviation without a plural "s" ("EHCPs" → "EHCP").
    pub(crate) key: String,
    /// True when the text expands it right here: "Special Educational Needs
    /// Coordinator (SENCO)" or "SENCO (special educational needs coordinator)".
    pub(crate) expanded: bool,
}

/// Every use of an abbreviation in `doc`, in order. Runs of three or more words in
/// capitals are shouting, not abbreviations, and are skipped.
pub(crate) fn uses(doc: &Doc<'_>) -> Vec<Use> {
    let caps = caps_runs(doc, 3);
    let mut out = Vec::new();
    for (i, r) in doc.words.iter().enumerate() {
        if caps.iter().any(|run| run.contains(&i)) {
            continue;
        }
        let word = doc.word(i);
        let mut offset = 0;
        for part in word.split(['-', '\u{2010}', '\u{2011}']) {
            let start = r.start + offset;
            offset += part.len() + 1;
            let bare = part.split(['\'', '’']).next().unwrap_or(part);
            if !is_abbreviation(bare) {
                continue;
            }
            let range = start..start + bare.len();
            let key = bare
                .strip_suffix('s')
                .filter(|k| is_abbreviation(k))
                .unwrap_or(bare)
                .to_string();
            let expanded = expanded(doc.text, &range, &key);
            out.push(Use {
                range,
                key,
                expanded,
            });
        }
    }
    out
}

/// Word-index ranges of runs of at least `min` consecutive words in capitals within a sentence.
pub(crate) fn caps_runs(doc: &Doc<'_>, min: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    for sentence in &doc.sentence_words {
        let mut start = sentence.start;
        for i in sentence.clone().chain(std::iter::once(sentence.end)) {
            let caps = i < sentence.end && {
                let w = doc.word(i);
                is_all_caps(w)
                    && (w.chars().filter(|c| c.is_alphabetic()).count() >= 2 || i > start)
            };
            if !caps {
                if i - start >= min {
                    runs.push(start..i);
                }
                start = i + 1;
            }
        }
    }
    runs
}

/// True for "SENCO", "CiC", "SENCo", "EHCPs", "GPs": a capital first, at least two
/// capitals, fewer lower-case letters than capitals. Not "I", Roman numerals, or the
/// everyday ones ("UK", "TV").
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    if !chars.next().is_some_and(char::is_uppercase) || !word.chars().all(char::is_alphanumeric) {
        return false;
    }
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2 && lower < upper && !is_roman(word) && !EVERYDAY.contains(&word)
}

/// True for a well-formed Roman numeral in capitals ("II", "XIV", "MCM").
fn is_roman(word: &str) -> bool {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let Some(values) = word.chars().map(value).collect::<Option<Vec<u32>>>() else {
        return false;
    };
    let total: u32 = values
        .iter()
        .enumerate()
        .map(|(k, &v)| {
            if values.get(k + 1).is_some_and(|&n| n > v) {
                0u32.wrapping_sub(v)
            } else {
                v
            }
        })
        .fold(0u32, u32::wrapping_add);
    to_roman(total) == word
}

fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in TABLE {
        while n >= v && n < 5000 {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// True when the abbreviation at `range` sits in brackets after its expansion, or is
/// followed by its expansion in brackets.
fn expanded(text: &str, range: &Range<usize>, key: &str) -> bool {
    let letters: Vec<char> = key.chars().flat_map(char::to_lowercase).collect();
    let before = text[..range.start].trim_end();
    let after = text[range.end..]
        .trim_start_matches(['s', '\'', '’'])
        .trim_start();
    if let (Some(long), Some(_)) = (before.strip_suffix('('), after.strip_prefix(')')) {
        // The words before the bracket, at most as many as the letters allow.
        let max_words = (letters.len() * 2).min(letters.len() + 5);
        let long = long.trim_end();
        let words = crate::words(long);
        let first = words.len().saturating_sub(max_words);
        let Some(from) = words.get(first) else {
            return false;
        };
        return initials_match(&letters, &long[from.start..], false);
    }
    if let Some(inner) = after.strip_prefix('(') {
        let inner = &inner[..inner.find(')').unwrap_or(inner.len())];
        return initials_match(&letters, inner, true);
    }
    false
}

/// Schwartz and Hearst's test (2003) that `long` spells out `letters`: each letter is
/// found in order from the right, and the first one starts a word. With `whole`, the
/// match must start at the first word of `long` (linking words aside).
fn initials_match(letters: &[char], long: &str, whole: bool) -> bool {
    let long: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    let mut l = long.len();
    for (s, &c) in letters.iter().enumerate().rev() {
        loop {
            if l == 0 {
                return false;
            }
            l -= 1;
            let word_start = l == 0 || !long[l - 1].is_alphanumeric();
            if long[l] == c && (s > 0 || word_start) {
                break;
            }
        }
    }
    if !whole {
        return true;
    }
    let skipped: String = long[..l].iter().collect();
    crate::words(&skipped)
        .iter()
        .all(|r| LINKING.contains(&&skipped[r.clone()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_an_abbreviation() {
        for yes in ["SENCO", "CiC", "SENCo", "EHCPs", "GPs", "SEND", "LD", "MLD"] {
            assert!(is_abbreviation(yes), "{yes}");
        }
        for no in [
            "I", "A", "UK", "TV", "II", "XIV", "MCM", "McDonald", "iPad", "Hello", "SENCO's",
        ] {
            assert!(!is_abbreviation(no), "{no}");
        }
    }

    #[test]
    fn expansions() {
        let check = |text: &str, abbr: &str| {
            let start = text.find(abbr).unwrap();
            let letters = abbr.trim_end_matches('s');
            expanded(text, &(start..start + abbr.len()), letters)
        };
        assert!(check(
            "Ask the Special Educational Needs Coordinator (SENCO) first.",
            "SENCO"
        ));
        assert!(check(
            "Ask the SENCO (special educational needs coordinator).",
            "SENCO"
        ));
        assert!(check("an Education, Health and Care plan (EHCP)", "EHCP"));
        assert!(check("Children in Care (CiC) meet", "CiC"));
        assert!(check(
            "Education, Health and Care plans (EHCPs) are",
            "EHCPs"
        ));
        assert!(!check("Ask the SENCO (see below).", "SENCO"));
        assert!(!check("the school (SENCO) said", "SENCO"));
        assert!(!check("Ask the SENCO today.", "SENCO"));
    }
}
