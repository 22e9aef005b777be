//! Loading a book: read each file once, keep what was parsed, and reparse only what changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::files::{
    classify, content_relative, is_ignored_path, outside_link, read_text, walk, walk_under,
    FileKind,
};
use crate::model::{Body, Book, Checklist, EasyPage, Glossary, Page, Section, Symbols};
use crate::translation::TrUnit;
use crate::{checklist, config, frontmatter, glossary, links, markdown, translate, translation};

/// What one file turned into. Pages and checklists are behind `Arc`: the book shares them.
#[derive(Debug, Clone)]
enum Unit {
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
struct Parsed {
    stamp: (u64, Option<SystemTime>),
    unit: Unit,
    diags: Vec<Diagnostic>,
    text: Option<Arc<str>>,
    /// This file's part of the link targets' fingerprint (the `links::targets_of_*` functions).
    targets: u64,
    /// The lower-case title pages and checklists are sorted by, made once per read.
    sort_title: String,
    /// Link targets lost to errors (`glossary.yaml#senco` for a glossary entry that failed):
    /// links to them are not reported again.
    lost: Vec<PathBuf>,
}

impl Parsed {
    fn new(
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

/// The result of loading: a book if there were no errors, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The book, when nothing was an error.
    pub book: Option<Book>,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file, for showing diagnostics.
    pub sources: Arc<SourceMap>,
}

impl Loaded {
    /// Did loading fail?
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads a book, remembering parsed files so the next load rereads only changed ones.
#[derive(Debug)]
pub struct Loader {
    root: PathBuf,
    cache: BTreeMap<PathBuf, Parsed>,
    /// The last fingerprint of the link targets (the sum of the files' `targets`) and the link
    /// errors found, by file.
    link_key: Option<u64>,
    sources: Arc<SourceMap>,
    link_index: Option<std::sync::Arc<links::LinkIndex>>,
    link_diags: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Pages with their easy read attached, by the page's path, with the revisions of both.
    with_easy: HashMap<PathBuf, ((u64, u64), Arc<Page>)>,
    /// The book's language the cached texts are marked with (`text_language`).
    language: String,
}

fn stamp(path: &Path) -> (u64, Option<SystemTime>) {
    match std::fs::metadata(path) {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (u64::MAX, None),
    }
}

/// Ask the kernel to start reading `files` into memory now, all of them, so the parser
/// threads rarely wait on the disk: on a machine that gives cold page cache back (as this
/// project's build machines do within seconds), reading file by file left the cores a
/// quarter idle while loading 10,000 pages. Only a hint: errors are for the parser to find.
fn read_ahead(root: &Path, files: &[&PathBuf]) {
    #[cfg(target_os = "linux")]
    for f in files {
        use std::os::fd::AsRawFd;
        // Only the files the parser reads (not ignored ones, nor ones it reports unexpected).
        if matches!(
            classify(&content_relative(f)),
            FileKind::Ignored | FileKind::Unexpected(_)
        ) {
            continue;
        }
        if let Ok(file) = std::fs::File::open(root.join(f)) {
            // SAFETY: a hint on an open file descriptor; it reads nothing into our memory.
            unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (root, files);
}

fn parse_one(root: &Path, rel: &Path) -> Parsed {
    let stamp = stamp(&root.join(rel));
    let mut diags = Vec::new();
    let kind = classify(&content_relative(rel));
    if let FileKind::Ignored = kind {
        return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
    }
    if let FileKind::BadLanguage(lang) = &kind {
        diags.push(
            Diagnostic::error(
                "bad-language-tag",
                format!("`{lang}` in this file's name is not a language tag"),
            )
            .in_file(rel)
            .help("name a translation `NAME.LANG.md` with a BCP 47 tag such as `pl` or `pt-BR` (a slug has no dots)"),
        );
        return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
    }
    if let FileKind::Unexpected(why) = kind {
        diags.push(
            Diagnostic::error(
                "unexpected-file",
                match rel.extension().map(|e| e.to_string_lossy().to_lowercase()) {
                    Some(e)
                        if !matches!(e.as_str(), "md" | "yaml" | "yml")
                            && crate::assets::kind_of(&rel.to_string_lossy()).is_none() =>
                    {
                        format!(
                            "`{}` is a type of file bookshelf does not publish (`.{e}`)",
                            rel.display()
                        )
                    }
                    _ => format!(
                        "`{}` is not where bookshelf looks for content",
                        rel.display()
                    ),
                },
            )
            .in_file(rel)
            .help(format!(
                "{why}; move or rename it (names starting with `_` are ignored)"
            )),
        );
        return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
    }
    let full = root.join(rel);
    if let FileKind::Asset(kind, key) = kind {
        if let Some(d) = std::fs::symlink_metadata(&full)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| {
                let real_content = std::fs::canonicalize(root.join("content")).ok();
                outside_link(real_content.as_deref(), &full, rel)
            })
            .flatten()
        {
            diags.push(d);
            return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
        }
        let (asset, text) = crate::assets::read(root, rel, kind, key, &mut diags);
        let unit = match asset {
            Some(a) if !diags.iter().any(Diagnostic::is_error) => Unit::Asset(Arc::new(a)),
            _ => Unit::Nothing,
        };
        return Parsed::new(rel, stamp, unit, diags, text);
    }
    if std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_symlink()) {
        let real_content = std::fs::canonicalize(root.join("content")).ok();
        if let Some(d) = outside_link(real_content.as_deref(), &full, rel) {
            diags.push(d);
            return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
        }
    }
    let text = match read_text(root, rel, &mut diags) {
        Ok(text) => text,
        Err(shown) => return Parsed::new(rel, stamp, Unit::Nothing, diags, shown),
    };
    let slug_ok = |slug: &str, diags: &mut Vec<Diagnostic>| {
        if slug == "index" || crate::slug::is_slug(slug) {
            return true;
        }
        diags.push(
            Diagnostic::error("bad-file-name", format!("`{slug}` cannot be a web address"))
                .in_file(rel)
                .help(format!(
                    "rename the file with lower-case letters, digits and hyphens, e.g. `{}`",
                    crate::slug::slugify(slug)
                )),
        );
        false
    };
    // Link targets this file would have made but could not (a glossary entry that failed).
    let mut lost: Vec<PathBuf> = Vec::new();
    let unit = match kind {
        FileKind::Page { section, slug } | FileKind::Easy { section, slug }
            if !slug_ok(&slug, &mut diags) =>
        {
            let _ = (section, slug);
            Unit::Nothing
        }
        FileKind::Page { section, slug } => match frontmatter::split(rel, &text, &mut diags) {
            Some(split) => {
                let body = body(rel, split.body, split.body_offset, &mut diags);
                let route = route_of(section, &slug);
                if section == Section::Top && links::RESERVED_ROUTES.contains(&slug.as_str()) {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-id",
                            format!("`{slug}` is a name the site uses itself"),
                        )
                        .in_file(rel)
                        .help("rename the page"),
                    );
                }
                Unit::Page(Arc::new(Page {
                    section,
                    slug,
                    route,
                    title: split.front.title.trim().to_string(),
                    summary: split.front.summary.map(|s| s.trim().to_string()),
                    order: split.front.order,
                    audience: split.front.audience,
                    symbol: split.front.symbol,
                    body,
                    easy: None,
                    text_language: String::new(),
                    translation: None,
                }))
            }
            None => Unit::Nothing,
        },
        FileKind::Easy { section, slug } => match frontmatter::split(rel, &text, &mut diags) {
            Some(split) => Unit::Easy(
                section,
                slug,
                Arc::new(EasyPage {
                    title: split.front.title.trim().to_string(),
                    summary: split.front.summary,
                    checked_by: split.front.checked_by,
                    body: body(rel, split.body, split.body_offset, &mut diags),
                    text_language: String::new(),
                    translation: None,
                }),
            ),
            None => Unit::Nothing,
        },
        FileKind::Checklist { slug } => {
            if slug_ok(&slug, &mut diags) {
                checklist::parse(rel, &text, &slug, &mut diags).map_or(Unit::Nothing, |mut c| {
                    c.revision = next_revision();
                    Unit::Checklist(Arc::new(c))
                })
            } else {
                Unit::Nothing
            }
        }
        FileKind::Glossary => {
            let parsed = glossary::parse(rel, &text, &mut diags);
            let file = content_relative(rel);
            if parsed.failed_all {
                lost.push(file.clone());
            }
            lost.extend(parsed.failed_names.iter().map(|name| {
                PathBuf::from(format!("{}#{}", file.display(), crate::slug::slugify(name)))
            }));
            let mut g = parsed.glossary;
            g.revision = next_revision();
            Unit::Glossary(g)
        }
        FileKind::Symbols => {
            let mut s = glossary::parse_symbols(rel, &text, &mut diags);
            s.revision = next_revision();
            Unit::Symbols(s)
        }
        FileKind::SearchWords => Unit::SearchWords(
            None,
            Arc::new(crate::search_words::parse(rel, &text, &mut diags)),
        ),
        FileKind::Translation { lang, of } if *of == FileKind::SearchWords => Unit::SearchWords(
            Some(lang),
            Arc::new(crate::search_words::parse(rel, &text, &mut diags)),
        ),
        FileKind::Translation { lang, of } => {
            // A body's own findings (raw HTML) are kept aside while the parser holds `diags`.
            let found = std::cell::RefCell::new(Vec::new());
            let make_body =
                |md: &str, offset: usize| body(rel, md, offset, &mut found.borrow_mut());
            let unit =
                translation::parse(rel, &text, &lang, *of, &mut diags, make_body, next_revision)
                    .map_or(Unit::Nothing, |t| Unit::Tr(lang, t));
            diags.extend(found.into_inner());
            unit
        }
        FileKind::Unexpected(_)
        | FileKind::Ignored
        | FileKind::BadLanguage(_)
        | FileKind::Asset(..) => Unit::Nothing,
    };
    let mut parsed = Parsed::new(rel, stamp, unit, diags, Some(text));
    if !lost.is_empty() {
        parsed.targets = parsed.targets.wrapping_add(links::targets_of_lost(&lost));
        parsed.lost = lost;
    }
    parsed
}

/// The route of a page: `""` for home, `guides/x/` otherwise.
pub(crate) fn route_of(section: Section, slug: &str) -> String {
    match section {
        Section::Home => String::new(),
        _ if section.folder().is_empty() => format!("{slug}/"),
        _ => format!("{}/{slug}/", section.folder()),
    }
}

/// `X.yaml` beside `X.yml`: both would be read as the same checklist (or glossary, or symbol
/// map) and one would silently win, so both are named in an error.
fn yaml_twins(cache: &BTreeMap<PathBuf, Parsed>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for yml in cache.keys() {
        if yml.extension().is_none_or(|e| e != "yml")
            || matches!(classify(&content_relative(yml)), FileKind::Ignored)
        {
            continue;
        }
        let yaml = yml.with_extension("yaml");
        if cache.contains_key(&yaml) {
            let name = |p: &Path| p.to_string_lossy().replace('\\', "/");
            out.push(
                Diagnostic::error(
                    "duplicate-file",
                    format!(
                        "`{}` and `{}` are both here, and only one can be read",
                        name(&yaml),
                        name(yml)
                    ),
                )
                .in_file(yml)
                .help(
                    "keep one of the two files: merge what you need into it and delete the other",
                ),
            );
        }
    }
    out
}

static REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A new revision number.
fn next_revision() -> u64 {
    REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn body(rel: &Path, md: &str, offset: usize, diags: &mut Vec<Diagnostic>) -> Body {
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

impl Loader {
    /// A loader for the book at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            cache: BTreeMap::new(),
            link_key: None,
            sources: Arc::default(),
            link_index: None,
            link_diags: HashMap::new(),
            with_easy: HashMap::new(),
            language: String::new(),
        }
    }

    /// The book root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Load the book, rereading only files whose size or time changed since the last load.
    pub fn load(&mut self) -> Loaded {
        let mut diagnostics = Vec::new();
        let root = self.root.clone();
        let (files, problems) = walk(&root);
        diagnostics.extend(problems);
        let stale: Vec<&PathBuf> = files
            .iter()
            .filter(|f| {
                self.cache
                    .get(*f)
                    .is_none_or(|p| p.stamp != stamp(&root.join(f)))
            })
            .collect();
        let fresh: Vec<(PathBuf, Parsed)> = std::thread::scope(|s| {
            s.spawn(|| read_ahead(&root, &stale));
            stale
                .par_iter()
                .map(|f| ((*f).clone(), parse_one(&root, f)))
                .collect()
        });
        let keep: HashSet<&PathBuf> = files.iter().collect();
        self.cache.retain(|k, _| keep.contains(k));
        self.cache.extend(fresh);
        self.assemble(diagnostics, None)
    }

    /// Load again after these paths changed (absolute, or relative to the root), without
    /// walking the whole folder. Folders are walked.
    pub fn load_changed(&mut self, paths: &[PathBuf]) -> Loaded {
        let root = self.root.clone();
        let abs_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let mut touched: Vec<PathBuf> = Vec::new();
        let mut walk_problems = Vec::new();
        for path in paths {
            let rel = path
                .strip_prefix(&abs_root)
                .or_else(|_| path.strip_prefix(&root))
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| path.clone());
            if !rel.starts_with("content") {
                continue;
            }
            let full = root.join(&rel);
            if is_ignored_path(&content_relative(&rel)) {
                // Never read nor followed (a loop of links in `_drafts/` would walk forever).
                continue;
            }
            if full.is_dir() {
                let (found, problems) = walk_under(&root, &full);
                walk_problems.extend(problems);
                for r in found {
                    let parsed = parse_one(&root, &r);
                    touched.push(r.clone());
                    self.cache.insert(r, parsed);
                }
            } else if full.is_file() {
                let parsed = parse_one(&root, &rel);
                touched.push(rel.clone());
                self.cache.insert(rel, parsed);
            } else {
                // Removed: the file itself, or a whole folder.
                self.cache.retain(|k, _| !k.starts_with(&rel));
                touched.push(rel.clone());
            }
        }
        self.assemble(walk_problems, Some(&touched))
    }

    /// Gather the translations into `book` ([`translate::gather`]), with what the cache
    /// knows of their sources.
    fn translations(
        &self,
        book: &mut Book,
        translated: &[(&PathBuf, &str, &TrUnit)],
        failed: &HashSet<PathBuf>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if translated.is_empty() {
            return;
        }
        // A source that is there but failed to load has its own error.
        let there = |source: &Path| {
            let yaml = matches!(source.extension(), Some(e) if e == "yaml" || e == "yml");
            self.cache.contains_key(source)
                || (yaml
                    && (self.cache.contains_key(&source.with_extension("yaml"))
                        || self.cache.contains_key(&source.with_extension("yml"))))
        };
        let siblings = |source: &Path| -> Vec<String> {
            self.cache
                .keys()
                .filter(|k| k.parent() == source.parent())
                .filter(|k| {
                    !matches!(
                        classify(&content_relative(k)),
                        FileKind::Translation { .. } | FileKind::BadLanguage(_)
                    )
                })
                .filter_map(|k| k.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect()
        };
        translate::gather(book, translated, &there, &siblings, failed, diagnostics);
    }

    /// Is the page of this easy read (`x.easy.md` → `x.md`) loaded?
    fn has_page_beside(&self, easy: &Path) -> bool {
        let page = easy.to_string_lossy().replace(".easy.md", ".md");
        matches!(
            self.cache.get(Path::new(&page)).map(|p| &p.unit),
            Some(Unit::Page(_))
        )
    }

    fn assemble(
        &mut self,
        mut diagnostics: Vec<Diagnostic>,
        changed: Option<&[PathBuf]>,
    ) -> Loaded {
        // The text of every file, for diagnostics: updated file by file after a change.
        let sources = Arc::make_mut(&mut self.sources);
        match changed {
            Some(paths) => {
                for p in paths {
                    match self.cache.get(p).and_then(|x| x.text.clone()) {
                        Some(t) => sources.insert(p, t),
                        None => sources.remove(p),
                    }
                }
            }
            None => {
                *sources = SourceMap::default();
                for (path, parsed) in &self.cache {
                    if let Some(text) = &parsed.text {
                        sources.insert(path, text.clone());
                    }
                }
            }
        }
        let root = self.root.clone();
        // 1. book.toml
        let toml_path = PathBuf::from("book.toml");
        let mut toml_text: Option<Arc<str>> = None;
        let config = match std::fs::read_to_string(root.join(&toml_path)) {
            Ok(text) => {
                let c = config::parse(&toml_path, &text, &mut diagnostics);
                toml_text = Some(Arc::from(text.as_str()));
                sources.insert(&toml_path, Arc::from(text));
                c
            }
            // Not UTF-8: reported at its first bad byte, as for content files.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                if let Err(Some(shown)) = read_text(&root, &toml_path, &mut diagnostics) {
                    sources.insert(&toml_path, shown);
                }
                None
            }
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error("io", format!("could not read `book.toml` in `{}`: {e}", root.display()))
                        .help("run bookshelf in a folder with a `book.toml`, pass `--root DIR`, or start one with `bookshelf new DIR`"),
                );
                None
            }
        };
        // Every source text is marked with the book's language; only texts read since the
        // last load (or all, after `[book] language` changed) are touched.
        let language = config.as_ref().map_or_else(
            || self.language.clone(),
            |c| c.book.language.trim().to_string(),
        );
        if language != self.language {
            self.with_easy.clear();
            self.language.clone_from(&language);
        }
        for parsed in self.cache.values_mut() {
            match &mut parsed.unit {
                Unit::Page(p) if p.text_language != language => {
                    Arc::make_mut(p).text_language.clone_from(&language);
                }
                Unit::Easy(_, _, e) if e.text_language != language => {
                    Arc::make_mut(e).text_language.clone_from(&language);
                }
                Unit::Checklist(c) if c.text_language != language => {
                    Arc::make_mut(c).text_language.clone_from(&language);
                }
                _ => {}
            }
        }
        // 3. Assemble: pages and checklists are shared with the cache, not copied.
        let mut pages: Vec<(&str, Arc<Page>)> = Vec::new();
        let mut easies = Vec::new();
        let mut checklists: Vec<(&str, Arc<Checklist>)> = Vec::new();
        let mut glossary = Glossary::default();
        let mut symbols = Symbols::default();
        let mut search_words = Arc::default();
        let mut search_words_in = BTreeMap::new();
        let mut targets_key = 0u64;
        let mut translated: Vec<(&PathBuf, &str, &TrUnit)> = Vec::new();
        let mut assets = BTreeMap::new();
        for (path, parsed) in &self.cache {
            diagnostics.extend(parsed.diags.iter().cloned());
            targets_key = targets_key.wrapping_add(parsed.targets);
            match &parsed.unit {
                Unit::Page(p) => pages.push((&parsed.sort_title, p.clone())),
                Unit::Easy(s, slug, e) => easies.push((path, *s, slug.as_str(), e)),
                Unit::Checklist(c) => checklists.push((&parsed.sort_title, c.clone())),
                Unit::Glossary(g) => glossary = g.clone(),
                Unit::Symbols(s) => symbols = s.clone(),
                Unit::SearchWords(None, w) => search_words = w.clone(),
                Unit::SearchWords(Some(lang), w) => {
                    search_words_in.insert(lang.clone(), w.clone());
                }
                Unit::Tr(lang, unit) => translated.push((path, lang.as_str(), unit)),
                Unit::Asset(a) => {
                    assets.insert(a.rel.clone(), a.clone());
                }
                Unit::Nothing => {}
            }
        }
        for t in &mut glossary.terms {
            t.text_language.clone_from(&language);
        }
        // Pages in a folder `book.toml` does not list as a section: an error, and left out.
        if let Some(config) = &config {
            let files = pages
                .iter()
                .map(|(_, p)| (p.body.path.as_path(), p.section))
                .chain(easies.iter().map(|(path, s, _, _)| (path.as_path(), *s)));
            diagnostics.extend(crate::sections::unlisted(config, files));
            diagnostics.extend(crate::sections::clashes(
                config,
                pages.iter().map(|(_, p)| &**p),
            ));
            diagnostics.extend(crate::sections::left_out(
                config,
                toml_text.as_deref().unwrap_or_default(),
                !checklists.is_empty(),
                glossary.path.is_some(),
            ));
            pages.retain(|(_, p)| crate::sections::is_listed(config, p.section));
            easies.retain(|(_, s, _, _)| crate::sections::is_listed(config, *s));
        }
        diagnostics.extend(yaml_twins(&self.cache));
        if !easies.is_empty() {
            let at: HashMap<(Section, &str), usize> = pages
                .iter()
                .enumerate()
                .map(|(i, (_, p))| ((p.section, p.slug.as_str()), i))
                .collect();
            let found: Vec<_> = easies
                .into_iter()
                .map(|(path, section, slug, easy)| {
                    (at.get(&(section, slug)).copied(), path, slug, easy)
                })
                .collect();
            drop(at);
            let mut with_easy = HashMap::new();
            for (i, path, slug, easy) in found {
                let Some(i) = i else {
                    // A standard page that is there but could not be read has its own
                    // error; saying its easy read is alone as well would only mislead.
                    if self
                        .cache
                        .contains_key(&path.with_file_name(format!("{slug}.md")))
                    {
                        continue;
                    }
                    diagnostics.push(
                        Diagnostic::error(
                            "unexpected-file",
                            "this easy read has no standard page beside it",
                        )
                        .in_file(path)
                        .help(format!(
                            "add `{slug}.md` in the same folder, or rename this file"
                        )),
                    );
                    continue;
                };
                // Made again only when the page or its easy read was read again.
                let page = &mut pages[i].1;
                let revisions = (page.body.revision, easy.body.revision);
                let joined = match self.with_easy.get(&page.body.path) {
                    Some((r, joined)) if *r == revisions => joined.clone(),
                    _ => {
                        let mut joined = (**page).clone();
                        joined.easy = Some((**easy).clone());
                        Arc::new(joined)
                    }
                };
                with_easy.insert(page.body.path.clone(), (revisions, joined.clone()));
                *page = joined;
            }
            self.with_easy = with_easy;
        } else {
            self.with_easy.clear();
        }
        // Sorted with the keys made when each file was read (a stable sort is quick on a
        // list that is already nearly in order).
        let rank = |s| crate::sections::rank(config.as_ref(), s);
        pages.sort_by(|(ta, a), (tb, b)| {
            (rank(a.section), a.order.unwrap_or(i64::MAX), ta, &a.slug).cmp(&(
                rank(b.section),
                b.order.unwrap_or(i64::MAX),
                tb,
                &b.slug,
            ))
        });
        checklists.sort_by(|(ta, a), (tb, b)| {
            (a.level, a.order.unwrap_or(i64::MAX), ta, &a.slug).cmp(&(
                b.level,
                b.order.unwrap_or(i64::MAX),
                tb,
                &b.slug,
            ))
        });
        let pages = pages.into_iter().map(|(_, p)| p).collect();
        let checklists = checklists.into_iter().map(|(_, c)| c).collect();
        let mut book = config.map(|config| Book {
            root: root.clone(),
            config,
            pages,
            checklists,
            glossary,
            symbols,
            search_words,
            search_words_in,
            links: Default::default(),
            translations: BTreeMap::new(),
            assets: Arc::new(assets),
        });
        // 4. Links between files.
        if let Some(book) = &mut book {
            let mut failed: HashSet<PathBuf> = self
                .cache
                .iter()
                .filter(|(_, p)| {
                    matches!(p.unit, Unit::Nothing) && p.diags.iter().any(Diagnostic::is_error)
                })
                .map(|(path, _)| content_relative(path))
                .collect();
            failed.extend(self.cache.values().flat_map(|p| p.lost.iter().cloned()));
            self.translations(book, &translated, &failed, &mut diagnostics);
            // Check every link when what links can point at changed; otherwise only the
            // links in the files that changed.
            // The sections' list pages are link targets too.
            let key = targets_key.wrapping_add(links::sections_key(book));
            book.links = match &self.link_index {
                Some(index) if self.link_key == Some(key) => index.clone(),
                _ => std::sync::Arc::new(links::LinkIndex::new(book)),
            };
            self.link_index = Some(book.links.clone());
            let book = &*book;
            match changed.filter(|_| self.link_key == Some(key)) {
                None => self.link_diags = links::check(book, &failed),
                // Nothing a link can point at changed: only the changed files' links are
                // checked, found through the cache rather than by going over every page.
                Some(paths) => {
                    let mut fresh: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
                    for path in paths {
                        let diags = fresh.entry(path.clone()).or_default();
                        match self.cache.get(path).map(|p| &p.unit) {
                            Some(Unit::Page(page)) => {
                                links::check_body(book, &page.body, &failed, diags);
                            }
                            // An easy read is in the book (and checked) only beside its page.
                            Some(Unit::Easy(_, _, easy)) if self.has_page_beside(path) => {
                                links::check_body(book, &easy.body, &failed, diags);
                            }
                            Some(Unit::Glossary(_)) => links::check_glossary(book, &failed, diags),
                            _ => {}
                        }
                    }
                    self.link_diags.extend(fresh);
                }
            }
            self.link_key = Some(key);
            links::unused_pictures(book, &mut diagnostics);
            let mut found: Vec<&Diagnostic> = self.link_diags.values().flatten().collect();
            found.sort_by_key(|d| (d.file.clone(), d.span.as_ref().map(|s| s.start)));
            diagnostics.extend(found.into_iter().cloned());
        }
        crate::diagnostic::sort(&mut diagnostics);
        let failed = diagnostics.iter().any(Diagnostic::is_error);
        Loaded {
            book: if failed { None } else { book },
            diagnostics,
            sources: self.sources.clone(),
        }
    }
}
