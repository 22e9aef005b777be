//! The output seam: what a build makes from its rendered pages. Each [`Output`] is handed
//! every page it wants as soon as the page is rendered, on the worker that rendered it, and
//! may run a thread of its own for the build (to write a file made of many pages in order).
//!
//! Two outputs exist: [`WebPages`] (one HTML file per job) and [`PrintBook`] (one print page
//! per variant, made of every page's body). Another output, such as an EPUB or a PDF, is one
//! more implementation here, added to the list in [`super::schedule::render_all`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Mutex;

use super::print::write_print_parts;
use super::schedule::WriteFile;
use super::{Job, Shared};
use crate::urls::{file_for, Variant};
use crate::RenderError;

/// One rendered job, as the outputs see it.
pub(crate) struct Finished<'a> {
    pub(crate) job: Job,
    /// The job's site path (`guides/x/`).
    pub(crate) path: &'a str,
    /// The whole page.
    pub(crate) html: &'a str,
    /// A page's part of the print book, made by the worker from the page's own events as it
    /// wrote the web page, when an output asked for it ([`Output::wants_print_part`]); the
    /// output that takes it leaves `None`.
    pub(crate) print_part: std::cell::Cell<Option<String>>,
}

/// An output of a build. Workers call [`Output::take`] from many threads at once.
pub(crate) trait Output: Sync {
    /// Whether this output is made from `job`: a job no output wants is not rendered.
    fn wants(&self, job: Job) -> bool;

    /// Whether this output needs `job`'s (a page's) part of the print book.
    fn wants_print_part(&self, _job: Job) -> bool {
        false
    }

    /// A rendered job this output [`wants`](Output::wants).
    fn take(&self, shared: &Shared<'_>, page: &Finished<'_>) -> Result<(), RenderError>;

    /// Work on a thread of its own for the whole build, returning once [`Output::close`] is
    /// called (or at once, when there is none: the default).
    fn background(&self, _shared: &Shared<'_>) -> Result<(), RenderError> {
        Ok(())
    }

    /// No more pages will come: called once, after the last [`Output::take`].
    fn close(&self) {}
}

/// The web site: every job but the print pages, each written as its own HTML file.
pub(crate) struct WebPages<'w, 'a> {
    pub(crate) write: &'w WriteFile<'a>,
}

impl Output for WebPages<'_, '_> {
    fn wants(&self, job: Job) -> bool {
        !matches!(job, Job::Print(_))
    }

    fn take(&self, _shared: &Shared<'_>, page: &Finished<'_>) -> Result<(), RenderError> {
        (self.write)(&file_for(page.path), page.html.as_bytes())
    }
}

/// The print book: one page per variant holding every page's body, then the checklists and
/// the glossary. Each page's part is emitted from the page's parsed body on the worker that
/// parsed it, from the events it wrote the web page with, and handed to a writer thread,
/// which writes the parts in page order.
pub(crate) struct PrintBook {
    out: PathBuf,
    /// The variants whose print page the build makes.
    printed: Vec<Variant>,
    parts: Mutex<Option<Sender<(Variant, usize, String)>>>,
    received: Mutex<Option<Receiver<(Variant, usize, String)>>>,
}

impl PrintBook {
    /// The print pages asked for in `jobs` (its `Job::Print`s), written under `out`.
    pub(crate) fn new(jobs: &[Job], out: &Path) -> Self {
        let printed = jobs
            .iter()
            .filter_map(|j| match j {
                Job::Print(v) => Some(*v),
                _ => None,
            })
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        Self {
            out: out.to_path_buf(),
            printed,
            parts: Mutex::new(Some(tx)),
            received: Mutex::new(Some(rx)),
        }
    }
}

impl Output for PrintBook {
    fn wants(&self, job: Job) -> bool {
        matches!(job, Job::Page(_, v) if self.printed.contains(&v))
    }

    fn wants_print_part(&self, job: Job) -> bool {
        self.wants(job)
    }

    fn take(&self, _shared: &Shared<'_>, page: &Finished<'_>) -> Result<(), RenderError> {
        if let (Job::Page(i, v), Some(part)) = (page.job, page.print_part.take()) {
            let tx = self.parts.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(tx) = tx.as_ref() {
                // A closed channel means the writer failed; it says why.
                let _ = tx.send((v, i, part));
            }
        }
        Ok(())
    }

    fn background(&self, shared: &Shared<'_>) -> Result<(), RenderError> {
        let rx = self
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        match rx {
            Some(rx) => write_print_parts(shared, &self.out, &self.printed, rx),
            None => Ok(()),
        }
    }

    fn close(&self) {
        self.parts.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Mutex;

    use super::{Finished, Output};
    use crate::site::schedule::{render_all, render_into};
    use crate::site::{Job, Shared};
    use crate::theme::Theme;
    use crate::urls::{file_for, site_path, Variant};
    use crate::RenderError;

    fn york() -> (std::path::PathBuf, bookshelf_content::Book) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let loaded = bookshelf_content::Loader::new(&root).load();
        (root, loaded.book.expect("the York bookshelf loads"))
    }

    /// An output that keeps the easy-read pages' print parts' lengths, and checks each against
    /// the part emitted on its own from the page's parsed body (as `serve` makes it).
    struct EasyBodies(Mutex<Vec<(Job, usize)>>);

    impl Output for EasyBodies {
        fn wants(&self, job: Job) -> bool {
            matches!(job, Job::Page(_, Variant::Easy))
        }
        fn wants_print_part(&self, job: Job) -> bool {
            self.wants(job)
        }
        fn take(&self, shared: &Shared<'_>, page: &Finished<'_>) -> Result<(), RenderError> {
            let part = page.print_part.take().expect("a print part, as asked");
            let Job::Page(i, v) = page.job else {
                panic!("a page job")
            };
            let alone = shared.print_page_part(i, v, &shared.body_parsed(i, v));
            assert!(part == alone, "page {i}'s print part differs");
            let mut seen = self.0.lock().unwrap();
            seen.push((page.job, part.len()));
            Ok(())
        }
    }

    /// Issue 21: another output (an EPUB, say) is one more `Output`: it is handed each job it
    /// wants once, with its print part when it asks, and no job it does not want.
    #[test]
    fn another_output_is_handed_each_page_it_wants_once_with_its_body() {
        let (root, book) = york();
        let theme = Theme::load(&root).unwrap();
        let shared = Shared::new(&book, &theme).unwrap();
        let jobs = shared.jobs();
        let easy = EasyBodies(Mutex::new(Vec::new()));
        render_into(&shared, &jobs, &[&easy], false).unwrap();
        let mut seen = easy.0.into_inner().unwrap();
        seen.sort_by_key(|(j, _)| format!("{j:?}"));
        let mut wanted: Vec<Job> = jobs
            .iter()
            .copied()
            .filter(|j| matches!(j, Job::Page(_, Variant::Easy)))
            .collect();
        wanted.sort_by_key(|j| format!("{j:?}"));
        assert!(!wanted.is_empty());
        assert_eq!(seen.iter().map(|(j, _)| *j).collect::<Vec<_>>(), wanted);
        assert!(seen.iter().all(|(_, len)| *len > 0), "every body has text");
    }

    /// Issue 21: the print book made through the seam in a full build (from the page jobs'
    /// bodies) is the print book written on its own (`write_print`, as `serve` does).
    #[test]
    fn the_print_book_of_a_full_build_is_the_print_book_written_alone() {
        let (root, book) = york();
        let theme = Theme::load(&root).unwrap();
        let shared = Shared::new(&book, &theme).unwrap();
        let jobs = shared.jobs();
        let (full, alone) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let pages = Mutex::new(0usize);
        let write = |_: &str, _: &[u8]| {
            *pages.lock().unwrap() += 1;
            Ok(())
        };
        render_all(&shared, &jobs, full.path(), &write, false).unwrap();
        assert!(
            *pages.lock().unwrap() > 100,
            "the web pages went to `write`"
        );
        for v in Variant::BOTH {
            let file = file_for(&site_path(v, &shared.route(Job::Print(v))));
            shared.write_print(v, &alone.path().join(&file)).unwrap();
            let read = |dir: &Path| std::fs::read(dir.join(&file)).unwrap();
            assert!(read(full.path()) == read(alone.path()), "`{file}` differs");
        }
    }
}
