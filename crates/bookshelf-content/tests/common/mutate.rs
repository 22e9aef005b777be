//! Mutations for the fuzz tests of the content readers and of the renderer (shared by both
//! crates' `tests/fuzz.rs`): one character at a time, or the edits a person makes by
//! accident: punctuation pasted from a word processor, a file cut short, brackets nested deep.

#![allow(dead_code)]

use proptest::prelude::*;

/// Characters and strings that have broken readers and renderers before: wide punctuation
/// after a word (em dash, ellipsis, euro sign, curly quotes), emoji, combining accents,
/// YAML and Markdown syntax, and raw HTML.
pub(crate) const PIECES: &[&str] = &[
    "—",
    "…",
    "€",
    "“",
    "”",
    "‘",
    "’",
    "😀",
    "👩‍👧",
    "e\u{301}",
    "\u{301}",
    "\u{200d}",
    "é",
    "s",
    "es",
    ".",
    ". ",
    "?",
    "!",
    ":",
    ": ",
    "- ",
    "\n",
    "\n\n",
    "\"",
    "'",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "#",
    "&",
    "*",
    "|",
    ">",
    "<",
    "`",
    "```",
    "\t",
    "  ",
    "=",
    "a",
    "A",
    "<abbr>",
    "<br>",
    "<script>",
    "](",
    "](../x.md)",
    "![x](y.png)",
    "{#id}",
    "---",
    "EHCP",
    "SENCO",
    "co-production",
    "consultation",
    "Co-production",
    "family",
    "meeting",
];

/// Wide characters that end a word: what a word processor pastes after one.
pub(crate) const WIDE: &[&str] = &["—", "…", "€", "”", "’", "😀", "\u{301}", "–", "\u{a0}"];

/// One edit.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    /// Replace, insert or delete one character at a position (taken modulo the length).
    Char(usize, u8, char),
    /// Insert one of [`PIECES`] at a position.
    Piece(usize, usize),
    /// Put one of [`WIDE`] right after the end of a word (the n-th, modulo their number).
    AfterWord(usize, usize),
    /// Cut the text short at a position.
    Truncate(usize),
    /// Open `depth` brackets, lists or quotes at a position.
    Nest(usize, u8, usize),
}

/// A strategy for a few edits.
pub(crate) fn edits(max: usize) -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        4 => (any::<usize>(), any::<u8>(), prop_oneof![
            Just(':'), Just('-'), Just(' '), Just('\n'), Just('"'), Just('\''), Just('['),
            Just(']'), Just('{'), Just('#'), Just('&'), Just('*'), Just('|'), Just('>'),
            Just('é'), Just('\t'), Just('='), Just('a'), Just('—'), Just('…'), Just('€'),
        ]).prop_map(|(at, kind, c)| Edit::Char(at, kind, c)),
        6 => (any::<usize>(), 0..PIECES.len()).prop_map(|(at, p)| Edit::Piece(at, p)),
        4 => (any::<usize>(), 0..WIDE.len()).prop_map(|(at, p)| Edit::AfterWord(at, p)),
        1 => any::<usize>().prop_map(Edit::Truncate),
        1 => (any::<usize>(), any::<u8>(), 1usize..200).prop_map(|(at, k, d)| Edit::Nest(at, k, d)),
    ];
    proptest::collection::vec(edit, 1..max)
}

/// Apply `edits` to `text`, on characters, so the result is still UTF-8.
pub(crate) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let at = |n: usize| {
            if chars.is_empty() {
                0
            } else {
                n % (chars.len() + 1)
            }
        };
        match *edit {
            Edit::Char(n, kind, c) => {
                if chars.is_empty() {
                    chars.push(c);
                    continue;
                }
                let i = n % chars.len();
                match kind % 3 {
                    0 => chars[i] = c,
                    1 => chars.insert(i, c),
                    _ => {
                        chars.remove(i);
                    }
                }
            }
            Edit::Piece(n, p) => {
                let i = at(n);
                chars.splice(i..i, PIECES[p].chars());
            }
            Edit::AfterWord(n, p) => {
                let ends: Vec<usize> = (1..=chars.len())
                    .filter(|&i| {
                        chars[i - 1].is_alphanumeric()
                            && chars.get(i).is_none_or(|c| !c.is_alphanumeric())
                    })
                    .collect();
                if let Some(&i) = ends.get(n % ends.len().max(1)) {
                    chars.splice(i..i, WIDE[p].chars());
                }
            }
            Edit::Truncate(n) => {
                let i = at(n);
                chars.truncate(i);
            }
            Edit::Nest(n, kind, depth) => {
                let open = ["[", "{", "- ", "> ", "(", "*", "<details>"][kind as usize % 7];
                let i = at(n);
                let nested: String = open.repeat(depth);
                chars.splice(i..i, nested.chars());
            }
        }
    }
    chars.into_iter().collect()
}
