//! Word tokens: where each word of a plain-text passage starts and ends.

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
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        // Length of the current dot-separated segment, for "e.g" and "U.K".
        let mut segment = 1;
        let mut prev = c;
        while let Some(&(i, next)) = chars.peek() {
            if next.is_alphanumeric() {
                chars.next();
                end = i + next.len_utf8();
                segment += 1;
                prev = next;
                continue;
            }
            let after = text[i + next.len_utf8()..].chars().next();
            let joins = match next {
                '\'' | '’' | '-' | '\u{2010}' | '\u{2011}' => {
                    after.is_some_and(char::is_alphanumeric)
                }
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

    #[test]
    fn ranges_are_bytes() {
        let text = "café naïve";
        assert_eq!(words(text), vec![0..5, 6..12]);
    }
}
