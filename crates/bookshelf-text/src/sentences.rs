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
mod tests;
