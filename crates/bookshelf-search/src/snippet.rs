//! Snippets: a short window of a page's text around its first matches, matched words in `<mark>`.
//!
//! tantivy's `SnippetGenerator` analyses the whole text of every hit; this analyses the text
//! in pieces and stops soon after the first match, which keeps a query's cost flat however
//! long the pages are.

use std::ops::Range;

use crate::lexicon::Lexicon;
use crate::matcher::{Matcher, Wanted};

/// Bytes analysed at a time.
const PIECE: usize = 2048;
/// Longest snippet, in bytes (about 180 characters of English).
const WINDOW: usize = 180;
/// Context kept before the first match in the window, in bytes.
const LEAD: usize = 40;

/// A snippet as escaped HTML with `<mark>` and as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snippet {
    pub(crate) html: String,
    pub(crate) plain: String,
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The ranges of `text` where one of the wanted tokens was indexed, merged where they overlap.
fn marks(matcher: &Matcher, lexicon: &Lexicon, text: &str, wanted: &Wanted) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = floor_boundary(text, (start + PIECE).min(text.len()));
        if end < text.len() {
            end = text[end..]
                .find(char::is_whitespace)
                .map_or(text.len(), |ws| end + ws);
        }
        matcher.analyze(lexicon, &text[start..end], |token, from, to| {
            if wanted.contains(token) {
                found.push(start + from..start + to);
            }
        });
        start = end;
        if found.first().is_some_and(|f| start >= f.start + 4 * WINDOW) {
            break;
        }
    }
    found.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in found {
        match merged.last_mut() {
            Some(last) if last.end > r.start => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The snippet of `text` for the query tokens (see [`Matcher::wanted`]), or `None` when no
/// token occurs in it.
pub(crate) fn make(
    matcher: &Matcher,
    lexicon: &Lexicon,
    text: &str,
    wanted: &Wanted,
) -> Option<Snippet> {
    let marks = marks(matcher, lexicon, text, wanted);
    // The window holding the most marks, the earliest of equals.
    let (anchor, _) = marks
        .iter()
        .enumerate()
        .map(|(i, m)| {
            (
                i,
                marks[i..]
                    .iter()
                    .take_while(|n| n.end <= m.start + WINDOW)
                    .count(),
            )
        })
        .fold(None, |best: Option<(usize, usize)>, (i, n)| match best {
            Some((_, b)) if b >= n => best,
            _ => Some((i, n)),
        })?;
    let first = &marks[anchor];
    let mut from = floor_boundary(text, first.start.saturating_sub(LEAD));
    if from > 0 {
        from = text[from..first.start]
            .find(char::is_whitespace)
            .map_or(first.start, |ws| from + ws + 1);
    }
    let mut to = floor_boundary(text, (from + WINDOW).min(text.len())).max(first.end);
    if to < text.len() {
        to = text[first.end..to]
            .rfind(char::is_whitespace)
            .map_or(to, |ws| first.end + ws);
    }
    let (lead, tail) = (
        if from > 0 { "… " } else { "" },
        if to < text.len() { " …" } else { "" },
    );
    let mut html = String::from(lead);
    let mut at = from;
    for m in marks.iter().filter(|m| m.start >= from && m.end <= to) {
        escape_into(&mut html, &text[at..m.start]);
        html.push_str("<mark>");
        escape_into(&mut html, &text[m.start..m.end]);
        html.push_str("</mark>");
        at = m.end;
    }
    escape_into(&mut html, &text[at..to]);
    html.push_str(tail);
    Some(Snippet {
        html,
        plain: format!("{lead}{}{tail}", &text[from..to]),
    })
}

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    bookshelf_text::html::escape_into(out, text);
}
