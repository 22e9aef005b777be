//! One job rendered: the page kind's renderer for each [`Job`], and the 404 page.

use super::{Job, JobOutput, Shared};
use crate::context::*;
use crate::markdown::Parsed;
use crate::urls::site_path;
use crate::RenderError;

impl Shared<'_> {
    /// Render one job: its site path, HTML and search text.
    pub(crate) fn render(&self, job: Job) -> Result<JobOutput, RenderError> {
        self.render_job(job, None, None)
    }

    /// Render one job; a page is written from `parsed` (its body parsed, `body_parsed`), when
    /// given, and puts its part of the print book in `print`, when given.
    pub(super) fn render_job(
        &self,
        job: Job,
        parsed: Option<&Parsed<'_>>,
        print: Option<&mut Option<String>>,
    ) -> Result<JobOutput, RenderError> {
        let variant = job.variant();
        let route = self.route(job);
        let path = site_path(variant, &route);
        let (html, text) = match job {
            Job::Page(i, _) => self.page(i, job, variant, &path, parsed, print)?,
            Job::Section(s, _) => (self.section(s, job, variant, &path)?, None),
            Job::Checklist(i, _) => self.checklist(i, job, variant, &path)?,
            Job::Checklists(_) => (self.checklists(job, variant, &path)?, None),
            Job::Glossary(_) => (self.glossary(job, variant, &path)?, None),
            Job::Term(i, _) => self.term(i, job, variant, &path)?,
            Job::Search(_) => (self.search_page(variant, "", "")?, None),
            Job::Print(_) => (String::new(), None),
            Job::NotFound(_) => {
                let title = self.t("not_found_title");
                let mut c = self.base_context(job, variant, &path, title, "404");
                c.insert(
                    "page",
                    &PageCtx {
                        title: title.into(),
                        ..Default::default()
                    },
                );
                (self.render_template("404.html", &c)?, None)
            }
        };
        Ok((path, html, text))
    }
}
