//! Sentence splitting that copes with abbreviations, numbers, initials, ellipses and
//! quotes, and treats a blank line as a hard break.
//!
//! The one splitter of the workspace: the plain-language rules (PL1, ER3), the easy-read rows
//! render makes (one sentence a row, ER1) and the easy read of a checklist item all call it,
//! so a row and the sentence a rule counts are the same stretch of text.

use std::ops::Range;

/// Abbreviations that never end a sentence: a name or an example always follows.
const NEVER_FINAL: &[&str] = &[
    "e.g", "i.e", "eg", "dr", "mr", "mrs", "ms", "mx", "prof", "st", "mt", "vs", "cf", "cllr",
    "rev", "sgt", "capt", "lt", "col", "gen", "hon", "approx", "incl", "esp", "viz", "ca",
];

/// Abbreviations that do not end a sentence when a number follows ("No. 5", "p. 23").
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "p", "pp", "para", "paras", "vol", "ch", "sec", "fig", "tel", "ext", "art",
];

/// Returns the byte range of every sentence in `text`, in order.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after
/// it) when white space and then something other than a lower-case letter follows.
/// A full stop after an abbreviation such as "e.g.", "Dr" or "Mrs", after "No." or
/// "p." before a number, or after a single capital letter (an initial) does not end
/// a sentence; nor does a full stop inside a number ("3.5"). A blank line always
/// ends a sentence, so headings and list items without a full stop are sentences of
/// their own when the caller separates them with `"\n\n"`; a single line break is
/// just white space. Ranges exclude surrounding white space, and stretches with no
/// letter or digit are left out.
///
/// ```
/// let text = "Dr Smith met Mrs. Jones, e.g. at No. 5 High St. They paid £3.50.\n\nNext steps";
/// let found: Vec<&str> = bookshelf_text::sentences::split(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(found, ["Dr Smith met Mrs. Jones, e.g. at No. 5 High St. They paid £3.50.", "Next steps"]);
/// ```
///
/// (A full stop after "St" never ends a sentence, so the first two sentences above stay
/// together: a trade-off that keeps "St. Mary's" whole.)
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    walk(text, |range| push(&mut out, text, range));
    out
}

/// Byte offsets in `text` where a sentence starts after another one ended inside `text`:
/// the first character of each sentence but the text's first, where [`split`] would end one
/// stretch and begin the next. A stretch with no letter or digit (a lone `"."` where a
/// fragment begins) still ends there, so `". Then"` starts a sentence at `Then`.
///
/// For cutting a run of text into rows, one sentence a row, as easy read does:
///
/// ```
/// let text = "We meet. You choose e.g. the time. Is it 3.5 hours? Yes.";
/// let starts = bookshelf_text::sentences::starts(text);
/// assert_eq!(starts.iter().map(|&s| &text[s..s + 3]).collect::<Vec<_>>(), ["You", "Is ", "Yes"]);
/// ```
pub fn starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut first = true;
    walk(text, |range| {
        if !first {
            out.push(range.start);
        }
        first = false;
    });
    out
}

/// Bytes where something may happen: the ASCII terminators, a line break (a blank line
/// ends a sentence), and the first byte of every terminator outside ASCII (`…` is E2 80 A6,
/// `۔` DB 94, `؟` D8 9F, `।` and `॥` E0 A5 A4/A5). Every other byte is skipped without
/// decoding it, so a page's words cost one table look-up a byte.
const CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = [b'.', b'!', b'?', b'\n', 0xE2, 0xDB, 0xD8, 0xE0];
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// Calls `found` with every stretch between sentence ends, in order, whether or not it has a
/// letter in it, without the white space around it.
fn walk(text: &str, mut found: impl FnMut(Range<usize>)) {
    let b = text.as_bytes();
    // Where the stretch being read may begin: just after the last sentence end.
    let mut from = 0;
    let mut i = 0;
    let mut emit = |from: usize, to: usize| {
        let stretch = &text[from..to];
        let s = from + (stretch.len() - stretch.trim_start().len());
        let e = from + stretch.trim_end().len();
        if s < e {
            found(s..e);
        }
    };
    while let Some(k) = b[i..].iter().position(|&x| CANDIDATE[x as usize]) {
        let at = i + k;
        if b[at] == b'\n' {
            // The whole run of white space around this line break: a blank line in it ends
            // the sentence.
            let run_start = text[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_whitespace())
                .map_or(0, |(k, c)| k + c.len_utf8());
            let run_end = text[at..]
                .find(|c: char| !c.is_whitespace())
                .map_or(text.len(), |k| at + k);
            if b[run_start..run_end]
                .iter()
                .filter(|&&x| x == b'\n')
                .count()
                >= 2
            {
                emit(from, run_start);
                from = run_end;
            }
            i = run_end;
            continue;
        }
        // A byte that only may start a terminator: `at` is on a character boundary, as every
        // candidate byte is ASCII or a lead byte.
        let c = text[at..].chars().next().unwrap_or(' ');
        if !is_terminator(c) {
            i = at + c.len_utf8();
            continue;
        }
        let mut j = at;
        while let Some(t) = text[j..].chars().next().filter(|&t| is_terminator(t)) {
            j += t.len_utf8();
        }
        let run = &text[at..j];
        while let Some(t) = text[j..].chars().next().filter(|&t| is_closer(t)) {
            j += t.len_utf8();
        }
        let at_gap = text[j..].chars().next().is_none_or(char::is_whitespace);
        if at_gap {
            let start = from + (text[from..at].len() - text[from..at].trim_start().len());
            if ends_sentence(text, start, at, run, j) {
                emit(from, j);
                from = j;
            }
        }
        i = j;
    }
    emit(from, text.len());
}

fn push(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    if text[range.clone()].chars().any(char::is_alphanumeric) {
        out.push(range);
    }
}

/// Full stops, question and exclamation marks, in the scripts of the languages bookshelf is
/// written in that put a space after them: Urdu and Arabic end a sentence with `۔` or `؟`,
/// Bengali and Hindi with `।`.
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '\u{06D4}' | '\u{061F}' | '\u{0964}' | '\u{0965}'
    )
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '}' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '‘' | '“' | '(' | '[' | '{' | '«')
}

/// Decides whether the terminators `run` (at `term`, closers up to `after`) end the
/// sentence that began at `start`.
fn ends_sentence(text: &str, start: usize, term: usize, run: &str, after: usize) -> bool {
    let rest = text[after..].trim_start();
    let Some(next) = rest.chars().find(|&c| !is_opener(c)) else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    if run != "." || after != term + 1 {
        return true;
    }
    // The token before the full stop, with inner full stops ("e.g", "U.K").
    let before = &text[start..term];
    let token_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let token = &before[token_start..];
    if token.is_empty() {
        return true;
    }
    let lower = token.to_lowercase();
    if NEVER_FINAL.contains(&lower.as_str()) {
        return false;
    }
    if next.is_ascii_digit() && BEFORE_NUMBER.contains(&lower.as_str()) {
        return false;
    }
    // An initial: "J. K. Rowling".
    let mut chars = token.chars();
    !matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        super::split(text).into_iter().map(|r| &text[r]).collect()
    }

    fn rows(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut last = 0;
        for s in starts(text) {
            out.push(text[last..s].trim());
            last = s;
        }
        out.push(text[last..].trim());
        out
    }

    /// Easy-read rows and the ER3 count once split sentences two ways: the rows kept "etc."
    /// and "no." with the next sentence and split after "Mrs." before a lower-case word was
    /// never possible, while ER3 counted them apart. Now both come from here.
    #[test]
    fn starts_cut_where_split_ends_a_sentence() {
        let text = "Bring letters etc. Then wait. Answer no. It is 2. Next. See No. 5 or Dr. Khan.";
        let cut = rows(text);
        assert_eq!(cut, split(text));
        assert_eq!(
            cut,
            [
                "Bring letters etc.",
                "Then wait.",
                "Answer no.",
                "It is 2.",
                "Next.",
                "See No. 5 or Dr. Khan."
            ]
        );
    }

    /// A run of text that begins just after a link (`[the form](..). Then`) starts its next
    /// sentence after the full stop, though the stretch before it has no word of its own.
    #[test]
    fn starts_after_a_stop_that_opens_the_text() {
        assert_eq!(rows(". Then we meet."), [".", "Then we meet."]);
        assert_eq!(rows("and the end"), ["and the end"]);
        assert!(starts("").is_empty());
    }

    /// Not one byte of a wide character is a start (an em dash before the word, an emoji).
    #[test]
    fn starts_are_char_boundaries() {
        for c in ["—", "…", "€", "“", "😀", "\u{301}", "–"] {
            let t = format!("It went well{c}done. Then we met{c}e.g. Later.");
            let starts = starts(&t);
            assert!(starts.iter().all(|&s| t.is_char_boundary(s)), "{t}");
            assert_eq!(&t[starts[0]..starts[0] + 4], "Then", "{t}");
        }
    }

    /// Found checking the York bookshelf in Urdu: without `۔`, a paragraph was one sentence
    /// of 65 words (PL1).
    #[test]
    fn urdu_arabic_and_bengali_full_stops_end_sentences() {
        assert_eq!(
            split("یہ جاننا مشکل ہو سکتا ہے۔ بہت سی سروسز ہیں۔ کیا آپ آئیں گے؟ হ্যাঁ। ঠিক আছে।"),
            [
                "یہ جاننا مشکل ہو سکتا ہے۔",
                "بہت سی سروسز ہیں۔",
                "کیا آپ آئیں گے؟",
                "হ্যাঁ।",
                "ঠিক আছে।"
            ]
        );
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("One two. Three four! Five six?"),
            ["One two.", "Three four!", "Five six?"]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Ask Dr Patel or Mrs. Khan, e.g. by phone. Bring forms, letters etc. Then wait."),
            [
                "Ask Dr Patel or Mrs. Khan, e.g. by phone.",
                "Bring forms, letters etc.",
                "Then wait."
            ]
        );
        assert_eq!(
            split("Use i.e. and E.g. Both work."),
            ["Use i.e. and E.g. Both work."]
        );
    }

    #[test]
    fn numbers_and_number_abbreviations() {
        assert_eq!(
            split("It costs £3.50 for 1,000 copies. See No. 5 and p. 23 for more. Answer no. It is 2. Next."),
            ["It costs £3.50 for 1,000 copies.", "See No. 5 and p. 23 for more.", "Answer no.", "It is 2.", "Next."]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            split("J. K. Rowling wrote it. A. Smith read it."),
            ["J. K. Rowling wrote it.", "A. Smith read it."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("Wait... and then. Well… Maybe."),
            ["Wait... and then.", "Well…", "Maybe."]
        );
    }

    #[test]
    fn quotes_and_brackets_after_the_stop() {
        assert_eq!(
            split("She said, \"Come in.\" He did. (It was late.) “Why?” she asked. ‘Now!’ Done."),
            [
                "She said, \"Come in.\"",
                "He did.",
                "(It was late.)",
                "“Why?” she asked.",
                "‘Now!’",
                "Done."
            ]
        );
    }

    #[test]
    fn blank_line_is_a_hard_break() {
        let text = "What happens next\n\nWe meet you\n\nWe write a plan. It has steps\nthat you agree.\n\n  \n- Bring a friend";
        assert_eq!(
            split(text),
            [
                "What happens next",
                "We meet you",
                "We write a plan.",
                "It has steps\nthat you agree.",
                "- Bring a friend"
            ]
        );
    }

    #[test]
    fn ranges_exclude_space_and_empty_bits() {
        let text = "  Hello there.   \n\n ***\n\n Bye. ";
        assert_eq!(super::split(text), vec![2..14, 26..30]);
    }

    #[test]
    fn no_terminator_at_end() {
        assert_eq!(
            split("First one. second part stays. Last bit"),
            ["First one. second part stays.", "Last bit"]
        );
    }
    /// The walk that visited every character, as it was before the walk learnt to jump
    /// between the bytes that matter: kept here as the reference the fast one must agree with.
    fn walk_every_char(text: &str, mut found: impl FnMut(Range<usize>)) {
        let mut start: Option<usize> = None;
        let mut last_end = 0; // end of the last non-space character
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            if c.is_whitespace() {
                let run_end = i + text[i..]
                    .find(|c: char| !c.is_whitespace())
                    .unwrap_or(text.len() - i);
                if text[i..run_end].matches('\n').count() >= 2 {
                    if let Some(s) = start.take() {
                        found(s..last_end);
                    }
                }
                i = run_end;
                continue;
            }
            start.get_or_insert(i);
            if is_terminator(c) {
                let mut j = i;
                while let Some(t) = text[j..].chars().next().filter(|&t| is_terminator(t)) {
                    j += t.len_utf8();
                }
                let run = &text[i..j];
                while let Some(t) = text[j..].chars().next().filter(|&t| is_closer(t)) {
                    j += t.len_utf8();
                }
                last_end = j;
                let at_gap = text[j..].chars().next().is_none_or(char::is_whitespace);
                if at_gap && ends_sentence(text, start.unwrap_or(i), i, run, j) {
                    if let Some(s) = start.take() {
                        found(s..j);
                    }
                }
                i = j;
                continue;
            }
            i += c.len_utf8();
            last_end = i;
        }
        if let Some(s) = start {
            found(s..last_end);
        }
    }

    /// The fast walk finds the same stretches as the reference on many random texts made of
    /// the characters that matter (terminators in four scripts, closers, openers, abbreviations,
    /// initials, numbers, line breaks and blank lines, other scripts' letters).
    #[test]
    fn walk_by_candidates_agrees_with_walking_every_character() {
        const PIECES: &[&str] = &[
            "a", "We", "meet", " ", "  ", "\n", "\n\n", " \n \n", ".", "..", "...", "!", "?", "…",
            "۔", "؟", "।", "॥", "\"", "'", "’", "”", ")", "(", "“", "e.g", "Dr", "No", "5", "3.5",
            "J", "St", "é", "ł", "کیا", "है", "\t", "\u{a0}", "—", "x",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..5000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let mut fast = Vec::new();
            walk(&text, |r| fast.push(r));
            let mut slow = Vec::new();
            walk_every_char(&text, |r| slow.push(r));
            assert_eq!(fast, slow, "in {text:?}");
        }
    }
}
