//! Putting the book together from what was read: `book.toml`, pages with their easy reads,
//! sorted; the translations gathered and checked; then the links checked (all of them, or only
//! the changed files' when nothing a link can point at changed).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::unit::{Parsed, Unit};
use super::{Loaded, Loader};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::files::{classify, content_relative, read_text, FileKind};
use crate::model::{Book, Checklist, Glossary, Page, Section, Symbols};
use crate::translation::TrUnit;
use crate::{config, links, translate};

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

impl Loader {
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

    pub(super) fn assemble(
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
        // `search-words.LANG.yaml` files, checked against `[languages]` like translations.
        let mut search_words_files: Vec<(&PathBuf, &str)> = Vec::new();
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
                    search_words_files.push((path, lang.as_str()));
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
            // Everyday words for a language the book is not in would be read for no search.
            diagnostics.extend(
                search_words_files
                    .iter()
                    .filter_map(|(path, lang)| translate::unknown_language(path, lang, book)),
            );
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
