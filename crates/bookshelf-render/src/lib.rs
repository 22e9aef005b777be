//! bookshelf-render: turns a [`Book`] into a static site.
//!
//! The pipeline ([`Renderer::render`]):
//! 1. load the theme: built-in templates and assets, with a site's `themes/default/` over them;
//! 2. build the shared parts once: the link index, the glossary matcher and the symbol map;
//! 3. list one job per output page, for both variants (standard and `/easy-read/`);
//! 4. render the jobs in parallel: Markdown to HTML with heading ids, rewritten links and
//!    glossary links; easy read as rows of one sentence with symbols; then the tera template;
//! 5. write each page as it is ready, then the assets and only the symbols used;
//! 6. hand back the plain text of every page for the search index.
#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use bookshelf_content::Book;

pub mod check;
mod check_translated;
mod check_yaml;
mod context;
mod easy;
pub mod easy_check;
pub mod easy_items;
mod files;
mod i18n;
pub mod ideas;
pub mod incremental;
mod languages;
mod later;
mod markdown;
pub mod offline;
pub mod output;
pub mod report_html;
mod search_frame;
mod sections;
mod site;
mod sitemap;
mod symbol_hints;
pub mod symbols;
mod terms;
mod theme;
mod urls;

pub use easy::EasyMode;
pub use i18n::Strings;
pub use search_frame::SearchFrame;
pub use site::Prepared;
pub use theme::Theme;
pub use urls::Variant;

/// What went wrong while rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to parse or render.
    #[error("template error {0}")]
    Template(String),
    /// A template failed to parse or render, at a known place in its file.
    #[error("{0}")]
    TemplateAt(Box<theme::TemplateError>),
    /// A file of interface strings (`themes/default/i18n/LANG.toml`) is malformed.
    #[error("in `{}`: {message}", path.display())]
    Strings {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its line and column.
        message: String,
    },
    /// Reading or writing a file failed. The cause is given as `source()`, not also in the
    /// message: the binary prints the chain, and printed a full disk's error twice.
    #[error("could not write `{path}`")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Another process is writing the output folder (see [`output::OutputLock`]).
    #[error(
        "`{out}` is being written by another bookshelf ({holder}); wait for it to finish or \
         stop it, or write elsewhere with `--out`"
    )]
    Busy {
        /// The output folder.
        out: PathBuf,
        /// Who holds it: "process 1234, `bookshelf serve`".
        holder: String,
    },
}

/// The plain text of a rendered page, for the search index and checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// Site path (`easy-read/guides/x/`).
    pub route: String,
    /// Which variant.
    pub variant: Variant,
    /// `home`, `page`, `model`, `guide`, `checklist` or `glossary`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Headings.
    pub headings: Vec<String>,
    /// Body text (shared by a page's two variants when they say the same).
    pub body: std::sync::Arc<str>,
    /// Audience keys.
    pub audience: Vec<String>,
    /// Level key (checklists).
    pub level: Option<String>,
}

/// What a render produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Text of every content page, both variants.
    pub texts: Vec<PageText>,
    /// How many files were written.
    pub files: usize,
}

/// Renders books with one theme.
pub struct Renderer {
    pub(crate) theme: Theme,
    /// Phone copies of the book's photos, made once ([`files::Copies`]).
    pub(crate) copies: files::Copies,
}

impl Renderer {
    /// A renderer with the theme for the book at `root`.
    pub fn new(root: &Path) -> Result<Self, RenderError> {
        Ok(Self {
            theme: Theme::load(root)?,
            copies: files::Copies::new(Some(root.join(files::CACHE_FOLDER))),
        })
    }

    /// Render the whole site into `out` (an empty folder).
    pub fn render(&self, book: &Book, out: &Path) -> Result<Rendered, RenderError> {
        let shared = site::Shared::new(book, &self.theme)?;
        self.render_jobs(&shared, &shared.jobs(), out, true)
    }

    /// Render the whole site into `out` (an empty folder) like [`Renderer::render`], but hand
    /// the plain text of every page to `with_texts` first, on a thread of its own, while the
    /// pages render (the texts are got without rendering, and quickly). Returns how many files
    /// were written and what `with_texts` returned.
    pub fn render_with<T: Send>(
        &self,
        book: &Book,
        out: &Path,
        with_texts: impl FnOnce(Vec<PageText>) -> T + Send,
    ) -> Result<(usize, T), RenderError> {
        let shared = site::Shared::new(book, &self.theme)?;
        let jobs = shared.jobs();
        let texts = shared.texts(&jobs);
        std::thread::scope(|s| {
            let other = s.spawn(move || with_texts(texts));
            let rendered = self.render_jobs(&shared, &jobs, out, false);
            let other = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok((rendered?.files, other))
        })
    }

    /// The plain text of every page, as [`Renderer::render`] hands it back, without rendering.
    pub fn texts(&self, book: &Book) -> Result<Vec<PageText>, RenderError> {
        let shared = site::Shared::new(book, &self.theme)?;
        Ok(shared.texts(&shared.jobs()))
    }

    /// The theme in `lang`: its interface strings, templates and assets.
    pub fn localized(&self, lang: &str) -> Result<std::sync::Arc<theme::Localized>, RenderError> {
        self.theme.localized(lang)
    }

    fn render_jobs(
        &self,
        shared: &site::Shared<'_>,
        jobs: &[site::Job],
        out: &Path,
        keep_texts: bool,
    ) -> Result<Rendered, RenderError> {
        let count = std::sync::atomic::AtomicUsize::new(0);
        let write = |rel: &str, bytes: &[u8]| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            site::write_new_file(out, rel, bytes)
        };
        let texts = site::render_all(shared, jobs, out, &write, keep_texts)?;
        for (name, bytes) in &shared.loc.assets {
            write(&format!("assets/{name}"), bytes)?;
        }
        for (name, bytes) in shared.symbols.files() {
            write(&format!("symbols/{name}"), &bytes)?;
        }
        files::publish(shared.book, &self.copies, &write)?;
        for (name, text) in sitemap::files(shared.book, &sitemap::routes(shared, jobs)) {
            write(name, text.as_bytes())?;
        }
        Ok(Rendered {
            texts,
            files: count.into_inner(),
        })
    }

    /// Write the empty search pages again (the search index build replaces `search/`).
    pub fn write_search_pages(&self, book: &Book, out: &Path) -> Result<(), RenderError> {
        self.write_search_pages_with(book, &self.prepare(book)?, out)
    }

    /// Write the whole-book print pages (both variants).
    pub fn write_print_pages(&self, book: &Book, out: &Path) -> Result<(), RenderError> {
        self.write_print_pages_with(book, &self.prepare(book)?, out)
    }

    /// The search page with results rendered by the server.
    pub fn search_page(
        &self,
        book: &Book,
        variant: Variant,
        query: &str,
        results_html: &str,
    ) -> Result<String, RenderError> {
        self.search_page_with(book, &self.prepare(book)?, variant, query, results_html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 20, fault 15): a full disk was reported as "could not write `…`: No
    /// space left on device (os error 28): No space left on device (os error 28)", the cause
    /// once in the message and once as its source.
    #[test]
    fn a_write_error_names_its_cause_once() {
        let full = std::io::Error::from_raw_os_error(28);
        let cause = full.to_string();
        let e = RenderError::Io {
            path: PathBuf::from("site/index.html"),
            source: full,
        };
        let mut text = e.to_string();
        let mut next = std::error::Error::source(&e);
        while let Some(c) = next {
            text = format!("{text}: {c}");
            next = c.source();
        }
        assert_eq!(text, format!("could not write `site/index.html`: {cause}"));
    }

    /// The York bookshelf of this repository: pages with hand-written and made-up easy read,
    /// checklists and a glossary.
    fn york() -> (PathBuf, Book) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let loaded = bookshelf_content::Loader::new(&root).load();
        (root, loaded.book.expect("the York bookshelf loads"))
    }

    #[test]
    fn texts_without_rendering_are_the_rendered_texts() {
        let (root, mut book) = york();
        // York's pages all have an easy read by hand: make one up for one of them.
        let made_up = book.pages.iter().rposition(|p| p.easy.is_some()).unwrap();
        std::sync::Arc::make_mut(&mut book.pages[made_up]).easy = None;
        let renderer = Renderer::new(&root).unwrap();
        let out = tempfile::tempdir().unwrap();
        let rendered = renderer.render(&book, out.path()).unwrap();
        let texts = renderer.texts(&book).unwrap();
        assert!(texts.iter().any(|t| t.kind == "checklist"));
        assert!(texts.iter().any(|t| t.kind == "glossary"));
        assert!(book.pages.iter().any(|p| p.easy.is_some()));
        assert_eq!(texts.len(), rendered.texts.len());
        for (a, b) in texts.iter().zip(&rendered.texts) {
            assert_eq!(a, b, "the text of `{}`", b.route);
        }
        // A made-up easy read shares its page's text rather than copying it.
        let route = &book.pages[made_up].route;
        let both: Vec<&PageText> = texts
            .iter()
            .filter(|t| t.route == *route || t.route == format!("easy-read/{route}"))
            .collect();
        assert_eq!(both.len(), 2);
        assert!(std::sync::Arc::ptr_eq(&both[0].body, &both[1].body));
    }
}
