//! What one file turned into when it was read ([`Unit`], kept with its size and time in
//! [`Parsed`]), and the parts every reader shares: a file's stamp, revision numbers and a
//! Markdown body with its links and pictures located in the whole file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::diagnostic::Diagnostic;
use crate::links;
use crate::markdown;
use crate::model::{Body, Checklist, EasyPage, Glossary, Page, Section, Symbols};
use crate::translation::TrUnit;

/// What one file turned into. Pages and checklists are behind `Arc`: the book shares them.
#[derive(Debug, Clone)]
pub(super) enum Unit {
    Page(Arc<Page>),
    Easy(Section, String, Arc<EasyPage>),
    Checklist(Arc<Checklist>),
    Glossary(Glossary),
    Symbols(Symbols),
    /// `search-words.yaml` (no language) or `search-words.LANG.yaml`.
    SearchWords(Option<String>, Arc<crate::search_words::SearchWords>),
    /// A translation (`x.pl.md`…) into a language.
    Tr(String, TrUnit),
    /// A picture or document.
    Asset(Arc<crate::assets::Asset>),
    Nothing,
}

#[derive(Debug, Clone)]
pub(super) struct Parsed {
    pub(super) stamp: (u64, Option<SystemTime>),
    pub(super) unit: Unit,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) text: Option<Arc<str>>,
    /// This file's part of the link targets' fingerprint (the `links::targets_of_*` functions).
    pub(super) targets: u64,
    /// The lower-case title pages and checklists are sorted by, made once per read.
    pub(super) sort_title: String,
    /// Link targets lost to errors (`glossary.yaml#senco` for a glossary entry that failed):
    /// links to them are not reported again.
    pub(super) lost: Vec<PathBuf>,
}

impl Parsed {
    pub(super) fn new(
        rel: &Path,
        stamp: (u64, Option<SystemTime>),
        unit: Unit,
        diags: Vec<Diagnostic>,
        text: Option<Arc<str>>,
    ) -> Self {
        let targets = match &unit {
            Unit::Page(p) => links::targets_of_page(p),
            Unit::Easy(..) => links::targets_of_easy(rel),
            Unit::Checklist(c) => links::targets_of_checklist(c),
            Unit::Glossary(g) => links::targets_of_glossary(g),
            Unit::Nothing if diags.iter().any(Diagnostic::is_error) => {
                links::targets_of_failed(rel)
            }
            Unit::Asset(a) => links::targets_of_asset(a),
            Unit::Symbols(_) | Unit::SearchWords(..) | Unit::Tr(..) | Unit::Nothing => 0,
        };
        let sort_title = match &unit {
            Unit::Page(p) => p.title.to_lowercase(),
            Unit::Checklist(c) => c.title.to_lowercase(),
            _ => String::new(),
        };
        Self {
            stamp,
            unit,
            diags,
            text,
            targets,
            sort_title,
            lost: Vec::new(),
        }
    }
}

pub(super) fn stamp(path: &Path) -> (u64, Option<SystemTime>) {
    match std::fs::metadata(path) {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (u64::MAX, None),
    }
}

static REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A new revision number.
pub(super) fn next_revision() -> u64 {
    REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub(super) fn body(rel: &Path, md: &str, offset: usize, diags: &mut Vec<Diagnostic>) -> Body {
    let scan = markdown::scan(md);
    crate::raw_html::report(rel, &scan.html, offset, diags);
    Body {
        revision: next_revision(),
        path: rel.to_path_buf(),
        markdown: Arc::from(md),
        offset,
        // Shared, so assembling the book after an edit does not copy every page's lists.
        headings: Arc::new(scan.headings),
        links: Arc::new(
            scan.links
                .into_iter()
                .map(|l| markdown::RawLink {
                    dest: l.dest,
                    range: l.range.start + offset..l.range.end + offset,
                })
                .collect(),
        ),
        images: Arc::new(
            scan.images
                .into_iter()
                .map(|i| markdown::RawImage {
                    range: i.range.start + offset..i.range.end + offset,
                    ..i
                })
                .collect(),
        ),
    }
}
