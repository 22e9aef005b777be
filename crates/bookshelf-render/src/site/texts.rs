//! The search text of every page, got without rendering, for the search index built while
//! the pages render.

use std::sync::Arc;

use rayon::prelude::*;

use super::checklist::checklist_body;
use super::{Job, Shared};
use crate::markdown::plain_text;
use crate::urls::{site_path, Variant};
use crate::PageText;

impl Shared<'_> {
    /// The search text of every job that has one, in job order, as rendering them gives it,
    /// without rendering: the search index is built from it while the pages render.
    pub(crate) fn texts(&self, jobs: &[Job]) -> Vec<PageText> {
        // A page's or checklist's text is made once for both variants (unless the page's easy
        // read is by hand), and shared by them.
        let shared = |(text, headings): (String, Vec<String>)| (Arc::from(text), headings);
        let bodies: Vec<(Arc<str>, Vec<String>)> = self
            .book
            .pages
            .par_iter()
            .map(|p| shared(plain_text(&p.body.markdown)))
            .collect();
        let lists: Vec<Arc<str>> = self
            .book
            .checklists
            .par_iter()
            .map(|c| Arc::from(checklist_body(c)))
            .collect();
        jobs.par_iter()
            .filter_map(|&job| {
                let variant = job.variant();
                let path = site_path(variant, &self.route(job));
                match job {
                    Job::Page(i, _) => {
                        let (text, headings) = match (variant, &self.book.pages[i].easy) {
                            (Variant::Easy, Some(e)) => shared(plain_text(&e.body.markdown)),
                            _ => bodies[i].clone(),
                        };
                        Some(self.page_text(i, variant, &path, text, headings))
                    }
                    Job::Checklist(i, _) => Some(self.checklist_text(
                        &self.book.checklists[i],
                        variant,
                        &path,
                        lists[i].clone(),
                    )),
                    Job::Term(i, _) => Some(self.term_text(i, variant, &path)),
                    _ => None,
                }
            })
            .collect()
    }
}
