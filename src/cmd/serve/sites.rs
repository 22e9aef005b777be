//! Every language's site kept up to date by `serve`: one incremental site, its search state
//! and its background worker per language folder, started when a language is added to
//! `book.toml` and removed when it is taken out.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};

use bookshelf_content::Book;
use bookshelf_render::incremental::Incremental;
use bookshelf_render::Renderer;

use super::live::{Live, Lives};
use super::worker::{spawn_worker, Heavy};

/// One language's site, kept up to date under `out` (the source language's) or `out/LANG/`.
struct LangSite {
    site: Incremental,
    live: Arc<RwLock<Live>>,
    /// The background thread for its print pages and search index.
    worker: mpsc::Sender<Heavy>,
}

/// Every language's site, by folder (`""` for the source language).
pub(super) struct Sites {
    root: PathBuf,
    out: PathBuf,
    sites: std::collections::BTreeMap<String, LangSite>,
    pub(super) lives: Arc<Lives>,
    /// The slow parts of the last rebuild, sent by [`Sites::start_heavy`] once its pages
    /// are in place (the first build's are in a staging folder until it is swapped in).
    heavy: Vec<(mpsc::Sender<Heavy>, Heavy)>,
}

impl Sites {
    pub(super) fn new(root: &Path, out: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            sites: std::collections::BTreeMap::new(),
            lives: Arc::default(),
            heavy: Vec::new(),
        }
    }

    /// Hand each language's worker its print pages and search index to redo.
    pub(super) fn start_heavy(&mut self) {
        for (worker, job) in self.heavy.drain(..) {
            let _ = worker.send(job);
        }
    }

    /// The folders of `book`'s languages, the source's (`""`) first.
    fn folders(book: &Book) -> Vec<String> {
        std::iter::once(String::new())
            .chain(book.config.languages.keys().cloned())
            .collect()
    }

    /// Bring every language's site in `dir` (the output folder, or the first build's
    /// staging folder) up to date with `book`; a language new to `book.toml` starts here, and
    /// one taken out of it is removed. The slow parts go to each language's worker.
    pub(super) fn rebuild(
        &mut self,
        book: &Book,
        dir: &Path,
    ) -> Result<bookshelf_render::incremental::Rebuilt, bookshelf_render::RenderError> {
        let folders = Self::folders(book);
        let gone: Vec<String> = self
            .sites
            .keys()
            .filter(|f| !folders.contains(f))
            .cloned()
            .collect();
        for folder in gone {
            self.sites.remove(&folder);
            if let Ok(mut lives) = self.lives.write() {
                lives.remove(&folder);
            }
            let _ = std::fs::remove_dir_all(dir.join(&folder));
        }
        let mut all = bookshelf_render::incremental::Rebuilt::default();
        for folder in folders {
            let seen;
            let view = if folder.is_empty() {
                book
            } else {
                seen = book.in_language(&folder);
                &seen
            };
            let lang = match self.sites.entry(folder.clone()) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let live = Arc::new(RwLock::new(Live {
                        book: None,
                        prepared: None,
                        renderer: Arc::new(Renderer::new(&self.root)?),
                        searcher: None,
                        frame: Arc::default(),
                    }));
                    if let Ok(mut lives) = self.lives.write() {
                        lives.insert(folder.clone(), live.clone());
                    }
                    e.insert(LangSite {
                        site: Incremental::new(Renderer::new(&self.root)?),
                        worker: spawn_worker(self.out.join(&folder), live.clone()),
                        live,
                    })
                }
            };
            let rebuilt = lang.site.rebuild(view, &dir.join(&folder), false)?;
            let prefix = if folder.is_empty() {
                String::new()
            } else {
                format!("{folder}/")
            };
            all.changed
                .extend(rebuilt.changed.iter().map(|p| format!("{prefix}{p}")));
            all.rendered += rebuilt.rendered;
            all.texts_changed |= rebuilt.texts_changed;
            let view = Arc::new(view.clone());
            let prepared = lang.site.prepared();
            if let Ok(mut l) = lang.live.write() {
                l.set_book(view.clone(), prepared.clone());
            }
            self.heavy
                .push((lang.worker.clone(), (view, lang.site.texts(), prepared)));
        }
        Ok(all)
    }

    /// The theme changed: every language renders with the new one.
    pub(super) fn set_theme(&mut self) -> Result<(), bookshelf_render::RenderError> {
        for lang in self.sites.values_mut() {
            lang.site.set_renderer(Renderer::new(&self.root)?);
            let r = Arc::new(Renderer::new(&self.root)?);
            if let Ok(mut l) = lang.live.write() {
                l.set_renderer(r);
            }
        }
        Ok(())
    }
}
