//! The scheduler of a full build: every job rendered on the thread pool, each page handed to
//! the build's outputs (`outputs.rs`: the web pages, the print book) as soon as it is ready.

use std::path::Path;

use rayon::prelude::*;

use super::outputs::{Finished, Output, PrintBook, WebPages};
use super::{Job, Shared};
use crate::markdown::Parsed;
use crate::urls::Variant;
use crate::{PageText, RenderError};

/// Writes one output file (site-relative path, bytes).
pub(crate) type WriteFile<'a> = dyn Fn(&str, &[u8]) -> Result<(), RenderError> + Sync + 'a;

/// Render every job in parallel into the web pages (handed to `write` as soon as each is
/// ready) and the print book (written under `out`).
pub(crate) fn render_all(
    shared: &Shared<'_>,
    jobs: &[Job],
    out: &Path,
    write: &WriteFile<'_>,
    keep_texts: bool,
) -> Result<Vec<PageText>, RenderError> {
    let web = WebPages { write };
    let print = PrintBook::new(jobs, out);
    render_into(shared, jobs, &[&web, &print], keep_texts)
}

/// Calls [`Output::close`] on every output when dropped: after the last page, or when a
/// worker fails or panics, so no output's thread waits for pages that will not come.
struct CloseAll<'o>(&'o [&'o dyn Output]);

impl Drop for CloseAll<'_> {
    fn drop(&mut self) {
        for o in self.0 {
            o.close();
        }
    }
}

/// Render every job some output wants, in parallel, handing each to the outputs that want it
/// as soon as it is ready. Returns the pages' search texts (when `keep_texts`), in job order.
pub(super) fn render_into(
    shared: &Shared<'_>,
    jobs: &[Job],
    outputs: &[&dyn Output],
    keep_texts: bool,
) -> Result<Vec<PageText>, RenderError> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    // A page whose easy read is made up from it is written in both variants from one parse:
    // the easy job goes with the standard one, and is skipped when its turn comes.
    let mut partner: Vec<Option<usize>> = vec![None; jobs.len()];
    let mut skip = vec![false; jobs.len()];
    {
        let easy: std::collections::HashMap<usize, usize> = jobs
            .iter()
            .enumerate()
            .filter_map(|(k, j)| match j {
                Job::Page(i, Variant::Easy) => Some((*i, k)),
                _ => None,
            })
            .collect();
        for (k, j) in jobs.iter().enumerate() {
            if let Job::Page(i, Variant::Standard) = j {
                if let Some(&e) = easy.get(i).filter(|_| shared.book.pages[*i].easy.is_none()) {
                    partner[k] = Some(e);
                    skip[e] = true;
                }
            }
        }
    }
    // A job no output wants is not rendered (the print jobs: the print book is made of the
    // page jobs).
    for (k, j) in jobs.iter().enumerate() {
        if !outputs.iter().any(|o| o.wants(*j)) {
            skip[k] = true;
        }
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let close = CloseAll(outputs);
        // Each output's own thread (the print book's writer, which writes its parts in order).
        let background: Vec<_> = outputs
            .iter()
            .map(|o| {
                let failed = &failed;
                scope.spawn(move || {
                    let done = o.background(shared);
                    if done.is_err() {
                        // Stop the page jobs early: the build fails with the output's error.
                        failed.store(true, Ordering::Relaxed);
                    }
                    done
                })
            })
            .collect();
        let threads = rayon::current_num_threads().max(1);
        let results: Vec<Result<Vec<(usize, PageText)>, RenderError>> = (0..threads)
            .into_par_iter()
            .map(|_| {
                let mut texts = Vec::new();
                // Render job `k` (from `parsed`, when given), hand it over and keep its text.
                let mut run = |k: usize, parsed: Option<&Parsed<'_>>| {
                    let job = jobs[k];
                    let wants_print = outputs.iter().any(|o| o.wants_print_part(job));
                    let mut print_part = None;
                    let (path, html, text) =
                        shared.render_job(job, parsed, wants_print.then_some(&mut print_part))?;
                    let page = Finished {
                        job,
                        path: &path,
                        html: &html,
                        print_part: std::cell::Cell::new(print_part),
                    };
                    for o in outputs.iter().filter(|o| o.wants(job)) {
                        o.take(shared, &page)?;
                    }
                    if let Some(t) = text.filter(|_| keep_texts) {
                        texts.push((k, t));
                    }
                    Ok(())
                };
                while !failed.load(Ordering::Relaxed) {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&job) = jobs.get(k) else { break };
                    if skip[k] {
                        continue;
                    }
                    let done = match (job, partner[k]) {
                        (Job::Page(i, _), Some(e)) => {
                            let parsed = shared.shared_body(i);
                            run(k, parsed.as_ref()).and_then(|()| run(e, parsed.as_ref()))
                        }
                        _ => run(k, None),
                    };
                    if let Err(e) = done {
                        failed.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                }
                Ok(texts)
            })
            .collect();
        drop(close);
        let mut written = Ok(());
        for t in background {
            let done = t.join().expect("an output's thread does not panic");
            written = written.and(done);
        }
        let mut texts = Vec::new();
        for r in results {
            texts.extend(r?);
        }
        written?;
        texts.sort_unstable_by_key(|(k, _)| *k);
        Ok(texts.into_iter().map(|(_, t)| t).collect())
    })
}
