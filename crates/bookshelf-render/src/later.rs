//! What is rendered after a build or rebuild, from the state it prepared ([`Prepared`]):
//! the print pages and the empty search pages, which `serve` writes in the background, and
//! the search page with results, which it renders per request. None of them builds the
//! glossary or symbol automata again.

use std::path::Path;

use bookshelf_content::Book;

use crate::site::{self, Prepared, Shared};
use crate::{urls, RenderError, Renderer, SearchFrame, Variant};

impl Renderer {
    /// The state every page of `book` shares (the glossary and symbol automata, the theme in
    /// its language, the navigation), made once, for the `_with` methods.
    pub fn prepare(&self, book: &Book) -> Result<Prepared, RenderError> {
        Prepared::new(book, &self.theme)
    }

    /// [`Renderer::write_search_pages`] with `book`'s prepared state.
    pub fn write_search_pages_with(
        &self,
        book: &Book,
        prepared: &Prepared,
        out: &Path,
    ) -> Result<(), RenderError> {
        let shared = Shared::prepared(book, &self.theme, prepared);
        for v in Variant::BOTH {
            let (path, html, _) = shared.render(site::Job::Search(v))?;
            site::write_file(out, &urls::file_for(&path), html.as_bytes())?;
        }
        Ok(())
    }

    /// [`Renderer::write_print_pages`] with `book`'s prepared state.
    pub fn write_print_pages_with(
        &self,
        book: &Book,
        prepared: &Prepared,
        out: &Path,
    ) -> Result<(), RenderError> {
        let shared = Shared::prepared(book, &self.theme, prepared);
        for v in Variant::BOTH {
            let file = urls::file_for(&urls::site_path(v, &shared.route(site::Job::Print(v))));
            shared.write_print(v, &out.join(file))?;
        }
        Ok(())
    }

    /// [`Renderer::search_page`] with `book`'s prepared state.
    pub fn search_page_with(
        &self,
        book: &Book,
        prepared: &Prepared,
        variant: Variant,
        query: &str,
        results_html: &str,
    ) -> Result<String, RenderError> {
        Shared::prepared(book, &self.theme, prepared).search_page(variant, query, results_html)
    }

    /// [`Renderer::search_frame`] with `book`'s prepared state.
    pub fn search_frame_with(
        &self,
        book: &Book,
        prepared: &Prepared,
    ) -> Result<SearchFrame, RenderError> {
        crate::search_frame::frames(&Shared::prepared(book, &self.theme, prepared))
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn york() -> (PathBuf, Book) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let loaded = bookshelf_content::Loader::new(&root).load();
        (root, loaded.book.expect("the York bookshelf loads"))
    }

    /// Issue 21: what `serve` renders after a rebuild, from the state the rebuild prepared,
    /// is what the renderer makes building everything afresh.
    #[test]
    fn pages_from_a_prepared_state_are_the_pages_made_afresh() {
        let (root, book) = york();
        let renderer = Renderer::new(&root).unwrap();
        let prepared = renderer.prepare(&book).unwrap();
        for v in Variant::BOTH {
            let results = "<ol><li>A result</li></ol>";
            assert_eq!(
                renderer
                    .search_page_with(&book, &prepared, v, "annual review", results)
                    .unwrap(),
                renderer
                    .search_page(&book, v, "annual review", results)
                    .unwrap()
            );
        }
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        renderer.write_print_pages(&book, a.path()).unwrap();
        renderer.write_search_pages(&book, a.path()).unwrap();
        renderer
            .write_print_pages_with(&book, &prepared, b.path())
            .unwrap();
        renderer
            .write_search_pages_with(&book, &prepared, b.path())
            .unwrap();
        for file in [
            "print/book/index.html",
            "easy-read/print/book/index.html",
            "search/index.html",
            "easy-read/search/index.html",
        ] {
            let read = |dir: &Path| std::fs::read(dir.join(file)).unwrap();
            assert!(read(a.path()) == read(b.path()), "`{file}` differs");
        }
    }
}
