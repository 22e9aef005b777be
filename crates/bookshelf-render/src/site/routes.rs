//! Routes and navigation: the jobs of a build and their routes, links between pages, the
//! menu, breadcrumbs and the context every page template starts from.

use tera::Context;

use bookshelf_content::Section;

use super::{Job, Shared};
use crate::context::*;
use crate::urls::{relative, site_path, to_root, Variant};

impl Shared<'_> {
    /// Every job of a full build.
    pub(crate) fn jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for v in Variant::BOTH {
            jobs.extend((0..self.book.pages.len()).map(|i| Job::Page(i, v)));
            jobs.extend(self.sections.page_sections().map(|s| Job::Section(s, v)));
            jobs.extend((0..self.book.checklists.len()).map(|i| Job::Checklist(i, v)));
            jobs.push(Job::Checklists(v));
            jobs.push(Job::Glossary(v));
            jobs.extend((0..self.book.glossary.terms.len()).map(|i| Job::Term(i, v)));
            jobs.push(Job::Search(v));
            jobs.push(Job::Print(v));
            jobs.push(Job::NotFound(v));
        }
        jobs
    }

    /// The route (without variant) of a job.
    pub(crate) fn route(&self, job: Job) -> String {
        match job {
            Job::Page(i, _) => self.book.pages[i].route.clone(),
            Job::Section(s, _) => format!("{}/", s.folder()),
            Job::Checklist(i, _) => self.book.checklists[i].route.clone(),
            Job::Checklists(_) => "checklists/".into(),
            Job::Glossary(_) => "glossary/".into(),
            Job::Term(i, _) => self.book.glossary.terms[i].route.clone(),
            Job::Search(_) => "search/".into(),
            Job::Print(_) => "print/book/".into(),
            Job::NotFound(_) => "404.html".into(),
        }
    }

    pub(super) fn url(&self, from: &str, variant: Variant, route: &str) -> String {
        relative(from, &[variant.prefix(), route])
    }

    pub(super) fn symbol_url(&self, from: &str, name: Option<&str>) -> Option<String> {
        let name = self.symbols.named(name?)?;
        Some(format!(
            "{}{}",
            to_root(from),
            self.symbols.use_symbol(&name)
        ))
    }

    pub(super) fn base_context(
        &self,
        job: Job,
        variant: Variant,
        path: &str,
        title: &str,
        kind: &str,
    ) -> Context {
        let route = self.route(job);
        // The 404 page is served at any depth, so its links start from the site's base path.
        let root = match job {
            Job::NotFound(_) => self.book.config.base_path(),
            _ => to_root(path),
        };
        let link = |v: Variant, r: &str| {
            let u = format!("{root}{}", site_path(v, r));
            if u.is_empty() {
                "./".to_string()
            } else {
                u
            }
        };
        let mut c = Context::new();
        c.insert("site", &self.site);
        c.insert("variant", variant.key());
        c.insert("kind", kind);
        c.insert("root", &root);
        c.insert("vroot", &link(variant, ""));
        let switch = if matches!(job, Job::NotFound(_)) {
            link(variant.other(), "")
        } else {
            link(variant.other(), &route)
        };
        c.insert("switch_url", &switch);
        let here = if matches!(job, Job::NotFound(_)) {
            site_path(variant, "")
        } else {
            site_path(variant, &route)
        };
        c.insert("languages", &self.langs.links(&root, &here));
        crate::sitemap::insert_urls(&mut c, self.book, &root, &here);
        c.insert("translation", &None::<crate::languages::TranslationCtx>);
        c.insert("text_attrs", "");
        let menu: Vec<LinkCtx> = self
            .sections
            .menu
            .iter()
            .map(|(r, t)| LinkCtx {
                title: t.clone(),
                url: link(variant, r),
                current: *r == route,
                text_attrs: String::new(),
            })
            .collect();
        c.insert("menu", &menu);
        let footer: Vec<LinkCtx> = (self.sections.footer.iter())
            .map(|(r, t, lang)| LinkCtx {
                url: link(variant, r),
                current: *r == route,
                title: t.clone(),
                text_attrs: self.langs.text_attrs(lang),
            })
            .collect();
        c.insert("footer_menu", &footer);
        let mut crumbs = Vec::new();
        if !route.is_empty() && route != "404.html" {
            crumbs.push(LinkCtx {
                title: self.t("home").into(),
                url: self.url(path, variant, ""),
                current: false,
                text_attrs: String::new(),
            });
            if let Some(s) = self.sections.above(&route) {
                crumbs.push(LinkCtx {
                    title: s.menu_title.clone(),
                    url: self.url(path, variant, &s.route),
                    current: false,
                    text_attrs: String::new(),
                });
            }
        }
        c.insert("breadcrumbs", &crumbs);
        c.insert("symbols_credit", &self.credit);
        c.insert("has_sources", &self.has_sources);
        c.insert("prev", &Option::<LinkCtx>::None);
        c.insert("next", &Option::<LinkCtx>::None);
        c.insert("listing", &Vec::<GroupCtx>::new());
        let _ = title;
        c
    }

    pub(super) fn neighbours(
        &self,
        i: usize,
        variant: Variant,
        path: &str,
    ) -> (Option<LinkCtx>, Option<LinkCtx>) {
        let page = &self.book.pages[i];
        if !matches!(page.section, Section::Folder(_)) {
            return (None, None);
        }
        let link = |j: usize| {
            let p = &self.book.pages[j];
            (p.section == page.section).then(|| LinkCtx {
                title: p.title.clone(),
                url: self.url(path, variant, &p.route),
                current: false,
                text_attrs: self.langs.text_attrs(&p.text_language),
            })
        };
        let prev = i.checked_sub(1).and_then(link);
        let next = (i + 1 < self.book.pages.len())
            .then(|| link(i + 1))
            .flatten();
        (prev, next)
    }
}
