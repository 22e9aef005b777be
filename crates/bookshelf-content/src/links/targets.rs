//! The fingerprint of everything a link can point at, made of one part per file, so the
//! loader knows when only the changed files' links need checking.

use std::path::{Path, PathBuf};

use crate::assets::Asset;
use crate::files::content_relative;
use crate::model::{Book, Checklist, Glossary, Page};

fn hash_of(h: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut s = std::collections::hash_map::DefaultHasher::new();
    h.hash(&mut s);
    s.finish()
}

/// What one file adds to the fingerprint of everything a link can point at (files, headings,
/// items, terms, and the files that failed to load). The loader adds up the files' parts:
/// while the sum stays the same, only the links in changed files need checking, and an edit
/// need not go over every page to find that out.
pub(crate) fn targets_of_page(page: &Page) -> u64 {
    hash_of((
        "page",
        &page.body.path,
        page.body
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
    ))
}

/// A checklist's part of the fingerprint: its file, sections and items.
pub(crate) fn targets_of_checklist(c: &Checklist) -> u64 {
    hash_of((
        "checklist",
        &c.path,
        c.sections
            .iter()
            .map(|s| (&s.id, s.items.iter().map(|i| &i.id).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
    ))
}

/// The glossary's part of the fingerprint: its terms and abbreviations.
pub(crate) fn targets_of_glossary(g: &Glossary) -> u64 {
    hash_of((
        "glossary",
        g.terms
            .iter()
            .map(|t| (&t.slug, &t.abbreviations))
            .collect::<Vec<_>>(),
    ))
}

/// A picture's or document's part: its path and its bytes' hash, so the index (which the
/// renderer asks for a file's size and dimensions) is made again when a file changes.
pub(crate) fn targets_of_asset(a: &Asset) -> u64 {
    hash_of(("asset", &a.rel, a.hash, a.size))
}

/// An easy read's part: only that it exists (it changes which bodies are checked).
pub(crate) fn targets_of_easy(path: &Path) -> u64 {
    hash_of(("easy", path))
}

/// Targets lost to errors in a file that loaded (see `points_at_failed`).
pub(crate) fn targets_of_lost(lost: &[PathBuf]) -> u64 {
    hash_of(("lost", lost))
}

/// The part of the fingerprint of link targets the sections' list pages make.
pub(crate) fn sections_key(book: &Book) -> u64 {
    let folders: Vec<&str> = book
        .config
        .sections
        .iter()
        .map(|s| s.folder.as_str())
        .collect();
    hash_of(("sections", folders))
}

/// A file that exists but failed to load: links to it are not reported.
pub(crate) fn targets_of_failed(path: &Path) -> u64 {
    hash_of(("failed", content_relative(path)))
}
