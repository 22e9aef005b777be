//! `bookshelf check`: plain-language and easy-read warnings for every page, located in the
//! source file. Prose is taken out of the Markdown block by block, with a map from each
//! piece of prose back to its bytes in the file, so findings point at the right column.

use std::collections::HashSet;
use std::path::Path;

use bookshelf_content::{Body, Book, Diagnostic, Section};
use bookshelf_text::{analyse, Options, Readability};
use serde::Serialize;

use crate::symbols::SymbolMatcher;

mod prose;
mod theme;

pub use prose::Prose;
pub use theme::theme;

/// The figures `check` reports for one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    /// The source file.
    pub file: String,
    /// Standard or easy read.
    pub variant: &'static str,
    /// Words.
    pub words: usize,
    /// Reading age (Flesch–Kincaid grade + 5); `None` (JSON `null`) for a page not in
    /// English, as the formula counts English syllables and means nothing in another language.
    pub reading_age: Option<f64>,
    /// Flesch reading ease; `None` for a page not in English, as for `reading_age`.
    pub flesch_reading_ease: Option<f64>,
    /// Words in the longest sentence.
    pub longest_sentence_words: usize,
    /// Words of four or more syllables.
    pub hard_words: Vec<String>,
    /// The language the page's words are in (its `text_language`).
    pub language: String,
    /// The ids of the rules that ran on it, in order (`PL1`, `PL5`, `ER5`, …): the rules
    /// that know English only on English text.
    pub rules: Vec<&'static str>,
    /// How a hand-written easy read was made, for its editor (readers see only who checked
    /// it, issue 22): `written by hand, checked by NAME` or `written by hand, not checked
    /// yet`. Absent for standard pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub easy_read: Option<String>,
}

/// Whether a language tag names English (`en`, `en-GB`), whose own rules then apply.
pub fn is_english(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("en")
}

pub(crate) fn options(book: &Book, easy: bool, english: bool) -> Options {
    let mut known = HashSet::new();
    let mut plainer = Vec::new();
    for t in &book.glossary.terms {
        known.extend(t.abbreviations.iter().cloned());
        if let Some(s) = &t.say_instead {
            plainer.push((t.term.clone(), s.clone()));
        }
    }
    Options {
        easy_read: easy,
        max_sentence_words: book.config.check.max_sentence_words,
        max_easy_sentence_words: book.config.check.max_easy_sentence_words,
        known_abbreviations: known,
        plainer_words: plainer,
        english,
    }
}

/// The text of one page or easy read to check, and the language it is in.
struct Text<'a> {
    body: &'a Body,
    easy: bool,
    language: &'a str,
    /// The files' texts, for the allows written in them.
    sources: &'a bookshelf_content::SourceMap,
}

fn check_body(
    book: &Book,
    text: Text<'_>,
    symbols: &SymbolMatcher,
    out: &mut Vec<Diagnostic>,
) -> PageSummary {
    let Text {
        body,
        easy,
        language,
        sources,
    } = text;
    let english = is_english(language);
    let opts = options(book, easy, english);
    let prose = Prose::of(body);
    let report = analyse(&prose.text, &opts);
    let mut rules: Vec<&'static str> = bookshelf_text::rules_run(&opts)
        .iter()
        .map(|r| r.id)
        .collect();
    // The rules this module adds: reading age is Flesch–Kincaid, an English formula.
    if easy {
        rules.push("ER17");
        rules.extend(crate::easy_check::EASY_RULES);
    } else if english {
        rules.push("PL5");
    }
    rules.sort_by_key(|id| rule_order(id));
    // A plainer word is suggested once per page, not at every use: once outside the places
    // where an editor allowed it (those are reported, then allowed, in `bookshelf check`).
    let allows = sources
        .get(&body.path)
        .map_or_else(Vec::new, |t| bookshelf_content::allow::find(&body.path, t));
    let mut seen_words = HashSet::new();
    for f in &report.findings {
        let allowed = || {
            let at = prose.source(&f.range);
            allows.iter().any(|a| a.covers(f.id, Some(&at)))
        };
        if f.id == "PL2"
            && !allowed()
            && !seen_words.insert(prose.text[f.range.clone()].to_lowercase())
        {
            continue;
        }
        out.push(
            Diagnostic::warning(f.id, f.message.clone())
                .at(&body.path, prose.source(&f.range))
                .help(format!(
                    "{} (see `bookshelf check --explain {}`)",
                    f.help, f.code
                )),
        );
    }
    let r: &Readability = &report.readability;
    let cfg = &book.config.check;
    let title_at = body.offset.saturating_sub(1).min(body.offset);
    if !easy
        && english
        && r.words >= cfg.min_words_for_reading_age
        && r.reading_age > cfg.max_reading_age
    {
        out.push(
            Diagnostic::warning("PL5", format!("reading age is {:.1}; the aim is {} or under", r.reading_age, cfg.max_reading_age))
                .at(&body.path, title_at..title_at)
                .help("use shorter sentences and shorter, everyday words (see `bookshelf check --explain PL5`)"),
        );
    }
    if easy {
        if r.words > cfg.max_easy_words {
            out.push(
                Diagnostic::warning(
                    "ER17",
                    format!(
                        "this easy read has {} words; keep it under {}",
                        r.words, cfg.max_easy_words
                    ),
                )
                .at(&body.path, title_at..title_at)
                .help("split it into two pages, or leave out what the reader does not need"),
            );
        }
        // ER2, ER5, ER28, ER29: the pictures of each line.
        crate::easy_check::pictures(body, symbols, out);
    }
    PageSummary {
        file: body.path.to_string_lossy().replace('\\', "/"),
        variant: if easy { "easy" } else { "standard" },
        words: r.words,
        reading_age: english.then(|| (r.reading_age * 10.0).round() / 10.0),
        flesch_reading_ease: english.then(|| (r.flesch_reading_ease * 10.0).round() / 10.0),
        longest_sentence_words: report
            .sentences
            .iter()
            .map(|s| s.readability.words)
            .max()
            .unwrap_or(0),
        hard_words: report.hard_words.clone(),
        language: language.to_string(),
        rules,
        easy_read: None,
    }
}

/// What the editor is told about how a hand-written easy read was made (ER19: who checked it).
pub fn easy_read_made(checked_by: Option<&str>) -> String {
    match checked_by {
        Some(who) => format!("written by hand, checked by {who}"),
        None => "written by hand, not checked yet".to_string(),
    }
}

/// Sorts rule ids as the accessibility rules number them: PL before ER, then by number.
fn rule_order(id: &str) -> (bool, u32) {
    let number = id
        .trim_start_matches(char::is_alphabetic)
        .parse()
        .unwrap_or(0);
    (id.starts_with("ER"), number)
}

fn symbol_warning(
    symbols: &SymbolMatcher,
    name: &str,
    file: &Path,
    text: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if symbols.set().exists(name) {
        return;
    }
    let at = text
        .and_then(|t| t.find(&format!(": {name}")).map(|i| i + 2))
        .unwrap_or(0);
    out.push(
        Diagnostic::warning(
            "unknown-symbol",
            format!("there is no symbol called `{name}`"),
        )
        .at(file, at..at + name.len())
        .help(crate::symbol_hints::help(symbols.set(), name)),
    );
}

/// Check every page of a book; returns warnings and a summary per page.
pub fn check(
    book: &Book,
    sources: &bookshelf_content::SourceMap,
) -> (Vec<Diagnostic>, Vec<PageSummary>) {
    let symbols = SymbolMatcher::new(book);
    let mut out = Vec::new();
    let mut pages = Vec::new();
    for page in &book.pages {
        let language = &page.text_language;
        let text = Text {
            body: &page.body,
            easy: false,
            language,
            sources,
        };
        pages.push(check_body(book, text, &symbols, &mut out));
        match &page.easy {
            Some(easy) => {
                let text = Text {
                    body: &easy.body,
                    easy: true,
                    language: &easy.text_language,
                    sources,
                };
                let mut summary = check_body(book, text, &symbols, &mut out);
                summary.easy_read = Some(easy_read_made(easy.checked_by.as_deref()));
                pages.push(summary);
                crate::easy_check::checked_by(&easy.body, easy.checked_by.as_deref(), &mut out);
            }
            None if page.section != Section::Top || page.slug == "index" => out.push(
                Diagnostic::warning("easy-read-missing", "this page has no hand-written easy read")
                    .in_file(&page.body.path)
                    .help(format!(
                        "the site makes one automatically; write `{}.easy.md` beside it for a better one",
                        page.slug
                    )),
            ),
            None => {}
        }
        if let Some(s) = &page.symbol {
            symbol_warning(
                &symbols,
                s,
                &page.body.path,
                sources.get(&page.body.path),
                &mut out,
            );
        }
    }
    let mut languages: Vec<&String> = book.config.languages.keys().collect();
    languages.retain(|l| **l != book.config.book.language);
    for lang in languages {
        check_translations(&book.in_language(lang), lang, sources, &mut out, &mut pages);
    }
    for c in &book.checklists {
        let text = sources.get(&c.path);
        if let Some(s) = &c.symbol {
            symbol_warning(&symbols, s, &c.path, text, &mut out);
        }
        crate::easy_check::checklist(book, c, text, &mut out);
        for item in c.sections.iter().flat_map(|s| &s.items) {
            if !item.explicit_id {
                let at = text.and_then(|t| t.find(&item.text)).unwrap_or(0);
                out.push(
                    Diagnostic::warning("item-id-missing", "this item has no `id`")
                        .at(&c.path, at..at + item.text.len().min(40))
                        .help(format!(
                            "add `id: {}` so ticks are kept when the wording changes",
                            item.id
                        )),
                );
            }
        }
    }
    crate::check_yaml::check(book, sources, &mut out);
    if let Some(path) = &book.symbols.path {
        let text = sources.get(path);
        for (key, name) in &book.symbols.map {
            if !symbols.set().exists(name) {
                let at = book.symbols.lines.get(key).copied().unwrap_or(0);
                let at = text
                    .and_then(|t| t[at..].find(name.as_str()).map(|i| at + i))
                    .unwrap_or(at);
                out.push(
                    Diagnostic::warning(
                        "unknown-symbol",
                        format!("there is no symbol called `{name}`"),
                    )
                    .at(path, at..at + name.len())
                    .help(crate::symbol_hints::help(symbols.set(), name)),
                );
            }
        }
    }
    if let Some(path) = &book.glossary.path {
        let text = sources.get(path);
        crate::easy_check::glossary(book, text, &mut out);
        for t in &book.glossary.terms {
            if let Some(s) = &t.symbol {
                if !symbols.set().exists(s) {
                    let at = text
                        .and_then(|x| x[t.span.clone()].find(s.as_str()))
                        .map_or(t.span.start, |i| t.span.start + i);
                    out.push(
                        Diagnostic::warning(
                            "unknown-symbol",
                            format!("there is no symbol called `{s}`"),
                        )
                        .at(path, at..at + s.len())
                        .help(crate::symbol_hints::help(symbols.set(), s)),
                    );
                }
            }
        }
    }
    (out, pages)
}

/// The texts of the book `in_lang` (the book as readers of `lang` see it) whose words are in
/// `lang`: each translated page and easy read, with its symbols; and each translated
/// checklist's symbol. The untranslated texts were checked in the book's own language.
fn check_translations(
    in_lang: &Book,
    lang: &str,
    sources: &bookshelf_content::SourceMap,
    out: &mut Vec<Diagnostic>,
    pages: &mut Vec<PageSummary>,
) {
    let symbols = SymbolMatcher::new(in_lang);
    for page in &in_lang.pages {
        if page.text_language == lang {
            let text = Text {
                body: &page.body,
                easy: false,
                language: lang,
                sources,
            };
            pages.push(check_body(in_lang, text, &symbols, out));
            if let Some(s) = &page.symbol {
                let path = &page.body.path;
                symbol_warning(&symbols, s, path, sources.get(path), out);
            }
        }
        if let Some(easy) = page.easy.as_ref().filter(|e| e.text_language == lang) {
            let text = Text {
                body: &easy.body,
                easy: true,
                language: lang,
                sources,
            };
            pages.push(check_body(in_lang, text, &symbols, out));
        }
    }
    for c in in_lang
        .checklists
        .iter()
        .filter(|c| c.text_language == lang)
    {
        if let Some(s) = &c.symbol {
            symbol_warning(&symbols, s, &c.path, sources.get(&c.path), out);
        }
    }
    crate::check_yaml::check_translations(in_lang, lang, sources, out);
    crate::check_translated::check(in_lang, lang, out);
}
