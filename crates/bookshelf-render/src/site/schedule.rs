//! The scheduler of a full build: every job rendered on the thread pool, each page handed to
//! the writer as soon as it is ready, and each page's part handed to the print book's writer.

use std::path::Path;

use rayon::prelude::*;

use super::print::write_print_parts;
use super::{Job, Shared};
use crate::markdown::Parsed;
use crate::urls::{file_for, Variant};
use crate::{PageText, RenderError};

/// Writes one output file (site-relative path, bytes).
pub(crate) type WriteFile<'a> = dyn Fn(&str, &[u8]) -> Result<(), RenderError> + Sync + 'a;

/// Render every job in parallel, handing each page to `write` as soon as it is ready.
pub(crate) fn render_all(
    shared: &Shared<'_>,
    jobs: &[Job],
    out: &Path,
    write: &WriteFile<'_>,
    keep_texts: bool,
) -> Result<Vec<PageText>, RenderError> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    // The print pages are made of the page bodies: each page job hands its part to a writer
    // thread, which writes the parts in order. Jobs are taken from one queue in order, so the
    // parts arrive nearly in order and few wait in memory.
    let printed: Vec<Variant> = jobs
        .iter()
        .filter_map(|j| match j {
            Job::Print(v) => Some(*v),
            _ => None,
        })
        .collect();
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
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<(Variant, usize, String)>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let written = write_print_parts(shared, out, &printed, rx);
            if written.is_err() {
                // Stop the page jobs early: the build fails with the writer's error.
                failed.store(true, Ordering::Relaxed);
            }
            written
        });
        let threads = rayon::current_num_threads().max(1);
        let results: Vec<Result<Vec<(usize, PageText)>, RenderError>> = (0..threads)
            .into_par_iter()
            .map(|_| {
                let tx = tx.clone();
                let mut texts = Vec::new();
                // Render job `k` (from `parsed`, when given), write it and keep its text.
                let mut run = |k: usize, parsed: Option<&Parsed<'_>>| {
                    let job = jobs[k];
                    let wants_print = matches!(job, Job::Page(_, v) if printed.contains(&v));
                    let mut part = None;
                    let (path, html, text) =
                        shared.render_job(job, wants_print.then_some(&mut part), parsed)?;
                    write(&file_for(&path), html.as_bytes())?;
                    if let (Job::Page(i, v), Some(part)) = (job, part) {
                        // A closed channel means the writer failed; it says why.
                        let _ = tx.send((v, i, part));
                    }
                    if let Some(t) = text.filter(|_| keep_texts) {
                        texts.push((k, t));
                    }
                    Ok(())
                };
                while !failed.load(Ordering::Relaxed) {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&job) = jobs.get(k) else { break };
                    if matches!(job, Job::Print(_)) || skip[k] {
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
        drop(tx);
        let written = writer.join().expect("the print writer does not panic");
        let mut texts = Vec::new();
        for r in results {
            texts.extend(r?);
        }
        written?;
        texts.sort_unstable_by_key(|(k, _)| *k);
        Ok(texts.into_iter().map(|(_, t)| t).collect())
    })
}
