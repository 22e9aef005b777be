//! `check` on the words written in YAML: each checklist's `when` and its items' `text`, `why`
//! and `evidence`, and each glossary entry's `plain`, `more` (standard rules) and `easy`
//! (easy-read rules), reported at the line and column where the words are written.
//!
//! YAML may fold a value over several lines or quote it, so the parsed value is not a slice
//! of the file. Each run of non-space characters of the value is found again in the file,
//! in order, after the field's key; a position in the value maps to the run it falls in.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use bookshelf_content::{Book, Diagnostic, SourceMap};
use bookshelf_text::analyse;

use crate::check::{is_english, options, Prose};

/// How far past the previous word the next one may be written (indentation, a line break,
/// a quote): further than this and the word was changed by YAML escaping, so it is skipped.
const MAX_GAP: usize = 160;

/// Where a value's words are in its file: (offset in the value, offset in the file, length).
struct Located(Vec<(usize, usize, usize)>);

impl Located {
    /// Find the words of `value` in `source`, in order, from byte `from`.
    fn find(source: &str, from: usize, value: &str) -> Self {
        let mut runs = Vec::new();
        let mut cursor = from.min(source.len());
        for (start, word) in words(value) {
            let window_end =
                floor_boundary(source, (cursor + word.len() + MAX_GAP).min(source.len()));
            if let Some(i) = source[cursor..window_end].find(word) {
                runs.push((start, cursor + i, word.len()));
                cursor += i + word.len();
            }
        }
        Self(runs)
    }

    /// The file range of a range of the value (a run not found maps to the one before it).
    fn source(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let find = |p: usize| {
            let i = self
                .0
                .partition_point(|(start, _, _)| *start <= p)
                .checked_sub(1)?;
            let (start, src, len) = self.0[i];
            Some(src + (p - start).min(len))
        };
        let s = find(range.start).or_else(|| self.0.first().map(|r| r.1))?;
        let e = find(range.end.saturating_sub(1)).map_or(s + 1, |e| e + 1);
        Some(s..e.max(s + 1))
    }
}

/// The runs of non-space characters of `text`, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One file's texts and what has been said about it.
struct File<'a> {
    book: &'a Book,
    path: &'a Path,
    source: &'a str,
    english: bool,
    /// Plainer words already suggested in this file (once per file, as once per page), and
    /// a glossary entry's own names, which its explanation needs.
    seen: HashSet<String>,
}

impl File<'_> {
    /// Check the Markdown `value` of the field `key`, written at or after byte `from`.
    fn field(
        &mut self,
        from: usize,
        key: &str,
        value: &str,
        easy: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let key_at = find_key(self.source, from, key);
        self.words(key_at, key_at + key.len() + 1, value, easy, out);
    }

    /// Check the Markdown `value` written after byte `at` (a warning that cannot be placed
    /// more closely goes at `key_at`).
    fn words(
        &mut self,
        key_at: usize,
        at: usize,
        value: &str,
        easy: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let located = Located::find(self.source, at, value);
        let prose = Prose::of_markdown(value, 0);
        let opts = options(self.book, easy, self.english);
        for f in analyse(&prose.text, &opts).findings {
            if f.id == "PL2" {
                let word = prose.text[f.range.clone()].to_lowercase();
                let one = word.strip_suffix('s').unwrap_or(&word).to_string();
                if self.seen.contains(&one) || !self.seen.insert(word) {
                    continue;
                }
            }
            let span = located
                .source(&prose.source(&f.range))
                .unwrap_or(key_at..key_at + 1);
            out.push(
                Diagnostic::warning(f.id, f.message)
                    .at(self.path, span)
                    .help(format!(
                        "{} (see `bookshelf check --explain {}`)",
                        f.help, f.code
                    )),
            );
        }
    }
}

/// The key `key:` at or after `from` (at a line's start or after `- `), or `from`.
fn find_key(source: &str, from: usize, key: &str) -> usize {
    let needle = format!("{key}:");
    let mut at = from.min(source.len());
    while let Some(i) = source[at..].find(&needle) {
        let pos = at + i;
        let before = source[..pos].trim_end_matches(' ');
        if before.is_empty() || before.ends_with('\n') || before.ends_with('-') {
            return pos;
        }
        at = pos + needle.len();
    }
    from
}

/// Adds the plain-language warnings for the words of every checklist and the glossary.
pub(crate) fn check(book: &Book, sources: &SourceMap, out: &mut Vec<Diagnostic>) {
    for c in &book.checklists {
        let Some(source) = sources.get(&c.path) else {
            continue;
        };
        let mut file = File {
            book,
            path: &c.path,
            source,
            english: is_english(&c.text_language),
            seen: HashSet::new(),
        };
        file.field(0, "when", &c.when, false, out);
        let mut cursor = find_key(source, 0, "sections");
        for section in &c.sections {
            for item in &section.items {
                let text_at = find_key(source, cursor, "text");
                // The item's fields follow its `- ` (its `id` may come before its `text`).
                let item_at = source[..text_at].rfind("- ").unwrap_or(text_at);
                file.field(text_at, "text", &item.text, false, out);
                for (key, value) in [("why", &item.why), ("evidence", &item.evidence)] {
                    if let Some(value) = value {
                        file.field(item_at, key, value, false, out);
                    }
                }
                cursor = text_at + "text:".len();
            }
        }
    }
    let Some(path) = &book.glossary.path else {
        return;
    };
    let Some(source) = sources.get(path) else {
        return;
    };
    for t in &book.glossary.terms {
        let own = std::iter::once(&t.term)
            .chain(&t.aliases)
            .chain(&t.abbreviations);
        let mut file = File {
            book,
            path,
            source,
            english: is_english(&t.text_language),
            seen: own.map(|w| w.to_lowercase()).collect(),
        };
        let at = t.span.start;
        file.field(at, "plain", &t.plain, false, out);
        if let Some(more) = &t.more {
            file.field(at, "more", more, false, out);
        }
        if let Some(easy) = &t.easy {
            file.field(at, "easy", easy, true, out);
        }
    }
}

/// Adds the warnings for the words of the translations into `lang` (`NAME.LANG.yaml` beside
/// each checklist, `glossary.LANG.yaml`): `in_lang` is the book as readers of `lang` see it.
/// Each value is found in the translation by its first words, as its fields may be in any
/// order there.
pub(crate) fn check_translations(
    in_lang: &Book,
    lang: &str,
    sources: &SourceMap,
    out: &mut Vec<Diagnostic>,
) {
    let beside = |path: &Path| {
        let stem = path.file_stem()?.to_str()?;
        let ext = path.extension()?.to_str()?;
        Some(path.with_file_name(format!("{stem}.{lang}.{ext}")))
    };
    let english = is_english(lang);
    let translated = |path: &Path, texts: Vec<(&str, bool)>, out: &mut Vec<Diagnostic>| {
        let Some(source) = sources.get(path) else {
            return;
        };
        let mut file = File {
            book: in_lang,
            path,
            source,
            english,
            seen: HashSet::new(),
        };
        let mut cursor = 0;
        for (value, easy) in texts {
            let first: String = value
                .lines()
                .next()
                .unwrap_or("")
                .chars()
                .take(24)
                .collect();
            let first = first.trim();
            let at = source[cursor..]
                .find(first)
                .map(|i| cursor + i)
                .or_else(|| source.find(first))
                .unwrap_or(cursor);
            file.words(at, at, value, easy, out);
            cursor = at;
        }
    };
    for c in in_lang
        .checklists
        .iter()
        .filter(|c| c.text_language == lang)
    {
        let Some(path) = beside(&c.path) else {
            continue;
        };
        let mut texts = vec![(c.when.as_str(), false)];
        for item in c.sections.iter().flat_map(|s| &s.items) {
            texts.push((&item.text, false));
            texts.extend(item.why.as_deref().map(|w| (w, false)));
            texts.extend(item.evidence.as_deref().map(|e| (e, false)));
        }
        translated(&path, texts, out);
    }
    if let Some(path) = in_lang.glossary.path.as_deref().and_then(beside) {
        let mut texts = Vec::new();
        for t in in_lang
            .glossary
            .terms
            .iter()
            .filter(|t| t.text_language == lang)
        {
            texts.push((t.plain.as_str(), false));
            texts.extend(t.more.as_deref().map(|m| (m, false)));
            texts.extend(t.easy.as_deref().map(|e| (e, true)));
        }
        translated(&path, texts, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_and_quoted_values_map_to_their_words_in_the_file() {
        let source = "why: >\n  The form must be\n  completed by the SENCO.\nnext: 'it''s here'\n";
        let value = "The form must be completed by the SENCO.";
        let located = Located::find(source, 4, value);
        let at = value.find("completed").unwrap();
        let span = located.source(&(at..at + "completed".len())).unwrap();
        assert_eq!(&source[span], "completed");
        let at = value.find("SENCO").unwrap();
        let span = located.source(&(at..at + 5)).unwrap();
        assert_eq!(&source[span], "SENCO");
        // A word YAML escaped is skipped; its neighbours are still found.
        let value = "it's here";
        let located = Located::find(source, source.find("next").unwrap(), value);
        let span = located.source(&(5..9)).unwrap();
        assert_eq!(&source[span], "here");
    }

    #[test]
    fn a_key_is_found_at_a_line_start_not_inside_a_value() {
        let source = "- text: say why: because\n  why: here\n";
        let at = find_key(source, 0, "why");
        assert_eq!(&source[at..at + 9], "why: here");
        assert_eq!(find_key(source, 0, "text"), 2);
    }
}
