//! Splitting text into words and folding each word to one spelling (lower case, UK forms).
//!
//! `assets/search.js` repeats exactly these rules (`splitWords`, `foldWord`); the fold table
//! travels in `meta.json` so the two cannot drift apart.

use std::borrow::Cow;
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

/// Whether `c` can be part of a word: a letter, a digit or a combining mark, as everywhere
/// in bookshelf ([`bookshelf_text::words::is_word_char`]).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    bookshelf_text::words::is_word_char(c)
}

#[inline]
fn is_joiner(c: char) -> bool {
    bookshelf_text::words::is_joiner(c)
}

/// The character at byte `i` of `text` and its length; ASCII without decoding.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// Calls `f(from, to, parts)` for each word of `text`. A word is a run of word characters;
/// a single hyphen or apostrophe between two such characters stays inside the word.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, usize)) {
    let len = text.len();
    let mut i = 0;
    while i < len {
        let (c, n) = char_at(text, i);
        i += n;
        if !is_word_char(c) {
            continue;
        }
        let start = i - n;
        let (end, parts) = word_end(text, i);
        i = end;
        f(start, end, parts);
    }
}

/// Where a word goes on to, given that the text before byte `i` is part of it (and `i` is past
/// a letter or digit): the end of the word and the number of hyphen-separated parts it has
/// from `i` on, counting the one `i` is in.
#[inline]
pub(crate) fn word_end(text: &str, mut i: usize) -> (usize, usize) {
    let len = text.len();
    let mut parts = 1;
    while i < len {
        let (c, n) = char_at(text, i);
        if is_word_char(c) {
            i += n;
        } else if is_joiner(c) && i + n < len && is_word_char(char_at(text, i + n).0) {
            if is_hyphen(c) {
                parts += 1;
            }
            i += n;
        } else {
            break;
        }
    }
    (i, parts)
}

/// The raw form of a word found by [`for_each_word`]: hyphens dropped, apostrophes made `'`.
pub(crate) fn raw_form(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.contains('-') {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .filter(|c| !is_hyphen(*c))
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect(),
    )
}

/// How a language folds its words: English's own steps (possessive `'s`, US → UK spellings),
/// and the articles it elides before an apostrophe (`l'école` is searched as `école`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Folding {
    /// Whether English's own steps apply.
    pub(crate) english: bool,
    /// Folded articles that an apostrophe joins to the next word (French `l`, `qu`, …).
    pub(crate) elided: &'static [&'static str],
}

impl Folding {
    /// English's folding.
    pub(crate) const ENGLISH: Folding = Folding {
        english: true,
        elided: &[],
    };
}

/// Splits `text` into words (see [`for_each_word`]), each folded as `folding` says.
pub(crate) fn split(text: &str, folding: Folding) -> Vec<Word> {
    let mut words = Vec::new();
    for_each_word(text, |from, to, parts| {
        let text = fold(&raw_form(&text[from..to]), folding);
        if !text.is_empty() {
            words.push(Word {
                from,
                to,
                text,
                parts,
            });
        }
    });
    words
}

/// Lower-cases a raw word, drops an elided article before its first apostrophe (in a language
/// that elides) and its apostrophes; in English, also a possessive `'s`, and makes US
/// spellings UK ones.
pub(crate) fn fold(raw: &str, folding: Folding) -> String {
    let english = folding.english;
    let mut word = raw.to_lowercase();
    if let Some((article, rest)) = word.split_once('\'') {
        if !rest.is_empty() && folding.elided.contains(&article) {
            word = rest.to_string();
        }
    }
    if english && word.ends_with("'s") {
        word.truncate(word.len() - 2);
    }
    word.retain(|c| c != '\'');
    if !english {
        return word;
    }
    if let Some(uk) = fold_table().get(word.as_str()) {
        return (*uk).to_string();
    }
    bookshelf_text::forms::uk_ending(&word).unwrap_or(word)
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
        split(text, Folding::ENGLISH)
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn hyphens_and_apostrophes_stay_inside_words() {
        assert_eq!(
            words("Co-production isn't the children's job - really."),
            ["coproduction", "isnt", "the", "children", "job", "really"]
        );
        let w = split("a co-production", Folding::ENGLISH);
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

    #[test]
    fn joiners_stay_only_between_letters() {
        fn spans(text: &str) -> Vec<(&str, usize)> {
            let mut out = Vec::new();
            for_each_word(text, |from, to, parts| out.push((&text[from..to], parts)));
            out
        }
        assert_eq!(
            spans("a--b c- -d e’f x-y-z Ünï-cödé 2024"),
            [
                ("a", 1),
                ("b", 1),
                ("c", 1),
                ("d", 1),
                ("e’f", 1),
                ("x-y-z", 3),
                ("Ünï-cödé", 2),
                ("2024", 1)
            ]
        );
        assert_eq!(words("Children’s e’f"), ["children", "ef"]);
    }
}
