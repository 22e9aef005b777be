//! Syllable counting for British English: rules over vowel groups, with an
//! exceptions table for words the rules get wrong.

use crate::syllable_exceptions::EXCEPTIONS;
use crate::vowel_groups::{count_rules, ends_sibilant, is_vowel_letter};

/// Counts the syllables of one word.
///
/// The word may hold hyphens (each part is counted and the counts added),
/// apostrophes (ignored) and accented letters. A number counts as one syllable, as in
/// textstat. Anything without a letter or digit has none.
///
/// The count starts from the groups of vowels (`y` counts as a vowel except before a
/// vowel at the start of a word or between two vowels) and then corrects for:
/// silent final `e` (but not `-le`/`-re` after a consonant: "table", "centre"),
/// `-ed` and `-es` endings that add no syllable ("walked", "makes"), silent `-ue`
/// ("league", "unique"), vowel pairs said as two syllables ("media", "create",
/// "being", "actual", "diet"), suffixes after a silent `e` ("lovely", "statement"),
/// `-ism`, the prefixes co- and re- before a vowel ("coordinate", "reuse"), and
/// British `-ogramme`. Words the rules get wrong are in an exceptions table.
///
/// ```
/// use bookshelf_text::syllables;
/// assert_eq!(syllables("co-production"), 4);
/// assert_eq!(syllables("programme"), 2);
/// assert_eq!(syllables("handled"), 2);
/// assert_eq!(syllables("walked"), 1);
/// assert_eq!(syllables("organise"), 3);
/// ```
pub fn syllables(word: &str) -> usize {
    let mut total = 0;
    for part in word.split(['-', '\u{2010}', '\u{2011}']) {
        let mut letters = String::with_capacity(part.len());
        let mut digits = false;
        for c in part.chars() {
            match c {
                'a'..='z' => letters.push(c),
                'A'..='Z' => letters.push(c.to_ascii_lowercase()),
                // A written accent on e is sounded ("café"): keep it as a vowel that is never silent.
                'é' | 'É' => letters.push('E'),
                '0'..='9' => digits = true,
                _ => {
                    if let Some(base) = fold_accent(c) {
                        letters.push(base);
                    }
                }
            }
        }
        if !letters.is_empty() {
            total += count_letters(&letters);
        } else if digits {
            total += 1;
        }
    }
    total
}

fn fold_accent(c: char) -> Option<char> {
    Some(match c.to_lowercase().next()? {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => return None,
    })
}

/// Counts a lower-case ASCII word (with `E` for a sounded é).
fn count_letters(word: &str) -> usize {
    if let Ok(k) = EXCEPTIONS.binary_search_by(|(w, _)| w.cmp(&word)) {
        return EXCEPTIONS[k].1 as usize;
    }
    // A plural or past tense of an exception: "recipes", "soldiers".
    for suffix in ["s", "es", "d", "ed"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if let Ok(k) = EXCEPTIONS.binary_search_by(|(w, _)| w.cmp(&stem)) {
                let extra = usize::from(suffix == "es" && ends_sibilant(stem.as_bytes()))
                    + usize::from(suffix == "ed" && (stem.ends_with('t') || stem.ends_with('d')))
                    + usize::from(suffix == "d" && (stem.ends_with("te") || stem.ends_with("de")));
                return EXCEPTIONS[k].1 as usize + extra;
            }
        }
    }
    if let Some(stem) = word
        .strip_suffix("ogramme")
        .or_else(|| word.strip_suffix("ogrammes"))
    {
        return count_letters(&format!("{stem}ogram"));
    }
    // Suffixes after a silent e: "lovely", "statement", "careless".
    for (suffix, extra, min_stem) in SILENT_E_SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= *min_stem && ends_silent_e(stem.as_bytes()) {
                return count_letters(stem) + extra;
            }
        }
    }
    // Compounds whose first part ends in a silent e: "something", "framework".
    for part in COMPOUND_ENDS {
        if let Some(stem) = word.strip_suffix(part) {
            if stem.len() >= 3 && ends_silent_e(stem.as_bytes()) {
                return count_letters(stem) + count_letters(part);
            }
        }
    }
    let mut count = count_rules(word.as_bytes());
    // "-ically" is said "-ick-lee": "basically", "systematically".
    if word.ends_with("ically") {
        count -= 1;
    }
    count.max(1)
}

/// True when `stem` ends in a consonant and an e that is silent ("love", "manage", "involve").
fn ends_silent_e(s: &[u8]) -> bool {
    let n = s.len();
    n >= 3
        && s[n - 1] == b'e'
        && !is_vowel_letter(s[n - 2])
        && s[n - 2] != b'y'
        && (is_vowel_letter(s[n - 3])
            || [
                b"lve", b"nce", b"nge", b"rce", b"rge", b"dge", b"nse", b"rse", b"lse", b"ste",
            ]
            .iter()
            .any(|e| s.ends_with(*e)))
}

const COMPOUND_ENDS: &[&str] = &[
    "thing", "things", "time", "times", "one", "work", "works", "where", "hold", "holds", "holder",
    "holders", "guard", "guards", "guarding", "line", "lines", "body", "place", "places", "side",
    "sides", "way", "ways", "like", "wise", "book", "books", "room", "rooms",
];

const SILENT_E_SUFFIXES: &[(&str, usize, usize)] = &[
    ("ments", 1, 4),
    ("ment", 1, 4),
    ("fully", 2, 3),
    ("ful", 1, 3),
    ("less", 1, 3),
    ("ness", 1, 3),
    ("ly", 1, 3),
    ("ship", 1, 3),
    ("dom", 1, 3),
    ("ships", 1, 3),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceptions_table_is_sorted_and_lower_case() {
        for pair in EXCEPTIONS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        assert!(EXCEPTIONS
            .iter()
            .all(|(w, _)| w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn rules() {
        for (word, n) in [
            ("the", 1),
            ("table", 2),
            ("tables", 2),
            ("handled", 2),
            ("called", 1),
            ("wanted", 2),
            ("walked", 1),
            ("makes", 1),
            ("pages", 2),
            ("played", 1),
            ("centre", 2),
            ("centres", 2),
            ("league", 1),
            ("unique", 2),
            ("argue", 2),
            ("media", 3),
            ("social", 2),
            ("nation", 2),
            ("being", 2),
            ("actual", 3),
            ("diet", 2),
            ("lovely", 2),
            ("statement", 2),
            ("autism", 3),
            ("coordinate", 4),
            ("reuse", 2),
            ("react", 2),
            ("real", 1),
            ("programmes", 2),
            ("café", 2),
            ("don't", 1),
            ("2024", 1),
            ("---", 0),
            ("co-production", 4),
            ("behaviour", 3),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn exceptions_cover_inflections() {
        assert_eq!(syllables("people"), 2);
        assert_eq!(syllables("recipes"), 3);
    }
}
