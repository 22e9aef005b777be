//! The checks that need a translation and its source together: a language `book.toml`
//! lists, a source to translate, item and glossary ids the source has; and gathering the
//! translation files into [`Book::translations`](crate::Book::translations).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{Book, Checklist, Glossary, Page};
use crate::slug::did_you_mean;
use crate::translation::{ChecklistText, TrUnit, Translation};

/// Gather the translation files into `book.translations`, with the checks that need their
/// sources (a listed language, a source, item and term ids), and check the links in
/// translated pages against the book in their language. `there` says whether a source file
/// exists (loaded or not); `siblings` names the source files in a folder, for suggestions.
pub(crate) fn gather(
    book: &mut Book,
    translated: &[(&PathBuf, &str, &TrUnit)],
    there: &dyn Fn(&Path) -> bool,
    siblings: &dyn Fn(&Path) -> Vec<String>,
    failed: &HashSet<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let pages: HashMap<&str, &Page> = book
        .pages
        .iter()
        .map(|p| (p.route.as_str(), &**p))
        .collect();
    let missing = |path: &Path, lang: &str| -> Option<Diagnostic> {
        let source = crate::lang::source_path(path, lang);
        if there(&source) {
            return None;
        }
        let names = siblings(&source);
        Some(missing_source(
            path,
            lang,
            &source,
            names.iter().map(String::as_str),
        ))
    };
    let mut out: BTreeMap<String, Translation> = BTreeMap::new();
    for &(path, lang, unit) in translated {
        if let Some(d) = unknown_language(path, lang, book) {
            diagnostics.push(d);
            continue;
        }
        let t = out.entry(lang.to_string()).or_insert_with(|| Translation {
            lang: lang.to_string(),
            ..Default::default()
        });
        let found = match unit {
            TrUnit::Page(route, text) => pages.contains_key(route.as_str()).then(|| {
                t.pages.insert(route.clone(), text.clone());
            }),
            TrUnit::Easy(route, text) => pages
                .get(route.as_str())
                .is_some_and(|p| p.easy.is_some())
                .then(|| {
                    t.easy.insert(route.clone(), text.clone());
                }),
            TrUnit::Checklist(slug, text) => {
                book.checklists.iter().find(|c| &c.slug == slug).map(|c| {
                    check_items(c, text, diagnostics);
                    t.checklists.insert(slug.clone(), text.clone());
                })
            }
            TrUnit::Glossary(text) => book.glossary.path.is_some().then(|| {
                check_terms(&book.glossary, text, diagnostics);
                t.glossary = Some(text.clone());
            }),
            TrUnit::Symbols(s) => book.symbols.path.is_some().then(|| {
                t.symbols = Some(s.clone());
            }),
        };
        if found.is_none() {
            diagnostics.extend(missing(path, lang));
        }
    }
    drop(pages);
    book.translations = out
        .into_iter()
        .map(|(lang, t)| (lang, Arc::new(t)))
        .collect();
    for (lang, t) in &book.translations {
        let in_lang = book.in_language(lang);
        let bodies = t
            .pages
            .values()
            .map(|p| &p.body)
            .chain(t.easy.values().map(|e| &e.body));
        for body in bodies {
            crate::links::check_body(&in_lang, body, failed, diagnostics);
        }
        if let Some(g) = &t.glossary {
            crate::links::check_glossary_text(&in_lang, g, failed, diagnostics);
        }
    }
}

/// A translation whose language is not in `book.toml`.
pub(crate) fn unknown_language(path: &Path, lang: &str, book: &Book) -> Option<Diagnostic> {
    if book.config.languages.contains_key(lang) {
        return None;
    }
    let listed: Vec<&str> = book.config.languages.keys().map(String::as_str).collect();
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let help = match crate::lang::nearest(lang, listed.iter().copied()) {
        Some(near) => format!(
            "did you mean `{near}`? Rename the file to `{}`, or add `[languages.{lang}]` with a `title` to `book.toml`",
            name.replacen(&format!(".{lang}."), &format!(".{near}."), 1)
        ),
        None => format!("add `[languages.{lang}]` with a `title` to `book.toml`, or rename the file"),
    };
    let what = if lang.eq_ignore_ascii_case(&book.config.book.language) {
        format!("`{lang}` is the book's own language: its words go in the source file")
    } else {
        format!("this file is a translation into `{lang}`, a language `book.toml` does not list")
    };
    Some(
        Diagnostic::error("unknown-language", what)
            .in_file(path)
            .help(help),
    )
}

/// A translation with no source file to translate: `existing` are the names of the source
/// files of that kind in the same folder, for a suggestion.
pub(crate) fn missing_source<'a>(
    path: &Path,
    lang: &str,
    source: &Path,
    existing: impl IntoIterator<Item = &'a str> + Clone,
) -> Diagnostic {
    let shown = |p: &Path| p.to_string_lossy().replace('\\', "/");
    let source_name = source
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let help = match did_you_mean(&source_name, existing) {
        Some(near) => {
            let stem = near.strip_suffix(".easy.md").map_or_else(
                || near.rsplit_once('.').map_or((near, ""), |(a, b)| (a, b)),
                |s| (s, "easy.md"),
            );
            format!(
                "did you mean `{}.{lang}.{}`? A translation is named after its source file",
                stem.0, stem.1
            )
        }
        None => "add the source file first, or rename this file after the source it translates"
            .to_string(),
    };
    Diagnostic::error(
        "missing-source",
        format!(
            "this translates `{}`, which does not exist",
            shown(&crate::files::content_relative(source))
        ),
    )
    .in_file(path)
    .help(help)
}

/// Item ids a checklist translation has that its source does not (errors), and source items
/// it leaves out (warnings: the source's words are shown).
pub(crate) fn check_items(c: &Checklist, t: &ChecklistText, diags: &mut Vec<Diagnostic>) {
    let path = &t.info.path;
    let ids: Vec<&str> = c
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for item in t.sections.iter().flat_map(|s| &s.items) {
        if !ids.contains(&item.id.as_str()) {
            let help = match did_you_mean(&item.id, ids.iter().copied()) {
                Some(near) => format!(
                    "did you mean `{near}`? A translated item has the `id` of its source item"
                ),
                None => format!(
                    "use the `id` of an item in `{}`, or remove this item",
                    c.path.display()
                ),
            };
            diags.push(
                Diagnostic::error(
                    "unknown-item",
                    format!("the source checklist has no item `{}`", item.id),
                )
                .at(path, item.span.clone())
                .help(help),
            );
        } else if !seen.insert(item.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("item `{}` is translated twice", item.id),
                )
                .at(path, item.span.clone())
                .help("keep one translation of each item"),
            );
        }
    }
    for id in ids.iter().filter(|id| !seen.contains(**id)) {
        diags.push(
            Diagnostic::warning(
                "untranslated-item",
                format!("item `{id}` is not translated: readers see the source's words"),
            )
            .at(path, t.sections_at.clone())
            .help(format!(
                "add an item with `id: {id}` and its text in this language"
            )),
        );
    }
}

/// Entries of a glossary translation whose id is not in the source glossary.
pub(crate) fn check_terms(
    g: &Glossary,
    t: &crate::translation::GlossaryText,
    diags: &mut Vec<Diagnostic>,
) {
    for term in &t.terms {
        if g.by_slug(&term.id).is_none() {
            let help = match did_you_mean(&term.id, g.terms.iter().map(|t| t.slug.as_str())) {
                Some(near) => format!("did you mean `{near}`? Use the slug of an entry in `glossary.yaml`"),
                None => "use the slug of an entry in `glossary.yaml` (its `id`, or its term in lower case with hyphens)".to_string(),
            };
            diags.push(
                Diagnostic::error(
                    "unknown-term",
                    format!("the glossary has no entry `{}`", term.id),
                )
                .at(&t.info.path, term.span.clone())
                .help(help),
            );
        }
    }
}
