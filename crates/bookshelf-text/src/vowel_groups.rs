//! The core of syllable counting: vowel groups in a lower-case word, with the
//! corrections for silent endings, vowel pairs said as two syllables and prefixes.

/// True for the letters that are always vowels (`E` stands for a sounded é).
pub(crate) fn is_vowel_letter(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'E')
}

/// True when `w`, the stem before a plural "-es", ends in a hissing sound ("box", "wish", "page").
pub(crate) fn ends_sibilant(w: &[u8]) -> bool {
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

/// Counts the syllables of a lower-case word by its vowel groups and the corrections.
pub(crate) fn count_rules(w: &[u8]) -> usize {
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
