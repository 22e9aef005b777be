//! Section pages: the list of a section's pages.

use bookshelf_content::Section;

use super::{Job, Shared};
use crate::context::*;
use crate::urls::Variant;
use crate::RenderError;

impl Shared<'_> {
    pub(super) fn section(
        &self,
        s: Section,
        job: Job,
        variant: Variant,
        path: &str,
    ) -> Result<String, RenderError> {
        let shown = self.sections.of_pages(s);
        let title = shown.map_or(s.folder(), |s| s.title.as_str());
        let summary = shown.and_then(|s| s.summary.clone());
        let mut c = self.base_context(job, variant, path, title, "section");
        c.insert(
            "page",
            &PageCtx {
                title: title.into(),
                summary,
                ..Default::default()
            },
        );
        let items: Vec<CardCtx> = self
            .book
            .pages
            .iter()
            .filter(|p| p.section == s)
            .map(|p| self.card_for_page(p, variant, path))
            .collect();
        c.insert(
            "listing",
            &vec![GroupCtx {
                title: self.loc.strings.count("all_pages", items.len(), &[]),
                intro: None,
                items,
            }],
        );
        self.render_template("page.html", &c)
    }
}
