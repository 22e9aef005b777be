//! `check` rules for easy-read pictures and made-up easy read (issue 23):
//! ER2 more key words with symbols on a line than are shown; ER5 a line with no picture for
//! its idea; ER28 one picture standing for more than two different words on a page; ER29 a
//! line's `:name:` picture that is not in the symbol set (with "did you mean"); ER19 nobody
//! recorded as checking an easy read; and, where easy read is made from staff text
//! (checklist items, glossary terms without `easy`), ER3 long lines and ER11 hard words.

use std::collections::BTreeMap;
use std::ops::Range;

use bookshelf_content::{Body, Book, Checklist, Diagnostic};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::ideas::{self, Idea};
use crate::symbols::{SymbolMatch, SymbolMatcher};

/// The rule ids this module adds to an easy-read page's list.
pub const EASY_RULES: &[&str] = &["ER2", "ER5", "ER19", "ER28", "ER29"];

/// One easy-read row as written: its text runs and where each starts in the file.
#[derive(Default)]
struct Row {
    runs: Vec<(String, usize)>,
}

/// The rows of a hand-written easy read: each paragraph or list item (headings are not rows).
fn rows(body: &Body) -> Vec<Row> {
    let mut out = Vec::new();
    let mut row: Option<Row> = None;
    let mut in_heading = false;
    let mut in_code = false;
    let parser = Parser::new_ext(&body.markdown, bookshelf_content::markdown::options());
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Paragraph | Tag::Item) => {
                out.extend(row.take());
                row = Some(Row::default());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => out.extend(row.take()),
            Event::Text(t) if !in_heading && !in_code => {
                let src = &body.markdown[range.clone()];
                let at = src.find(&*t).map_or(range.start, |i| range.start + i);
                if let Some(r) = row.as_mut() {
                    r.runs.push((t.to_string(), body.offset + at));
                }
            }
            _ => {}
        }
    }
    out.extend(row);
    out.retain(|r| r.runs.iter().any(|(t, _)| !t.trim().is_empty()));
    out
}

fn words(text: &str) -> usize {
    bookshelf_text::words(text).len()
}

/// A word (or phrase) standing for a picture on a page, and where it first is.
type Uses = BTreeMap<String, Vec<(String, Range<usize>)>>;

/// ER2, ER5, ER28 and ER29 on a hand-written easy read.
pub fn pictures(body: &Body, symbols: &SymbolMatcher, out: &mut Vec<Diagnostic>) {
    let mut before: Option<Idea> = None;
    let mut uses: Uses = BTreeMap::new();
    for row in rows(body) {
        let Some((first, first_at)) = row.runs.first() else {
            continue;
        };
        let whole: String = row.runs.iter().map(|(t, _)| t.as_str()).collect();
        let start = first_at + (first.len() - first.trim_start().len());
        let end = row
            .runs
            .last()
            .map_or(start, |(t, at)| at + t.trim_end().len());
        let mut named = None;
        if let Some((name, len)) = ideas::named_idea(first.trim_start()) {
            if symbols.set().exists(name) {
                named = Some(Idea {
                    key: format!(":{name}:"),
                    name: name.to_string(),
                });
            } else {
                let help = match symbols.suggest(name) {
                    Some(s) => format!("did you mean `:{s}:`?"),
                    None => "use a name from the symbol set (Twemoji short names such as `handshake`), or add the picture to your symbols folder".into(),
                };
                out.push(
                    Diagnostic::warning("ER29", format!("there is no symbol called `{name}`"))
                        .at(&body.path, start..start + len.min(name.len() + 2))
                        .help(help),
                );
            }
        }
        let mut found: Vec<SymbolMatch> = Vec::new();
        for (t, at) in &row.runs {
            found.extend(symbols.find(t).into_iter().map(|mut m| {
                m.range = at + m.range.start..at + m.range.end;
                m
            }));
        }
        let max = symbols.max_per_line();
        // Key words that carry an idea (phrases and nouns) beyond the limit: some go without
        // their picture, and the line likely holds more than one idea (ER4).
        let mut distinct: Vec<&str> = found
            .iter()
            .filter(|m| m.noun || m.key.contains(' '))
            .map(|m| m.name.as_str())
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() > max {
            out.push(
                Diagnostic::warning(
                    "ER2",
                    format!(
                        "{} key words on this line have pictures; only {max} are shown",
                        distinct.len()
                    ),
                )
                .at(&body.path, start..end.max(start + 1))
                .help("split the line, or write `WORD: never` in the symbol map for a word that needs no picture (see `bookshelf check --explain ER2`)"),
            );
        }
        let idea = named
            .clone()
            .or_else(|| ideas::idea(&found, before.as_ref()));
        if idea.is_none() && words(&whole) >= 3 {
            out.push(
                Diagnostic::warning("ER5", "this line has no picture for its idea")
                    .at(&body.path, start..end.max(start + 1))
                    .help("start the line with a picture's name, e.g. `:handshake: We meet.`, or add its key word to the symbol map (see `bookshelf check --explain ER5`)"),
            );
        }
        for i in ideas::shown(&found, max) {
            let m = &found[i];
            uses.entry(m.name.clone())
                .or_default()
                .push((m.key.clone(), m.range.clone()));
        }
        if let Some(i) = idea.as_ref().filter(|_| named.is_none()) {
            if let Some(m) = found.iter().find(|m| m.key == i.key) {
                uses.entry(i.name.clone())
                    .or_default()
                    .push((m.key.clone(), m.range.clone()));
            }
        }
        if idea.is_some() {
            before = idea;
        }
    }
    for (name, list) in uses {
        let mut keys: Vec<&str> = Vec::new();
        let mut third = None;
        let mut heads: Vec<String> = Vec::new();
        for (k, r) in &list {
            // Keys with the same head word are one word ("forum", "youth forum", "forums").
            let head = head_word(k);
            if !heads.contains(&head) {
                heads.push(head);
                keys.push(k);
                if keys.len() == 3 {
                    third = Some(r.clone());
                }
            }
        }
        if let Some(at) = third.filter(|_| keys.len() > 2) {
            out.push(
                Diagnostic::warning(
                    "ER28",
                    format!(
                        "the picture `{name}` stands for {} different words on this page: {}",
                        keys.len(),
                        keys.join(", ")
                    ),
                )
                .at(&body.path, at)
                .help("give each idea its own picture in the symbol map, or write `WORD: never` for a word that needs none (see `bookshelf check --explain ER28`)"),
            );
        }
    }
}

/// The last word of a key without its ending: in English the head of a phrase ("youth
/// forum" → "forum", "not agreeing" → "agree").
fn head_word(key: &str) -> String {
    let last = key.rsplit(' ').next().unwrap_or(key);
    for end in ["ing", "ed", "es", "s", "e"] {
        if let Some(stem) = last.strip_suffix(end).filter(|s| s.chars().count() >= 3) {
            return stem.to_string();
        }
    }
    last.to_string()
}

/// ER19: a hand-written easy read nobody is recorded as checking.
pub fn checked_by(body: &Body, checked_by: Option<&str>, out: &mut Vec<Diagnostic>) {
    if checked_by.is_some_and(|c| !c.trim().is_empty()) {
        return;
    }
    out.push(
        Diagnostic::warning("ER19", "nobody is recorded as checking this easy read")
            .at(&body.path, 0..3)
            .help("when people with a learning disability have checked it, add `checked_by: WHO` to its front matter (see `bookshelf check --explain ER19`)"),
    );
}

/// ER3 and ER11 on a text made into easy read automatically (one sentence a line), which
/// starts at byte `at` of `file`'s `source`.
fn made_up(
    book: &Book,
    file: &std::path::Path,
    source: Option<&str>,
    at: usize,
    text: &str,
    add: &str,
    out: &mut Vec<Diagnostic>,
) {
    let max = book.config.check.max_easy_sentence_words;
    let known: Vec<String> = book
        .glossary
        .terms
        .iter()
        .flat_map(|t| {
            std::iter::once(t.term.to_lowercase()).chain(t.aliases.iter().map(|a| a.to_lowercase()))
        })
        .collect();
    let place = |r: Range<usize>| {
        let base = source
            .and_then(|s| s.get(at..).and_then(|rest| rest.find(text)).map(|i| at + i))
            .unwrap_or(at);
        base + r.start..base + r.end
    };
    for s in bookshelf_text::sentences(text) {
        let n = words(&text[s.clone()]);
        if n > max {
            out.push(
                Diagnostic::warning(
                    "ER3",
                    format!("this line of easy read made from it has {n} words; the limit is {max}"),
                )
                .at(file, place(s.clone()))
                .help(format!("write a shorter sentence, or add `{add}` in easy words (see `bookshelf check --explain ER3`)")),
            );
        }
    }
    for w in bookshelf_text::words(text) {
        let word = &text[w.clone()];
        let lower = word.to_lowercase();
        if bookshelf_text::syllables(word) >= bookshelf_text::HARD_WORD_SYLLABLES
            && !known
                .iter()
                .any(|k| lower.starts_with(k.as_str()) || k.contains(&lower))
        {
            out.push(
                Diagnostic::warning("ER11", format!("`{word}` is a hard word for easy read"))
                    .at(file, place(w))
                    .help(format!("use an everyday word, add it to the glossary, or add `{add}` in easy words")),
            );
        }
    }
}

/// ER3 and ER11 on a checklist's items that have no `easy` text (English books only).
pub fn checklist(book: &Book, c: &Checklist, source: Option<&str>, out: &mut Vec<Diagnostic>) {
    if !crate::check::is_english(&c.text_language) {
        return;
    }
    for item in c.sections.iter().flat_map(|s| &s.items) {
        if item.easy.is_none() {
            made_up(book, &c.path, source, item.at, &item.text, "easy:", out);
        }
    }
}

/// ER3 and ER11 on glossary terms that have no `easy` definition (English only).
pub fn glossary(book: &Book, source: Option<&str>, out: &mut Vec<Diagnostic>) {
    let Some(path) = &book.glossary.path else {
        return;
    };
    for t in &book.glossary.terms {
        if t.easy.is_none() && crate::check::is_english(&t.text_language) {
            made_up(book, path, source, t.span.start, &t.plain, "easy:", out);
        }
    }
}

/// The documentation of this module's rules, for `bookshelf check --explain`.
pub fn explain(code: &str) -> Option<&'static str> {
    Some(match code.to_ascii_uppercase().as_str() {
        "ER2" => "## ER2 few symbols, above key words\n\n**What it finds:** an easy-read line with more key words that have pictures (phrases and nouns) than are shown above its words (`[easy_read] max_symbols_per_line`, 3).\n\n**Why it matters:** symbols help only above the words that carry the idea; a line with many key words likely holds more than one idea.\n\n**Example:** split \"The panel, the forum and the board meet in the town hall\" into two lines, or write `hall: never` in `content/symbols.yaml`.\n",
        "ER5" => "## ER5 a picture for every idea\n\n**What it finds:** an easy-read line of three words or more with no picture for its idea: no key word in the symbol map and no picture named by the editor.\n\n**Why it matters:** easy-read readers use the picture beside each line to follow it.\n\n**Example:** start the line with a picture's name, `:handshake: We meet every month.`, or add `meeting: handshake` to `content/symbols.yaml`.\n",
        "ER19" => "## ER19 say who checked it\n\n**What it finds:** a hand-written easy read with no `checked_by` in its front matter.\n\n**Why it matters:** readers trust easy read that people with a learning disability have checked; the page says who did when it is recorded.\n\n**Example:** `checked_by: York Inclusion Group`.\n",
        "ER28" => "## ER28 one picture, one idea\n\n**What it finds:** a picture that stands for more than two different words on one easy-read page (word forms such as \"meeting\" and \"meetings\" count once).\n\n**Why it matters:** when one picture means people, group, panel and board, the reader cannot tell the ideas apart.\n\n**Example:** give `panel` and `board` their own pictures in `content/symbols.yaml`, or write `board: never`.\n",
        "ER29" => "## ER29 known picture names\n\n**What it finds:** a line's picture, `:name:`, that is not in the symbol set (Twemoji, or the book's own folder).\n\n**Why it matters:** the line would have no picture.\n\n**Example:** `:hand_shake:` → did you mean `:handshake:`?\n",
        "ER11" => "## ER11 hard words in made-up easy read\n\n**What it finds:** a word of four or more syllables, not in the glossary, in a checklist item or glossary definition that has no `easy` text of its own (its easy read is made from the staff text).\n\n**Why it matters:** easy-read readers need everyday words, or a hard word explained.\n\n**Example:** add `easy: Ask if the family needs someone to help with language.` to the item.\n",
        _ => return None,
    })
}
