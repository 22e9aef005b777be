//! Sentence boundaries: the cases that matter, and the fast walk against the reference.

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
        "a", "We", "meet", " ", "  ", "\n", "\n\n", " \n \n", ".", "..", "...", "!", "?", "…", "۔",
        "؟", "।", "॥", "\"", "'", "’", "”", ")", "(", "“", "e.g", "Dr", "No", "5", "3.5", "J",
        "St", "é", "ł", "کیا", "है", "\t", "\u{a0}", "—", "x",
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
