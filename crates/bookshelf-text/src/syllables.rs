//! Syllable counting for British English: rules over vowel groups, with an
//! exceptions table for words the rules get wrong.

use crate::syllable_exceptions::EXCEPTIONS;

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

fn is_vowel_letter(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'E')
}

/// True when `w`, the stem before a plural "-es", ends in a hissing sound ("box", "wish", "page").
fn ends_sibilant(w: &[u8]) -> bool {
    matches!(w.last(), Some(b's' | b'x' | b'z'))
        || w.ends_with(b"ch")
        || w.ends_with(b"sh")
        || w.ends_with(b"ge")
        || w.ends_with(b"ce")
}

/// Marks which letters act as vowels.
fn vowel_map(w: &[u8]) -> Vec<bool> {
    let n = w.len();
    let mut v: Vec<bool> = w.iter().map(|&c| is_vowel_letter(c)).collect();
    for i in 0..n {
        if w[i] == b'y' {
            let next_vowel = i + 1 < n && is_vowel_letter(w[i + 1]);
            let prev_vowel = i > 0 && v[i - 1];
            // A consonant before a vowel at the start ("yes") or between vowels ("player").
            v[i] = !(next_vowel && (i == 0 || prev_vowel));
        }
    }
    v
}

fn count_rules(w: &[u8]) -> usize {
    let n = w.len();
    let v = vowel_map(w);
    let mut count = 0;
    let mut groups = 0;
    let mut i = 0;
    // Start of the last vowel group.
    let mut last_group = 0;
    while i < n {
        if v[i] {
            groups += 1;
            last_group = i;
            let mut j = i;
            while j + 1 < n && v[j + 1] {
                if splits(w, j) {
                    count += 1;
                }
                j += 1;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    count += groups;
    if groups > 1 && silent_ending(w, &v, last_group) {
        count -= 1;
    }
    if w.ends_with(b"ism") || w.ends_with(b"isms") || w.ends_with(b"asm") || w.ends_with(b"asms") {
        count += 1;
    }
    if prefix_splits(w) {
        count += 1;
    }
    // "McDonald", "McKenzie": the Mc is a syllable of its own.
    if w.len() > 3 && w.starts_with(b"mc") && !is_vowel_letter(w[2]) {
        count += 1;
    }
    count
}

/// True when the last vowel group (starting at `g`) is a silent ending.
fn silent_ending(w: &[u8], v: &[bool], g: usize) -> bool {
    let n = w.len();
    let tail = &w[g..];
    let cons = |k: usize| k < n && !v[k];
    match tail {
        b"e" => {
            let (p, pp) = (w[n - 2], if n >= 3 { w[n - 3] } else { b'a' });
            // "table", "centre": the e is sounded after consonant + l/r.
            !((p == b'l' && cons(n - 3) && pp != b'l') || (p == b'r' && cons(n - 3) && pp != b'r'))
        }
        b"es" | b"ed" => {
            let p = w[n - 3];
            if g == 0 || !cons(n - 3) {
                return false;
            }
            let pp = if n >= 4 { w[n - 4] } else { b'a' };
            let sounded_lr = (p == b'l' && pp != b'l' || p == b'r' && pp != b'r') && cons(n - 4);
            if tail == b"es" {
                !(ends_sibilant(&w[..n - 2]) || matches!(p, b'c' | b'g') || sounded_lr)
            } else {
                !(p == b't' || p == b'd' || sounded_lr)
            }
        }
        b"ue" | b"ues" | b"ued" => {
            // "unique", "league", "tongue" but not "argue" or "value".
            let p = w[g - 1];
            p == b'q' || (p == b'g' && g >= 2 && (v[g - 2] || w[g - 2] == b'n'))
        }
        _ => false,
    }
}

/// True when the vowels at `j` and `j + 1` are said as two syllables.
fn splits(w: &[u8], j: usize) -> bool {
    let n = w.len();
    let (a, b) = (w[j], w[j + 1]);
    let prev = if j > 0 { w[j - 1] } else { b' ' };
    let next = if j + 2 < n { w[j + 2] } else { b' ' };
    let rest = &w[j + 2..];
    // "being", "going", "seeing", "continuing" (not "ageing", whose e is silent).
    if b == b'i' && (rest == b"ng" || rest == b"ngs") {
        return a != b'e' || j < 2 || !is_vowel_letter(w[j - 2]);
    }
    match (a, b) {
        (b'i', b'a') => {
            !matches!(prev, b'c' | b't' | b's' | b'g')
                || (next == b't' && rest.len() > 1)
                || (prev == b's' && next == b's')
        }
        (b'i', b'o') => match next {
            b'n' => !matches!(prev, b't' | b's' | b'c' | b'g' | b'x' | b'l' | b'n' | b'h'),
            b'u' => !(matches!(prev, b't' | b'c' | b'x' | b'g' | b's') || rest.starts_with(b"ur")),
            b'r' => !matches!(prev, b'n' | b'l' | b'v'),
            _ => true,
        },
        (b'i', b'u') => true,
        (b'i', b'e') => {
            (next == b't')
                || (matches!(rest, b"r" | b"rs" | b"st") && n > 5)
                || ((rest.starts_with(b"nt") || rest.starts_with(b"nc"))
                    && !matches!(prev, b'c' | b't' | b'q'))
        }
        (b'e', b'o') => {
            !((prev == b'g' && matches!(next, b'n' | b'r' | b'u'))
                || (matches!(prev, b'c' | b't') && next == b'u'))
        }
        (b'e', b'a') => {
            (j + 2 == n && n > 3)
                || w.starts_with(b"reali")
                || (j >= 2 && &w[j - 2..j] == b"cr" && next == b't')
                || (rest == b"te" && j > 1)
                || (prev == b'p' && next == b'n')
        }
        (b'e', b'u') => rest == b"m",
        (b'e', b'i') => rest.starts_with(b"ty"),
        (b'u', b'a') => !matches!(prev, b'q' | b'g'),
        (b'u', b'e') => !matches!(prev, b'q' | b'g') && matches!(next, b'l' | b'n' | b't'),
        (b'u', b'i') => !matches!(prev, b'q' | b'g' | b'b') && matches!(next, b'n' | b'd'),
        (b'u', b'o') => prev != b'q',
        (b'o', b'e') => matches!(next, b'm' | b't'),
        (b'o', b'i') => rest == b"c",
        (b'y', _) => prev != b'w' && !is_vowel_letter(prev),
        _ => false,
    }
}

/// True when a prefix before a vowel is its own syllable: "coordinate", "reuse".
fn prefix_splits(w: &[u8]) -> bool {
    const CO: &[&[u8]] = &[
        b"coord", b"cooper", b"coex", b"coed", b"coau", b"coerc", b"coinc", b"coali", b"coopt",
        b"cooccur",
    ];
    if CO.iter().any(|p| w.starts_with(p)) {
        return true;
    }
    if w.len() < 5 || !w.starts_with(b"re") {
        return false;
    }
    match w[2] {
        b'u' => true,
        b'a' => ["ct", "ss", "pp", "dj", "rr", "rm", "wa", "lloc", "cq", "dm"]
            .iter()
            .any(|s| w[3..].starts_with(s.as_bytes())),
        b'i' => {
            matches!(w[3], b'n' | b'm')
                && w.len() > 5
                && !is_vowel_letter(w[4])
                && !matches!(w[4], b'g' | b'd')
                && !(w[4] == b's' && w.len() <= 6)
        }
        b'e' => {
            w[3..].starts_with(b"val") || w[3..].starts_with(b"duc") || w[3..].starts_with(b"mer")
        }
        _ => false,
    }
}

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
