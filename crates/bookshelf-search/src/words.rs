//! Splitting text into words and folding each word to one spelling (lower case, UK forms).
//!
//! `assets/search.js` repeats exactly these rules (`splitWords`, `foldWord`); the fold table
//! travels in `meta.json` so the two cannot drift apart.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// One word of a text: its byte range in the text and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte offset of the first character.
    pub(crate) from: usize,
    /// Byte offset just past the last character.
    pub(crate) to: usize,
    /// Lower case, apostrophes and hyphens removed, US spellings made UK.
    pub(crate) text: String,
    /// How many hyphen-separated parts the word had (`co-production` has 2); a word of 2 or
    /// 3 parts makes its joined form a compound.
    pub(crate) parts: usize,
}

/// US spellings and the UK spelling the site is indexed under. Words that the `-ize` rule
/// would wrongly change map to themselves.
pub(crate) const FOLD: &[(&str, &str)] = &[
    ("color", "colour"),
    ("colors", "colours"),
    ("colored", "coloured"),
    ("colorful", "colourful"),
    ("behavior", "behaviour"),
    ("behaviors", "behaviours"),
    ("behavioral", "behavioural"),
    ("favor", "favour"),
    ("favorite", "favourite"),
    ("favorites", "favourites"),
    ("honor", "honour"),
    ("neighbor", "neighbour"),
    ("neighbors", "neighbours"),
    ("neighborhood", "neighbourhood"),
    ("labor", "labour"),
    ("humor", "humour"),
    ("rumor", "rumour"),
    ("center", "centre"),
    ("centers", "centres"),
    ("centered", "centred"),
    ("theater", "theatre"),
    ("fiber", "fibre"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("catalog", "catalogue"),
    ("dialog", "dialogue"),
    ("pediatric", "paediatric"),
    ("pediatrician", "paediatrician"),
    ("mom", "mum"),
    ("moms", "mums"),
    ("judgment", "judgement"),
    ("judgments", "judgements"),
    ("counselor", "counsellor"),
    ("counselors", "counsellors"),
    ("counseling", "counselling"),
    ("traveling", "travelling"),
    ("aging", "ageing"),
    ("defense", "defence"),
    ("fulfill", "fulfil"),
    ("fulfills", "fulfils"),
    ("fulfillment", "fulfilment"),
    ("enrollment", "enrolment"),
    ("skillful", "skilful"),
    ("resize", "resize"),
    ("resized", "resized"),
    ("capsize", "capsize"),
    ("downsize", "downsize"),
    ("downsizing", "downsizing"),
    ("oversized", "oversized"),
];

/// Endings after `iz`/`yz` that mark the US `-ize`/`-yze` forms.
const IZE_ENDINGS: &[&str] = &[
    "e", "es", "ed", "ing", "er", "ers", "ation", "ations", "ational",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}')
}

/// Splits `text` into words. A word is a run of letters and digits; a single hyphen or
/// apostrophe between two such characters stays inside the word.
pub(crate) fn split(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut raw = String::new();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        raw.clear();
        raw.push(c);
        let mut end = start + c.len_utf8();
        let mut parts = 1;
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                raw.push(c);
                end = i + c.len_utf8();
                chars.next();
            } else if is_joiner(c) {
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, n)) if is_word_char(n) => {
                        if c == '\'' || c == '\u{2019}' {
                            raw.push('\'');
                        } else {
                            parts += 1;
                        }
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let text = fold(&raw);
        if text.is_empty() {
            continue;
        }
        words.push(Word {
            from: start,
            to: end,
            text,
            parts,
        });
    }
    words
}

/// Lower-cases a raw word, drops a possessive `'s` and other apostrophes, and makes US
/// spellings UK ones.
pub(crate) fn fold(raw: &str) -> String {
    let mut word = raw.to_lowercase();
    if word.ends_with("'s") {
        word.truncate(word.len() - 2);
    }
    word.retain(|c| c != '\'');
    if let Some(uk) = fold_table().get(word.as_str()) {
        return (*uk).to_string();
    }
    uk_ending(&word).unwrap_or(word)
}

/// The `-ise`/`-yse` form of an `-ize`/`-yze` word, if it is one.
fn uk_ending(word: &str) -> Option<String> {
    for ending in IZE_ENDINGS {
        let Some(before) = word.strip_suffix(ending) else {
            continue;
        };
        for (us, uk) in [("iz", "is"), ("yz", "ys")] {
            if let Some(stem) = before.strip_suffix(us) {
                if stem.chars().count() >= 3 {
                    return Some(format!("{stem}{uk}{ending}"));
                }
            }
        }
    }
    None
}

/// Whether `c` joins the parts of a compound (`co-production`).
pub(crate) fn is_hyphen(c: char) -> bool {
    is_joiner(c) && c != '\'' && c != '\u{2019}'
}

/// FNV-1a: short words hash several times faster than with the default SipHash.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by words.
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A hash set of words.
pub(crate) type WordSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fnv>>;

fn fold_table() -> &'static WordMap<&'static str, &'static str> {
    static TABLE: OnceLock<WordMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| FOLD.iter().copied().collect())
}

/// Words never indexed on their own: they still count inside glossary phrases.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from",
    "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "so", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "what",
    "when", "where", "which", "who", "will", "with", "you", "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        split(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn hyphens_and_apostrophes_stay_inside_words() {
        assert_eq!(
            words("Co-production isn't the children's job - really."),
            ["coproduction", "isnt", "the", "children", "job", "really"]
        );
        let w = split("a co-production");
        assert_eq!(w[1].parts, 2);
        assert_eq!((w[1].from, w[1].to), (2, 15));
    }

    #[test]
    fn us_spellings_fold_to_uk() {
        assert_eq!(
            words("organization organize analyzing color center program resize"),
            [
                "organisation",
                "organise",
                "analysing",
                "colour",
                "centre",
                "programme",
                "resize"
            ]
        );
        assert_eq!(words("size prize citizen"), ["size", "prize", "citizen"]);
    }
}
