//! Word tokens: where each word of a plain-text passage starts and ends, and the one
//! definition of a word character that render's glossary and symbol matchers and search's
//! tokenizer share.

use std::ops::Range;

/// Returns the byte range of every word in `text`, in order.
///
/// A word is a run of letters and digits. An apostrophe (`'` or `’`) or a hyphen
/// between two letters or digits stays inside the word, so "don't", "parents’" (without
/// its closing apostrophe) and "co-production" are one word each. A full stop or
/// comma between two digits also stays inside ("3.5", "1,000"), and so do the
/// full stops of a dotted abbreviation ("e.g", "U.K"), whose last full stop is left
/// to the sentence splitter.
///
/// ```
/// let text = "Our co-production group met 3.5 times, e.g. in June.";
/// let words: Vec<&str> = bookshelf_text::words(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(words, ["Our", "co-production", "group", "met", "3.5", "times", "e.g", "in", "June"]);
/// ```
pub fn words(text: &str) -> Vec<Range<usize>> {
    split(text)
}

/// Whether `c` is part of a word: a letter or a digit (`char::is_alphanumeric`), or a
/// combining mark, which belongs to the letter before it ("cafe\u{301}").
///
/// ```
/// use bookshelf_text::words::is_word_char;
/// assert!(is_word_char('é') && is_word_char('7') && is_word_char('\u{301}'));
/// assert!(!is_word_char('-') && !is_word_char('\'') && !is_word_char('—'));
/// ```
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether `c` joins two word characters into one word: an apostrophe (`'`, `’`) or a hyphen
/// (`-`, U+2010, U+2011). Between word characters it is inside the word ("don't",
/// "co-production"); anywhere else it is punctuation ("parents' ", "- ").
#[inline]
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
}

/// Whether `text[range]` is whole words: the character before it and the character after it
/// do not continue a word into it, as [`split`] would find the words. A word character does;
/// so does a joiner that has a word character on its other side ("parent's", "co-production"),
/// but not one that ends or begins a word ("parents' views").
///
/// ```
/// use bookshelf_text::words::is_whole;
/// let text = "parent's co-production parents' plan";
/// assert!(!is_whole(text, 0..6)); // "parent" of "parent's"
/// assert!(!is_whole(text, 12..22)); // "production" of "co-production"
/// assert!(is_whole(text, 23..30)); // "parents" before its apostrophe
/// assert!(is_whole(text, 32..36));
/// ```
#[inline]
pub fn is_whole(text: &str, range: Range<usize>) -> bool {
    let mut before = text[..range.start].chars().rev();
    let open = match before.next() {
        None => true,
        Some(c) if is_joiner(c) => !before.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    };
    let mut after = text[range.end..].chars();
    open && match after.next() {
        None => true,
        Some(c) if is_joiner(c) => !after.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// The byte range of every word in `text` (see [`words`](crate::words()), which is this).
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        // Length of the current dot-separated segment, for "e.g" and "U.K".
        let mut segment = 1;
        let mut prev = c;
        while let Some(&(i, next)) = chars.peek() {
            if is_word_char(next) {
                chars.next();
                end = i + next.len_utf8();
                segment += 1;
                prev = next;
                continue;
            }
            let after = text[i + next.len_utf8()..].chars().next();
            let joins = match next {
                c if is_joiner(c) => after.is_some_and(is_word_char),
                '.' | ',' if prev.is_ascii_digit() => after.is_some_and(|a| a.is_ascii_digit()),
                '.' if segment == 1 && prev.is_alphabetic() => {
                    // "e.g." joins only when a one-letter segment and a full stop follow.
                    let mut rest = text[i + 1..].chars();
                    matches!((rest.next(), rest.next()), (Some(a), Some('.')) if a.is_alphabetic())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            chars.next();
            segment = 0;
            prev = next;
        }
        out.push(start..end);
    }
    out
}

/// True for a combining mark (an accent written after its letter, as in "cafe\u{301}"):
/// it belongs to the word before it, so a glossary or symbol word followed by one is not
/// a whole word. The blocks of combining diacritical marks; other scripts' marks are
/// letters to `char::is_alphanumeric` already or rare in English text.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// True when `word` has at least one letter and every letter is upper case.
pub(crate) fn is_all_caps(word: &str) -> bool {
    let mut any = false;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        any |= c.is_uppercase();
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn keeps_inner_apostrophes_and_hyphens() {
        assert_eq!(
            split("Don't stop—it's a well-known co-production, isn’t it?"),
            [
                "Don't",
                "stop",
                "it's",
                "a",
                "well-known",
                "co-production",
                "isn’t",
                "it"
            ]
        );
    }

    #[test]
    fn drops_outer_punctuation() {
        assert_eq!(
            split("'Hello', (she) said - 'parents' -"),
            ["Hello", "she", "said", "parents"]
        );
    }

    #[test]
    fn numbers_with_points_and_commas() {
        assert_eq!(
            split("1,000 people paid £3.50, 2. Then"),
            ["1,000", "people", "paid", "3.50", "2", "Then"]
        );
    }

    #[test]
    fn dotted_abbreviations() {
        assert_eq!(split("i.e. the U.K. end."), ["i.e", "the", "U.K", "end"]);
    }

    /// Render's glossary links and symbols once had a word character each of their own (the
    /// glossary counted `’` but not `-`, the symbols `-` but not `’`); both now ask
    /// [`is_whole`], which agrees with [`words`].
    #[test]
    fn whole_words_agree_with_the_splitter() {
        let text = "parent’s parents’ co-production well\u{2011}known cafe\u{301} EHCP.";
        for range in words(text) {
            assert!(is_whole(text, range.clone()), "{}", &text[range]);
        }
        assert!(!is_whole(text, 0..6), "parent of parent’s");
        assert!(is_whole(text, 11..18), "parents before ’");
        assert!(!is_whole(text, 25..35), "production of co-production");
        assert!(!is_whole(text, 49..53), "cafe before its accent");
        assert_eq!(&text[words(text)[4].clone()], "cafe\u{301}");
    }

    #[test]
    fn ranges_are_bytes() {
        let text = "café naïve";
        assert_eq!(words(text), vec![0..5, 6..12]);
    }
}
