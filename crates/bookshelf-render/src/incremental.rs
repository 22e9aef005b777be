//! Incremental rebuilds for `serve`: each output page has a key made from everything it is
//! rendered from; a rebuild renders only the pages whose key changed, writes only files whose
//! bytes changed, and removes files that no page makes any more. The result is byte for byte
//! what a clean build makes (a test applies random edits and compares).
//!
//! `keys.rs` makes each page's key; `jobs.rs` renders and writes one page of a rebuild.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use bookshelf_content::{Book, Section};
use rayon::prelude::*;

mod jobs;
mod keys;
use jobs::{run_job, Done};
use keys::{hash_of, Keys, Seen};

use crate::site::{write_file, Job, Prepared, Shared};
use crate::urls::file_for;
use crate::{PageText, RenderError, Renderer};

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// Site paths of pages whose bytes changed (`guides/x/`).
    pub changed: Vec<String>,
    /// How many pages were rendered again.
    pub rendered: usize,
    /// Did any page's text change (so the search index needs rebuilding)?
    pub texts_changed: bool,
}

/// A site kept up to date in its output folder.
pub struct Incremental {
    renderer: Renderer,
    keys: HashMap<String, u64>,
    bytes: HashMap<String, u64>,
    texts: BTreeMap<String, std::sync::Arc<PageText>>,
    /// Symbol files each page uses (`handshake.svg`), and those written.
    page_symbols: HashMap<String, Vec<String>>,
    /// How many pages use each symbol file.
    symbol_refs: HashMap<String, usize>,
    symbols: BTreeSet<String>,
    theme_generation: u64,
    /// The glossary and symbol matchers, kept while their inputs are unchanged.
    matchers: Option<(
        u64,
        std::sync::Arc<crate::terms::TermMatcher>,
        std::sync::Arc<crate::symbols::SymbolMatcher>,
    )>,
    /// The shared state of the last successful rebuild, for what is rendered after it (the
    /// print and search pages, the served search page).
    prepared: Option<std::sync::Arc<Prepared>>,
    /// Every job with its output file, kept while no page comes or goes.
    layout: Option<(u64, Vec<(Job, String)>)>,
    /// The book the last successful rebuild saw, to find what changed since.
    seen: Option<Seen>,
    /// The pictures and documents published, by site path, with the hash of the original.
    published: BTreeMap<String, u64>,
}

impl Incremental {
    /// Start with a renderer; the first [`Incremental::rebuild`] renders everything.
    pub fn new(renderer: Renderer) -> Self {
        Self {
            renderer,
            keys: HashMap::new(),
            bytes: HashMap::new(),
            texts: BTreeMap::new(),
            page_symbols: HashMap::new(),
            symbol_refs: HashMap::new(),
            symbols: BTreeSet::new(),
            theme_generation: 0,
            matchers: None,
            prepared: None,
            layout: None,
            seen: None,
            published: BTreeMap::new(),
        }
    }

    /// Use a new theme (its templates changed): everything is rendered again.
    pub fn set_renderer(&mut self, renderer: Renderer) {
        self.renderer = renderer;
        self.theme_generation += 1;
    }

    /// The renderer.
    pub fn renderer(&self) -> &Renderer {
        &self.renderer
    }

    /// The shared state of the last successful rebuild (`None` before the first), made once
    /// for everything rendered after it from the same book: hand it to
    /// [`Renderer::write_print_pages_with`] and the other `_with` methods.
    pub fn prepared(&self) -> Option<std::sync::Arc<Prepared>> {
        self.prepared.clone()
    }

    /// The text of every page, for the search index, in the order a full render gives them
    /// (its jobs' order): the index numbers its documents in this order, so `serve` then
    /// writes the same index as `build`.
    pub fn texts(&self) -> Vec<std::sync::Arc<PageText>> {
        let Some((_, layout)) = &self.layout else {
            return self.texts.values().cloned().collect();
        };
        layout
            .iter()
            .filter_map(|(_, file)| self.texts.get(file.trim_end_matches("index.html")))
            .cloned()
            .collect()
    }

    fn global_key(&self, book: &Book) -> u64 {
        let config = serde_json::to_string(&book.config).unwrap_or_default();
        let top: Vec<(&str, &str)> = book
            .pages
            .iter()
            .filter(|p| p.section == Section::Top)
            .map(|p| (p.route.as_str(), p.title.as_str()))
            .collect();
        // A translated glossary keeps its source's revision: its words are keyed instead.
        let glossary_words = book
            .glossary
            .translation
            .as_ref()
            .map(|_| serde_json::to_string(&book.glossary.terms).unwrap_or_default());
        hash_of((
            crate::files::key(book),
            book.glossary.revision,
            glossary_words,
            book.glossary
                .translation
                .as_ref()
                .map(|i| (&i.translated_by, &i.checked_by)),
            book.symbols.revision,
            config,
            self.theme_generation,
            top,
        ))
    }

    /// Bring `out` up to date with `book`. `heavy` also renders the whole-book print page
    /// (slow on big books; `serve` does it after reloading the browser).
    pub fn rebuild(
        &mut self,
        book: &Book,
        out: &Path,
        heavy: bool,
    ) -> Result<Rebuilt, RenderError> {
        let start = std::time::Instant::now();
        let global = self.global_key(book);
        let (terms, symbols) = match &self.matchers {
            Some((key, t, s)) if *key == global => (t.clone(), s.clone()),
            _ => {
                let t = std::sync::Arc::new(crate::terms::TermMatcher::new(&book.glossary));
                let s = std::sync::Arc::new(crate::symbols::SymbolMatcher::new(book));
                self.matchers = Some((global, t.clone(), s.clone()));
                (t, s)
            }
        };
        let prepared = std::sync::Arc::new(Prepared::with_matchers(
            book,
            &self.renderer.theme,
            terms,
            symbols,
        )?);
        let shared = Shared::prepared(book, &self.renderer.theme, &prepared);
        tracing::debug!("shared parts in {:.0?}", start.elapsed());
        // Until this rebuild succeeds, the next one compares with nothing and keys everything.
        let keys = Keys::new(book, global, self.seen.take().as_ref());
        // The list of pages and their files changes only when pages come or go.
        let layout_key = || {
            hash_of((
                book.pages
                    .iter()
                    .map(|p| p.route.as_str())
                    .collect::<Vec<_>>(),
                book.checklists
                    .iter()
                    .map(|c| c.route.as_str())
                    .collect::<Vec<_>>(),
                book.glossary
                    .terms
                    .iter()
                    .map(|t| t.route.as_str())
                    .collect::<Vec<_>>(),
            ))
        };
        let layout_changed = match &self.layout {
            // The same pages and checklists in the same places, and the same glossary.
            Some(_) if keys.same_layout() => false,
            Some((k, _)) => *k != layout_key(),
            None => true,
        };
        if layout_changed {
            let files = shared
                .jobs()
                .into_iter()
                .map(|job| {
                    (
                        job,
                        file_for(&crate::urls::site_path(job.variant(), &shared.route(job))),
                    )
                })
                .collect();
            self.layout = Some((layout_key(), files));
        }
        let layout = &self.layout.as_ref().expect("set above").1;
        let mut todo = Vec::new();
        let mut new_keys = Vec::new();
        for (job, file) in layout {
            if matches!(job, Job::Print(_)) && !heavy || !keys.may_change(*job) {
                continue;
            }
            let key = keys.key(*job);
            if self.keys.get(file) != Some(&key) {
                todo.push(*job);
                new_keys.push((file.clone(), key));
            }
        }
        let jobs = layout;
        tracing::debug!(
            "{} of {} pages to render, found in {:.0?}",
            todo.len(),
            jobs.len(),
            start.elapsed()
        );
        // Each page is written as soon as it is rendered (when its bytes changed), so only
        // what the bookkeeping below needs is kept, not every page's HTML.
        let written = &self.bytes;
        let results: Vec<Result<Done, RenderError>> = todo
            .par_iter()
            .zip(&new_keys)
            .map(|(&job, (file, _))| run_job(&shared, job, file, out, written))
            .collect();
        let mut rebuilt = Rebuilt {
            rendered: todo.len(),
            ..Default::default()
        };
        for ((file, key), result) in new_keys.into_iter().zip(results) {
            let Done {
                path,
                hash,
                symbols: now,
                text,
            } = result?;
            let Some((h, changed)) = hash else {
                // The print page writes itself; it uses no symbol of its own.
                self.keys.insert(file, key);
                rebuilt.changed.push(path);
                continue;
            };
            for name in &now {
                *self.symbol_refs.entry(name.clone()).or_default() += 1;
            }
            if let Some(before) = self.page_symbols.insert(file.clone(), now) {
                for name in before {
                    if let Some(n) = self.symbol_refs.get_mut(&name) {
                        *n -= 1;
                    }
                }
            }
            if changed {
                self.bytes.insert(file.clone(), h);
                rebuilt.changed.push(path.clone());
            }
            self.keys.insert(file, key);
            if let Some(t) = text {
                let old = self.texts.get(&t.route);
                if old.is_none_or(|o| {
                    o.body != t.body
                        || o.title != t.title
                        || o.summary != t.summary
                        || o.headings != t.headings
                }) {
                    rebuilt.texts_changed = true;
                }
                self.texts.insert(t.route.clone(), std::sync::Arc::new(t));
            }
        }
        // Pages that no longer exist: delete their files and texts.
        let gone: Vec<String> = if layout_changed {
            let wanted: std::collections::HashSet<&str> =
                jobs.iter().map(|(_, f)| f.as_str()).collect();
            self.keys
                .keys()
                .filter(|f| !wanted.contains(f.as_str()))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        for file in gone {
            self.keys.remove(&file);
            self.bytes.remove(&file);
            for name in self.page_symbols.remove(&file).unwrap_or_default() {
                if let Some(n) = self.symbol_refs.get_mut(&name) {
                    *n -= 1;
                }
            }
            let path = out.join(&file);
            let _ = std::fs::remove_file(&path);
            if let Some(dir) = path.parent() {
                let _ = std::fs::remove_dir(dir);
            }
            let route = file.trim_end_matches("index.html").to_string();
            if self.texts.remove(&route).is_some() {
                rebuilt.texts_changed = true;
            }
            rebuilt.changed.push(route);
        }
        let loc = self.renderer.theme.localized(&book.config.book.language)?;
        for (name, bytes) in &loc.assets {
            let file = format!("assets/{name}");
            let h = hash_of(bytes);
            if self.bytes.get(&file) != Some(&h) {
                write_file(out, &file, bytes)?;
                self.bytes.insert(file, h);
            }
        }
        let routes: Vec<crate::site::Job> = jobs.iter().map(|(j, _)| *j).collect();
        for (name, text) in crate::sitemap::files(book, &crate::sitemap::routes(&shared, &routes)) {
            let h = hash_of(text.as_bytes());
            if self.bytes.get(name) != Some(&h) {
                write_file(out, name, text.as_bytes())?;
                self.bytes.insert(name.to_string(), h);
            }
        }
        // Exactly the symbols some page uses, as a clean build writes.
        self.symbol_refs.retain(|_, n| *n > 0);
        let needed: BTreeSet<String> = self.symbol_refs.keys().cloned().collect();
        for name in needed.difference(&self.symbols.clone()) {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            if let Some((file, bytes)) = shared.symbols.set().load(stem) {
                write_file(out, &format!("symbols/{file}"), &bytes)?;
            }
        }
        for name in self.symbols.difference(&needed) {
            let _ = std::fs::remove_file(out.join("symbols").join(name));
        }
        self.symbols = needed;
        crate::files::publish_changed(book, &self.renderer.copies, out, &mut self.published)?;
        self.seen = Some(keys.seen());
        self.prepared = Some(prepared);
        Ok(rebuilt)
    }
}
