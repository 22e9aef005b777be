//! The slow parts of a rebuild (the print pages and the search index), done after the browser
//! has reloaded, on a background thread per language at the lowest CPU priority.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use bookshelf_content::Book;
use bookshelf_render::Prepared;

use super::live::{frame, Live};

/// The slow parts, done after the browser has reloaded: the print pages and the search index.
/// Work for the background thread: the book and the text of every page.
/// and what its rebuild prepared for all its pages.
pub(super) type Heavy = (
    Arc<Book>,
    Vec<Arc<bookshelf_render::PageText>>,
    Option<Arc<Prepared>>,
);

/// How long the editor must pause before the slow parts are redone, so they never slow
/// down the rebuilds of someone typing and saving.
const QUIET: Duration = Duration::from_millis(1500);

/// Lowers the calling thread's CPU priority to the least (nice 19). On Linux the nice value
/// belongs to the thread, and threads it starts inherit it.
#[cfg(target_os = "linux")]
pub(crate) fn lower_priority() {
    // SAFETY: `setpriority` only reads its arguments; `0` names the calling thread.
    let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 19) };
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn lower_priority() {}

/// The slow parts run at the lowest priority, on threads of their own: a rebuild after the
/// next edit then takes the CPU from them at once, and its rendering does not queue behind
/// theirs in rayon's global pool (the search index build would fill it for seconds).
pub(super) fn spawn_worker(out: PathBuf, live: Arc<RwLock<Live>>) -> mpsc::Sender<Heavy> {
    let (tx, rx) = mpsc::channel::<Heavy>();
    std::thread::spawn(move || {
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("bookshelf-background-{i}"))
            .start_handler(|_| lower_priority())
            .build();
        let pool = match pool {
            Ok(pool) => pool,
            Err(e) => {
                tracing::warn!("no threads for the search index and print pages: {e}");
                return;
            }
        };
        while let Ok(mut job) = rx.recv() {
            // Wait for a quiet moment, keeping only the newest state.
            loop {
                match rx.recv_timeout(QUIET) {
                    Ok(newer) => job = newer,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            pool.install(|| heavy(job, &out, &live));
        }
    });
    tx
}

/// Writes the print pages and the search index for this state of the book.
fn heavy((book, texts, prepared): Heavy, out: &Path, live: &RwLock<Live>) {
    // What the rebuild prepared, or (before any rebuild succeeded) made once here for both.
    let made;
    let prepared = match (&prepared, live.read().map(|l| l.renderer.clone())) {
        (Some(p), _) => Some(&**p),
        (None, Ok(r)) => {
            made = r.prepare(&book).ok();
            made.as_ref()
        }
        (None, Err(_)) => None,
    };
    let texts: Vec<bookshelf_render::PageText> = texts.iter().map(|t| (**t).clone()).collect();
    let start = Instant::now();
    if let Ok(r) = live.read().map(|l| l.renderer.clone()) {
        let written = match prepared {
            Some(p) => r.write_print_pages_with(&book, p, out),
            None => r.write_print_pages(&book, out),
        };
        if let Err(e) = written {
            tracing::warn!(
                "could not write the print pages: {}",
                crate::shell::chain(&e)
            );
        }
    }
    if book.config.search.enabled {
        let docs = super::super::site::search_docs(texts);
        let lang = &book.config.book.language;
        match super::super::site::search_index_with(
            &book,
            lang,
            &docs,
            &super::super::site::search_terms(&book),
            out,
        )
        .and_then(|_| bookshelf_search::Searcher::open(out))
        {
            Ok(s) => {
                if let Ok(mut l) = live.write() {
                    l.searcher = Some(Arc::new(s));
                }
            }
            Err(e) => tracing::warn!(
                "could not rebuild the search index: {}",
                crate::shell::chain(&e)
            ),
        }
        if let Ok(r) = live.read().map(|l| l.renderer.clone()) {
            let _ = match prepared {
                Some(p) => r.write_search_pages_with(&book, p, out),
                None => r.write_search_pages(&book, out),
            };
        }
        // Ready before the first search, which then costs no render context.
        if let Ok((cell, r, Some(b), p)) = live.read().map(|l| {
            (
                l.frame.clone(),
                l.renderer.clone(),
                l.book.clone(),
                l.prepared.clone(),
            )
        }) {
            frame(&cell, &r, &b, p.as_deref());
        }
    }
    // The offline lists and the service worker's version, now that this language's files
    // are all written (each language's worker does it; the last to finish sees them all).
    if let Err(e) = bookshelf_render::offline::write_for(&book, out) {
        tracing::warn!(
            "could not write the offline lists: {}",
            crate::shell::chain(&e)
        );
    }
    tracing::debug!("search index and print pages in {:.0?}", start.elapsed());
}
