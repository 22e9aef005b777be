//! The search page (empty in a build; with results when `serve` answers a query).

use super::{Job, Shared};
use crate::context::*;
use crate::urls::{site_path, Variant};
use crate::RenderError;

impl Shared<'_> {
    /// The search page, with server-rendered results when given.
    pub(crate) fn search_page(
        &self,
        variant: Variant,
        query: &str,
        results_html: &str,
    ) -> Result<String, RenderError> {
        let path = site_path(variant, "search/");
        let mut c = self.base_context(Job::Search(variant), variant, &path, "", "search");
        c.insert(
            "page",
            &PageCtx {
                title: if query.is_empty() {
                    self.t("search_title").into()
                } else {
                    self.loc
                        .strings
                        .fill("search_results_for", &[("query", query)])
                },
                ..Default::default()
            },
        );
        c.insert("query", query);
        c.insert("results_html", results_html);
        self.render_template("search.html", &c)
    }
}
