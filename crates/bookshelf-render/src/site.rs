//! Rendering the whole site: one job per output page, run in parallel, each written as soon
//! as it is rendered. Shared parts (menu, glossary matcher, symbol map) are built once.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use bookshelf_content::checklist::DEFAULT_SCALE;
use bookshelf_content::links::LinkIndex;
use bookshelf_content::{Audience, Book, Checklist, ChecklistKind, Level, Page, Section};
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::context::*;
use crate::easy::EasyMode;
use crate::markdown::{
    escape, plain_text, render_body, render_markdown, Ctx, Parsed, Place, Rendered, Terms,
};
use crate::symbols::{SymbolMatcher, SymbolSet};
use crate::terms::TermMatcher;
use crate::theme::{Localized, Theme};
use crate::urls::{file_for, relative, site_path, to_root, Variant};
use crate::{PageText, RenderError};

/// Everything shared by all pages of a build.
pub(crate) struct Shared<'a> {
    pub(crate) book: &'a Book,
    pub(crate) theme: &'a Theme,
    /// The theme in the book's language: templates, strings and assets.
    pub(crate) loc: std::sync::Arc<Localized>,
    pub(crate) links: std::sync::Arc<LinkIndex>,
    pub(crate) terms: std::sync::Arc<TermMatcher>,
    pub(crate) symbols: std::sync::Arc<SymbolMatcher>,
    site: SiteCtx,
    credit: String,
    /// Whether the book has a sources page (the footer links to it).
    has_sources: bool,
    /// The site's languages, seen from this book's.
    langs: crate::languages::Languages,
}

/// One page of output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Job {
    Page(usize, Variant),
    Section(Section, Variant),
    Checklist(usize, Variant),
    Checklists(Variant),
    Glossary(Variant),
    Term(usize, Variant),
    Search(Variant),
    Print(Variant),
    NotFound(Variant),
}

impl Job {
    /// The variant this job renders.
    pub(crate) fn variant(self) -> Variant {
        match self {
            Job::Page(_, v)
            | Job::Section(_, v)
            | Job::Checklist(_, v)
            | Job::Checklists(v)
            | Job::Glossary(v)
            | Job::Term(_, v)
            | Job::Search(v)
            | Job::Print(v)
            | Job::NotFound(v) => v,
        }
    }
}

/// The main menu: route and the key of its title in the theme's strings.
const MENU: &[(&str, &str)] = &[
    ("", "home"),
    ("model/", "menu_model"),
    ("guides/", "menu_guides"),
    ("checklists/", "menu_checklists"),
    ("glossary/", "menu_glossary"),
    ("search/", "menu_search"),
];

impl<'a> Shared<'a> {
    pub(crate) fn new(book: &'a Book, theme: &'a Theme) -> Result<Self, RenderError> {
        let terms = std::sync::Arc::new(TermMatcher::new(&book.glossary));
        let symbols = std::sync::Arc::new(SymbolMatcher::new(book));
        Self::with_matchers(book, theme, terms, symbols)
    }

    /// Shared parts reusing matchers built before (the glossary and symbols did not change).
    pub(crate) fn with_matchers(
        book: &'a Book,
        theme: &'a Theme,
        terms: std::sync::Arc<TermMatcher>,
        symbols: std::sync::Arc<SymbolMatcher>,
    ) -> Result<Self, RenderError> {
        let loc = theme.localized(&book.config.book.language)?;
        let credit = match (&symbols.set(), &book.config.easy_read.symbols_credit) {
            (_, Some(c)) => escape(c),
            (SymbolSet::Twemoji, None) => escape(loc.strings.get("symbols_credit_twemoji")),
            (SymbolSet::Folder(_), None) => escape(loc.strings.get("symbols_credit_folder")),
        };
        Ok(Self {
            book,
            theme,
            loc,
            links: book.links.clone(),
            terms,
            symbols,
            site: SiteCtx {
                title: book.config.book.title.clone(),
                language: book.config.book.language.clone(),
                dir: crate::i18n::direction(&book.config.book.language),
                description: book.config.book.description.clone(),
            },
            credit,
            has_sources: book.pages.iter().any(|p| p.route == "sources/"),
            langs: crate::languages::Languages::of(book, theme)?,
        })
    }

    /// The interface string for `key`.
    fn t(&self, key: &'static str) -> &str {
        self.loc.strings.get(key)
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            book: self.book,
            links: &self.links,
            terms: &self.terms,
            symbols: &self.symbols,
        }
    }

    /// Every job of a full build.
    pub(crate) fn jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for v in Variant::BOTH {
            jobs.extend((0..self.book.pages.len()).map(|i| Job::Page(i, v)));
            jobs.push(Job::Section(Section::Model, v));
            jobs.push(Job::Section(Section::Guides, v));
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

    fn url(&self, from: &str, variant: Variant, route: &str) -> String {
        relative(from, &[variant.prefix(), route])
    }

    fn symbol_url(&self, from: &str, name: Option<&str>) -> Option<String> {
        let name = self.symbols.named(name?)?;
        Some(format!(
            "{}{}",
            to_root(from),
            self.symbols.use_symbol(&name)
        ))
    }

    fn base_context(
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
        let menu: Vec<LinkCtx> = MENU
            .iter()
            .map(|(r, t)| LinkCtx {
                title: self.t(t).to_string(),
                url: link(variant, r),
                current: *r == route,
                text_attrs: String::new(),
            })
            .collect();
        c.insert("menu", &menu);
        let mut crumbs = Vec::new();
        if !route.is_empty() && route != "404.html" {
            crumbs.push(LinkCtx {
                title: self.t("home").into(),
                url: self.url(path, variant, ""),
                current: false,
                text_attrs: String::new(),
            });
            if let Some((r, t)) = MENU
                .iter()
                .find(|(r, _)| !r.is_empty() && route.starts_with(r) && route != *r)
            {
                crumbs.push(LinkCtx {
                    title: self.t(t).to_string(),
                    url: self.url(path, variant, r),
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

    /// What the page says about its text's language: `text_attrs` (` lang dir` when the text
    /// is in another language than the page) and `translation` (see `languages.rs`).
    fn insert_translation(
        &self,
        c: &mut Context,
        text_language: &str,
        info: Option<&bookshelf_content::TranslationInfo>,
    ) {
        c.insert("text_attrs", &self.langs.text_attrs(text_language));
        c.insert("translation", &self.langs.translation(text_language, info));
    }

    fn render_template(&self, name: &str, c: &Context) -> Result<String, RenderError> {
        self.loc
            .tera
            .render(name, c)
            .map_err(|e| self.theme.error(name, &e))
    }

    fn audience(&self, aud: &[bookshelf_content::Audience]) -> Vec<String> {
        aud.iter()
            .map(|a| self.t(audience_key(*a)).to_string())
            .collect()
    }

    /// The page's own body parsed, when both variants are written from it (the easy read is
    /// made up from the page): a build parses it once for the two.
    pub(crate) fn shared_body(&self, i: usize) -> Option<Parsed<'a>> {
        let page = &self.book.pages[i];
        page.easy.is_none().then(|| {
            Parsed::new(
                &self.ctx(),
                &page.body.markdown,
                Some(&page.body),
                Terms::Link { skip: None },
                &mut std::collections::HashSet::new(),
            )
        })
    }

    fn page_body(
        &self,
        page: &Page,
        variant: Variant,
        path: &str,
        parsed: Option<&Parsed<'_>>,
    ) -> (Rendered, bool, Option<String>, String, Option<String>) {
        let place = Place {
            path,
            variant,
            skip_term: None,
            link_terms: true,
        };
        let (title, summary) = Self::page_words(page, variant);
        match (variant, &page.easy) {
            (Variant::Easy, Some(easy)) => (
                render_body(&self.ctx(), &easy.body, place, EasyMode::Hand),
                true,
                easy.checked_by.clone(),
                title,
                summary,
            ),
            // Made-up easy read, or the standard page, from the same body.
            (Variant::Easy, None) | (Variant::Standard, _) => (
                match parsed {
                    Some(parsed) => parsed.rendered(&self.ctx(), place, EasyMode::Auto),
                    None => render_body(&self.ctx(), &page.body, place, EasyMode::Auto),
                },
                false,
                None,
                title,
                summary,
            ),
        }
    }

    /// A page's title and summary in a variant (a hand-written easy read has its own).
    fn page_words(page: &Page, variant: Variant) -> (String, Option<String>) {
        match (variant, &page.easy) {
            (Variant::Easy, Some(e)) => (
                e.title.clone(),
                e.summary.clone().or_else(|| page.summary.clone()),
            ),
            _ => (page.title.clone(), page.summary.clone()),
        }
    }

    fn page_kind(page: &Page) -> &'static str {
        match page.section {
            Section::Home => "home",
            Section::Top => "page",
            Section::Model => "model",
            Section::Guides => "guide",
        }
    }

    /// A page's text for search, from its body's plain text and headings.
    fn page_text(
        &self,
        i: usize,
        variant: Variant,
        path: &str,
        text: std::sync::Arc<str>,
        headings: Vec<String>,
    ) -> PageText {
        let page = &self.book.pages[i];
        let (title, summary) = Self::page_words(page, variant);
        PageText {
            route: route_of(path),
            variant,
            kind: Self::page_kind(page).into(),
            title,
            summary: summary.unwrap_or_default(),
            headings,
            body: text,
            audience: page.audience.iter().map(|a| a.key().to_string()).collect(),
            level: None,
        }
    }

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

    fn neighbours(
        &self,
        i: usize,
        variant: Variant,
        path: &str,
    ) -> (Option<LinkCtx>, Option<LinkCtx>) {
        let page = &self.book.pages[i];
        if !matches!(page.section, Section::Model | Section::Guides) {
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

    /// Render one job: its site path, HTML and search text.
    pub(crate) fn render(&self, job: Job) -> Result<JobOutput, RenderError> {
        self.render_job(job, None, None)
    }

    /// Render one job; a page also puts its part of the print page in `print`, when given, and
    /// is written from `parsed` (its `shared_body`), when given.
    fn render_job(
        &self,
        job: Job,
        print: Option<&mut Option<String>>,
        parsed: Option<&Parsed<'_>>,
    ) -> Result<JobOutput, RenderError> {
        let variant = job.variant();
        let route = self.route(job);
        let path = site_path(variant, &route);
        let (html, text) = match job {
            Job::Page(i, _) => {
                let (html, text, body) = self.page(i, job, variant, &path, parsed)?;
                if let Some(print) = print {
                    *print = Some(self.print_page_part(i, variant, &path, body));
                }
                (html, text)
            }
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

    fn page(
        &self,
        i: usize,
        job: Job,
        variant: Variant,
        path: &str,
        parsed: Option<&Parsed<'_>>,
    ) -> Result<(String, Option<PageText>, String), RenderError> {
        // When the theme shows the body once as it is, the template is given a mark where it
        // goes and the body is put in its place afterwards: the largest part of the page is
        // then copied once, not into the context, out of it and again for the print page.
        const BODY: &str = "<!--bookshelf:page-body-->";
        let page = &self.book.pages[i];
        let (body, hand, checked_by, title, summary) = self.page_body(page, variant, path, parsed);
        let toc = match (variant, &page.easy) {
            (Variant::Easy, Some(e)) => &e.body.headings,
            _ => &page.body.headings,
        };
        let kind = Self::page_kind(page);
        let mut c = self.base_context(job, variant, path, &title, kind);
        let (lang, info) = match (variant, &page.easy) {
            (Variant::Easy, Some(e)) => (&e.text_language, e.translation.as_ref()),
            _ => (&page.text_language, page.translation.as_ref()),
        };
        self.insert_translation(&mut c, lang, info);
        let mut page_ctx = PageCtx {
            title: title.clone(),
            summary: summary.clone(),
            html: if self.theme.page_body_in_place {
                BODY.into()
            } else {
                body.html.clone()
            },
            toc: toc
                .iter()
                .filter(|h| h.level == 2)
                .map(|h| TocCtx {
                    id: h.id.clone(),
                    text: h.text.clone(),
                })
                .collect(),
            audience: self.audience(&page.audience),
            symbol: self.symbol_url(path, page.symbol.as_deref()),
            hand_written: hand,
            checked_by,
        };
        c.insert("page", &page_ctx);
        let (prev, next) = self.neighbours(i, variant, path);
        c.insert("prev", &prev);
        c.insert("next", &next);
        let rendered = self.render_template("page.html", &c)?;
        let html = match rendered.split_once(BODY) {
            Some((head, tail)) if self.theme.page_body_in_place && !tail.contains(BODY) => {
                let mut html = String::with_capacity(head.len() + body.html.len() + tail.len());
                html.push_str(head);
                html.push_str(&body.html);
                html.push_str(tail);
                html
            }
            Some(_) if self.theme.page_body_in_place => {
                // The mark came out twice (a loop or macro in the theme): render with the body.
                page_ctx.html = body.html.clone();
                c.insert("page", &page_ctx);
                self.render_template("page.html", &c)?
            }
            _ => rendered,
        };
        let text = self.page_text(i, variant, path, body.text.into(), body.headings);
        Ok((html, Some(text), body.html))
    }

    fn card_for_page(&self, p: &Page, variant: Variant, path: &str) -> CardCtx {
        let (title, summary) = Self::page_words(p, variant);
        CardCtx {
            title,
            url: self.url(path, variant, &p.route),
            summary,
            symbol: self.symbol_url(path, p.symbol.as_deref()),
            audience: p.audience.iter().map(|a| a.key().to_string()).collect(),
            text_attrs: self.langs.text_attrs(Self::words_language(p, variant)),
            ..Default::default()
        }
    }

    /// The language of a page's words in a variant (a hand-written easy read has its own).
    fn words_language(p: &Page, variant: Variant) -> &str {
        match (variant, &p.easy) {
            (Variant::Easy, Some(e)) => &e.text_language,
            _ => &p.text_language,
        }
    }

    fn section(
        &self,
        s: Section,
        job: Job,
        variant: Variant,
        path: &str,
    ) -> Result<String, RenderError> {
        let (title, summary) = match s {
            Section::Model => (self.t("model_title"), self.t("model_summary")),
            _ => (self.t("guides_title"), self.t("guides_summary")),
        };
        let mut c = self.base_context(job, variant, path, title, "section");
        c.insert(
            "page",
            &PageCtx {
                title: title.into(),
                summary: Some(summary.into()),
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

    /// A checklist item's `text` (`item_text`: inline Markdown only) or `why`, as HTML for
    /// inside its label.
    fn inline(
        &self,
        text: &str,
        item_text: bool,
        variant: Variant,
        path: &str,
        used: &mut std::collections::HashSet<usize>,
    ) -> String {
        let place = Place {
            path,
            variant,
            skip_term: None,
            link_terms: !path.starts_with("print/") && !path.starts_with("easy-read/print/"),
        };
        // Most items are plain sentences: skip the Markdown parser for them.
        let plain = !text.contains([
            '*', '_', '[', ']', '`', '<', '>', '&', '!', '#', '|', '~', '\\', '\n',
        ]);
        if plain && variant == Variant::Standard {
            return crate::markdown::link_plain(&self.ctx(), place, text, used);
        }
        let r = if item_text {
            crate::markdown::render_inline_sharing(&self.ctx(), text, place, used)
        } else {
            crate::markdown::render_markdown_sharing(
                &self.ctx(),
                text,
                None,
                place,
                EasyMode::Hand,
                used,
            )
        };
        let html = r.html.trim();
        // One paragraph: keep its inside only.
        let html = html
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
            .unwrap_or(html);
        // One easy-read row: its picture and sentence go inside the item's label. A sentence
        // without a picture gets an empty one, which keeps the items' words in line.
        let html = html
            .strip_prefix("<div class=\"er-row\">")
            .map_or(html.to_string(), |h| {
                let h = h
                    .trim_end_matches("</div>")
                    .replacen("<p class=\"er-text\">", "<span class=\"er-text\">", 1)
                    .replace("</p>", "</span>");
                if h.starts_with("<span class=\"er-text\">") {
                    format!("<span class=\"er-pic er-none\"></span>{h}")
                } else {
                    h
                }
            });
        html
    }

    /// Checklist `idx` of the book (its place gives its neighbours without a search).
    fn checklist(
        &self,
        idx: usize,
        job: Job,
        variant: Variant,
        path: &str,
    ) -> Result<(String, Option<PageText>), RenderError> {
        let cl = &self.book.checklists[idx];
        let mut c = self.base_context(job, variant, path, &cl.title, "checklist");
        self.insert_translation(&mut c, &cl.text_language, cl.translation.as_ref());
        // Glossary terms are linked once on the whole page, not once per item.
        let mut used = std::collections::HashSet::new();
        let sections: Vec<SectionCtx> = cl
            .sections
            .iter()
            .map(|s| SectionCtx {
                id: s.id.clone(),
                title: s.title.clone(),
                items: s
                    .items
                    .iter()
                    .map(|it| ItemCtx {
                        id: it.id.clone(),
                        html: self.inline(&it.text, true, variant, path, &mut used),
                        why: it.why.clone(),
                        why_html: it
                            .why
                            .as_ref()
                            .map(|w| self.inline(w, false, variant, path, &mut used)),
                        evidence: it.evidence.clone(),
                    })
                    .collect(),
            })
            .collect();
        c.insert(
            "page",
            &PageCtx {
                title: cl.title.clone(),
                summary: Some(cl.summary.clone()),
                audience: self.audience(&cl.audience),
                symbol: self.symbol_url(path, cl.symbol.as_deref()),
                ..Default::default()
            },
        );
        c.insert(
            "checklist",
            &ChecklistCtx {
                slug: cl.slug.clone(),
                kind: match cl.kind {
                    ChecklistKind::Checklist => "checklist".into(),
                    ChecklistKind::Rating => "rating".into(),
                },
                level: cl.level.key().into(),
                level_label: self.t(level_key(cl.level)).into(),
                summary: cl.summary.clone(),
                when: cl.when.clone(),
                total: cl.item_count(),
                progress: match cl.kind {
                    ChecklistKind::Rating => {
                        self.loc
                            .strings
                            .count("progress_rating", cl.item_count(), &[("done", "0")])
                    }
                    ChecklistKind::Checklist => self.loc.strings.fill(
                        "progress_checklist",
                        &[("done", "0"), ("total", &cl.item_count().to_string())],
                    ),
                },
                scale: if cl.scale.iter().eq(DEFAULT_SCALE.iter()) {
                    ["scale_1", "scale_2", "scale_3", "scale_4", "scale_5"]
                        .iter()
                        .map(|k| self.t(k).to_string())
                        .collect()
                } else {
                    cl.scale.clone()
                },
                sections,
            },
        );
        let link = |j: usize| {
            self.book.checklists.get(j).map(|x| LinkCtx {
                title: x.title.clone(),
                url: self.url(path, variant, &x.route),
                current: false,
                text_attrs: self.langs.text_attrs(&x.text_language),
            })
        };
        c.insert("prev", &idx.checked_sub(1).and_then(link));
        c.insert("next", &link(idx + 1));
        let html = self.render_template("checklist.html", &c)?;
        let body = checklist_body(cl).into();
        Ok((html, Some(self.checklist_text(cl, variant, path, body))))
    }

    /// A checklist's text for search, with its `body` (see `checklist_body`).
    fn checklist_text(
        &self,
        cl: &Checklist,
        variant: Variant,
        path: &str,
        body: Arc<str>,
    ) -> PageText {
        PageText {
            route: route_of(path),
            variant,
            kind: "checklist".into(),
            title: cl.title.clone(),
            summary: cl.summary.clone(),
            headings: cl.sections.iter().map(|s| s.title.clone()).collect(),
            body,
            audience: cl.audience.iter().map(|a| a.key().to_string()).collect(),
            level: Some(cl.level.key().into()),
        }
    }

    fn checklists(&self, job: Job, variant: Variant, path: &str) -> Result<String, RenderError> {
        let title = self.t("checklists_title");
        let mut c = self.base_context(job, variant, path, title, "checklists");
        c.insert(
            "page",
            &PageCtx {
                title: title.into(),
                summary: Some(self.t("checklists_summary").into()),
                ..Default::default()
            },
        );
        #[derive(Serialize)]
        struct L<'s> {
            key: &'static str,
            short: &'s str,
        }
        let levels: Vec<L> = Level::ALL
            .iter()
            .map(|l| L {
                key: l.key(),
                short: self.t(level_short_key(*l)),
            })
            .collect();
        c.insert("levels", &levels);
        let groups: Vec<GroupCtx> = Level::ALL
            .iter()
            .map(|l| GroupCtx {
                title: self.t(level_key(*l)).to_string(),
                intro: None,
                items: self
                    .book
                    .checklists
                    .iter()
                    .filter(|x| x.level == *l)
                    .map(|x| CardCtx {
                        title: x.title.clone(),
                        url: self.url(path, variant, &x.route),
                        summary: Some(x.summary.clone()),
                        when: Some(x.when.clone()),
                        symbol: self.symbol_url(path, x.symbol.as_deref()),
                        level: Some(x.level.key().into()),
                        audience: x.audience.iter().map(|a| a.key().to_string()).collect(),
                        text_attrs: self.langs.text_attrs(&x.text_language),
                        meta: Some(match x.kind {
                            ChecklistKind::Rating => {
                                self.loc
                                    .strings
                                    .count("rating_list_meta", x.item_count(), &[])
                            }
                            ChecklistKind::Checklist => {
                                self.loc
                                    .strings
                                    .count("checklist_meta", x.item_count(), &[])
                            }
                        }),
                    })
                    .collect(),
            })
            .filter(|g| !g.items.is_empty())
            .collect();
        c.insert("listing", &groups);
        self.render_template("checklists.html", &c)
    }

    fn term_ctx(&self, i: usize, variant: Variant, path: &str, with_more: bool) -> TermCtx {
        let t = &self.book.glossary.terms[i];
        let definition = self.definition(i, variant);
        TermCtx {
            text_attrs: self.langs.text_attrs(&t.text_language),
            term: t.term.clone(),
            url: self.url(path, variant, &t.route),
            abbreviations: t.abbreviations.clone(),
            aliases: t.aliases.clone(),
            definition,
            more_html: (with_more && t.more.is_some()).then(|| {
                let place = Place {
                    path,
                    variant,
                    skip_term: Some(i),
                    link_terms: !path.starts_with("print/")
                        && !path.starts_with("easy-read/print/"),
                };
                render_markdown(
                    &self.ctx(),
                    t.more.as_deref().unwrap_or(""),
                    None,
                    place,
                    EasyMode::Auto,
                )
                .html
            }),
            say_instead: t.say_instead.clone(),
            see_also: t
                .see_also
                .iter()
                .filter_map(|s| self.book.glossary.by_slug(s))
                .map(|o| TermLinkCtx {
                    term: o.term.clone(),
                    url: self.url(path, variant, &o.route),
                })
                .collect(),
        }
    }

    fn glossary(&self, job: Job, variant: Variant, path: &str) -> Result<String, RenderError> {
        let mut c = self.base_context(job, variant, path, "", "glossary");
        c.insert(
            "page",
            &PageCtx {
                title: self.t("glossary_title").into(),
                summary: Some(self.t("glossary_summary").into()),
                ..Default::default()
            },
        );
        let mut groups: Vec<LetterGroupCtx> = Vec::new();
        for i in 0..self.book.glossary.terms.len() {
            let t = self.term_ctx(i, variant, path, false);
            let letter = t
                .term
                .chars()
                .next()
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default();
            let letter = if letter.chars().all(|c| c.is_ascii_alphabetic()) {
                letter
            } else {
                "#".into()
            };
            match groups.last_mut() {
                Some(g) if g.letter == letter => g.terms.push(t),
                _ => groups.push(LetterGroupCtx {
                    letter,
                    terms: vec![t],
                }),
            }
        }
        let letters: Vec<LetterCtx> = ('A'..='Z')
            .map(|l| LetterCtx {
                letter: l.to_string(),
                has: groups.iter().any(|g| g.letter == l.to_string()),
            })
            .collect();
        c.insert("letters", &letters);
        c.insert("groups", &groups);
        self.render_template("glossary.html", &c)
    }

    fn term(
        &self,
        i: usize,
        job: Job,
        variant: Variant,
        path: &str,
    ) -> Result<(String, Option<PageText>), RenderError> {
        let t = &self.book.glossary.terms[i];
        let mut c = self.base_context(job, variant, path, &t.term, "term");
        self.insert_translation(
            &mut c,
            &t.text_language,
            self.book.glossary.translation.as_ref(),
        );
        let ctx = self.term_ctx(i, variant, path, true);
        c.insert(
            "page",
            &PageCtx {
                title: t.term.clone(),
                summary: Some(ctx.definition.clone()),
                symbol: self.symbol_url(path, t.symbol.as_deref()),
                ..Default::default()
            },
        );
        c.insert("term", &ctx);
        let html = self.render_template("term.html", &c)?;
        Ok((html, Some(self.term_text(i, variant, path))))
    }

    /// A glossary term's definition in a variant (its easy one, if it has one, in easy read).
    fn definition(&self, i: usize, variant: Variant) -> String {
        let t = &self.book.glossary.terms[i];
        match (variant, &t.easy) {
            (Variant::Easy, Some(e)) => e.clone(),
            _ => t.plain.clone(),
        }
    }

    /// A glossary term page's text for search.
    fn term_text(&self, i: usize, variant: Variant, path: &str) -> PageText {
        let t = &self.book.glossary.terms[i];
        let definition = self.definition(i, variant);
        // Abbreviations and aliases reach the index as synonyms, not as body text.
        let body = format!("{definition}\n{}", t.more.as_deref().unwrap_or_default()).into();
        PageText {
            route: route_of(path),
            variant,
            kind: "glossary".into(),
            title: t.term.clone(),
            summary: definition,
            headings: t.abbreviations.clone(),
            body,
            audience: Vec::new(),
            level: None,
        }
    }

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

    /// One part of the print page: its heading and body, with ids made unique.
    fn print_part(n: usize, title: &str, inner: &str) -> String {
        let inner = strip_term_tips(inner);
        let mut part = format!(
            "<section class=\"print-part\" aria-labelledby=\"part-{n}\"><h2 id=\"part-{n}\">{}</h2>\n",
            escape(title)
        );
        // The body is copied once, into the part (the print pages hold every page's body).
        part.reserve(inner.len() + inner.len() / 16 + 11);
        prefix_ids_into(&mut part, &inner, &format!("p{n}-"));
        part.push_str("</section>\n");
        part
    }

    /// The print page of a variant, split where the parts go.
    pub(crate) fn print_frame(&self, variant: Variant) -> Result<(String, String), RenderError> {
        const MARK: &str = "<!--bookshelf:print-parts-->";
        let job = Job::Print(variant);
        let path = site_path(variant, &self.route(job));
        let mut c = self.base_context(job, variant, &path, "", "print");
        c.insert(
            "page",
            &PageCtx {
                title: self
                    .loc
                    .strings
                    .fill("print_title", &[("title", &self.book.config.book.title)]),
                summary: Some(self.t("print_summary").into()),
                html: MARK.into(),
                ..Default::default()
            },
        );
        let page = self.render_template("print.html", &c)?;
        // The parts are written where the template shows the body: it must do so once, as it
        // is, or the parts would land outside the page.
        match page.split_once(MARK) {
            Some((head, tail)) if !tail.contains(MARK) => Ok((head.to_string(), tail.to_string())),
            _ => Err(self.theme.error_at(
                "print.html",
                "the print page shows every page where the template has \
                 `{{ page.html | safe }}`; write it there once, without other filters",
                "page.html",
            )),
        }
    }

    /// Page `i`'s part of the print page. `body` is the page's body as rendered at
    /// `page_path`; it is used as it is when the page sits as deep as the print page (its
    /// relative links then work there too), and rendered again for the print page if not.
    fn print_page_part(&self, i: usize, variant: Variant, page_path: &str, body: String) -> String {
        let page = &self.book.pages[i];
        let print_path = site_path(variant, &self.route(Job::Print(variant)));
        let title = match (variant, &page.easy) {
            (Variant::Easy, Some(e)) => &e.title,
            _ => &page.title,
        };
        if to_root(page_path) == to_root(&print_path) {
            Self::print_part(i + 1, title, &body)
        } else {
            let (body, ..) = self.page_body(page, variant, &print_path, None);
            Self::print_part(i + 1, title, &body.html)
        }
    }

    /// Page `i`'s part of the print page, rendered on its own.
    fn print_page_part_alone(&self, i: usize, variant: Variant) -> String {
        let page = &self.book.pages[i];
        let path = site_path(variant, &page.route);
        let (body, ..) = self.page_body(page, variant, &path, None);
        self.print_page_part(i, variant, &path, body.html)
    }

    /// The parts after the pages: every checklist, then the glossary.
    fn print_end_parts(&self, variant: Variant) -> String {
        let path = site_path(variant, &self.route(Job::Print(variant)));
        let mut out = String::new();
        let mut n = self.book.pages.len();
        for cl in &self.book.checklists {
            let mut inner = format!("<p>{}</p>", escape(&cl.summary));
            for s in &cl.sections {
                inner.push_str(&format!(
                    "<h3>{}</h3><ul class=\"print-boxes\">",
                    escape(&s.title)
                ));
                for it in &s.items {
                    inner.push_str(&format!("<li>{}</li>", escape(&it.text)));
                }
                inner.push_str("</ul>");
            }
            n += 1;
            out.push_str(&Self::print_part(n, &cl.title, &inner));
        }
        let mut gl = String::from("<dl>");
        for i in 0..self.book.glossary.terms.len() {
            let t = self.term_ctx(i, variant, &path, false);
            gl.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>",
                escape(&t.term),
                escape(&t.definition)
            ));
        }
        gl.push_str("</dl>");
        out.push_str(&Self::print_part(n + 1, self.t("print_glossary"), &gl));
        out
    }

    /// Write the whole-book print page to `file` on its own (the incremental path), streaming
    /// it part by part: the parts are rendered in parallel a chunk at a time, so memory stays
    /// small on big books. A full build writes the same bytes from its page jobs instead
    /// ([`render_all`]).
    pub(crate) fn write_print(&self, variant: Variant, file: &Path) -> Result<(), RenderError> {
        let mut w = PrintWriter::create(self, variant, file)?;
        let pages = self.book.pages.len();
        for start in (0..pages).step_by(256) {
            let parts: Vec<String> = (start..(start + 256).min(pages))
                .into_par_iter()
                .map(|i| self.print_page_part_alone(i, variant))
                .collect();
            for part in parts {
                w.write(&part)?;
            }
        }
        w.finish()
    }
}

/// A print page being written: its head is out, the parts follow in order, then the tail.
struct PrintWriter {
    file: std::path::PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    /// The parts after the pages (checklists, glossary) and the page's end. Made up front:
    /// in a full build the writer is idle then, and the build need not wait for them after
    /// its last page.
    tail: String,
}

impl PrintWriter {
    fn create(shared: &Shared<'_>, variant: Variant, file: &Path) -> Result<Self, RenderError> {
        let (head, end) = shared.print_frame(variant)?;
        let mut tail = shared.print_end_parts(variant);
        tail.push_str(&end);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| RenderError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        let out = std::fs::File::create(file).map_err(|e| RenderError::Io {
            path: file.to_path_buf(),
            source: e,
        })?;
        let mut w = Self {
            file: file.to_path_buf(),
            out: std::io::BufWriter::with_capacity(1 << 20, out),
            tail,
        };
        w.write(&head)?;
        Ok(w)
    }

    fn write(&mut self, text: &str) -> Result<(), RenderError> {
        use std::io::Write;
        self.out
            .write_all(text.as_bytes())
            .map_err(|e| RenderError::Io {
                path: self.file.clone(),
                source: e,
            })
    }

    fn finish(mut self) -> Result<(), RenderError> {
        use std::io::Write;
        let tail = std::mem::take(&mut self.tail);
        self.write(&tail)?;
        self.out.flush().map_err(|e| RenderError::Io {
            path: self.file.clone(),
            source: e,
        })
    }
}

/// A page body without its glossary links and tips (see `markdown::term_html`): on paper the
/// word is printed as it is, and the glossary is printed at the end.
fn strip_term_tips(html: &str) -> std::borrow::Cow<'_, str> {
    use memchr::memmem::Finder;
    const OPEN: &str = "<span class=\"term\"><a class=\"term-link\" ";
    const TIP: &str = "</a><span class=\"term-tip\" ";
    const CLOSE: &str = "</span></span>";
    // Built once: the print pages strip every page body of both variants.
    static FINDERS: std::sync::OnceLock<[Finder<'static>; 3]> = std::sync::OnceLock::new();
    let [open, tip, close] =
        FINDERS.get_or_init(|| [Finder::new(OPEN), Finder::new(TIP), Finder::new(CLOSE)]);
    if open.find(html.as_bytes()).is_none() {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = open.find(rest.as_bytes()) {
        let after = &rest[at + OPEN.len()..];
        let (Some(word), Some(t)) = (after.find('>'), tip.find(after.as_bytes())) else {
            break;
        };
        let Some(c) = close.find(&after.as_bytes()[t..]) else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push_str(&after[word + 1..t]);
        rest = &after[t + c + CLOSE.len()..];
    }
    out.push_str(rest);
    out.into()
}

/// A page body as a part of the print page: its ids and in-page links get `prefix`, so they
/// stay unique beside the other pages', and its `h2` headings become `h3` under the part's own.
#[cfg(test)]
fn prefix_ids(html: &str, prefix: &str) -> String {
    let mut out = String::new();
    prefix_ids_into(&mut out, html, prefix);
    out
}

/// [`prefix_ids`], written at the end of `out`.
fn prefix_ids_into(out: &mut String, html: &str, prefix: &str) {
    use memchr::memmem::Finder;
    const PATTERNS: [&str; 5] = [" id=\"", "href=\"#", "aria-describedby=\"", "<h2", "</h2>"];
    // One fast pass per pattern (each is rare in the text) instead of one slow pass for all:
    // no two patterns can match at the same place, so the matches merge by position.
    static FINDERS: std::sync::OnceLock<Vec<Finder<'static>>> = std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| PATTERNS.iter().map(Finder::new).collect());
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (k, f) in finders.iter().enumerate() {
        found.extend(f.find_iter(html.as_bytes()).map(|at| (at, k)));
    }
    found.sort_unstable();
    out.reserve(html.len() + found.len() * (prefix.len() + 1));
    let mut last = 0;
    for (at, k) in found {
        out.push_str(&html[last..at]);
        match k {
            3 => out.push_str("<h3"),
            4 => out.push_str("</h3>"),
            _ => {
                out.push_str(PATTERNS[k]);
                out.push_str(prefix);
            }
        }
        last = at + PATTERNS[k].len();
    }
    out.push_str(&html[last..]);
}

/// A checklist's body text for search: its summary, when to use it, then each section's
/// title and items (with why they matter), a line each.
fn checklist_body(cl: &Checklist) -> String {
    let mut body = format!("{}\n{}\n", cl.summary, cl.when);
    for s in &cl.sections {
        body.push_str(&s.title);
        body.push('\n');
        for it in &s.items {
            body.push_str(&it.text);
            body.push('\n');
            if let Some(w) = &it.why {
                body.push_str(w);
                body.push('\n');
            }
        }
    }
    body
}

fn route_of(path: &str) -> String {
    path.to_string()
}

/// Render every job in parallel, handing each page to `write` as soon as it is ready.
/// Writes one output file (site-relative path, bytes).
pub(crate) type WriteFile<'a> = dyn Fn(&str, &[u8]) -> Result<(), RenderError> + Sync + 'a;

/// A rendered job: its site path, its HTML and its text for search.
pub(crate) type JobOutput = (String, String, Option<PageText>);

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

/// The print pages' writer: creates each variant's print page, writes the page parts it is
/// handed in page order (holding those that come early), then the end parts and the tail.
fn write_print_parts(
    shared: &Shared<'_>,
    out: &Path,
    printed: &[Variant],
    parts: std::sync::mpsc::Receiver<(Variant, usize, String)>,
) -> Result<(), RenderError> {
    let mut files = Vec::new();
    for &v in printed {
        let file = out.join(file_for(&site_path(v, &shared.route(Job::Print(v)))));
        files.push((
            v,
            PrintWriter::create(shared, v, &file)?,
            0usize,
            BTreeMap::new(),
        ));
    }
    for (v, i, part) in parts {
        let Some((_, w, due, waiting)) = files.iter_mut().find(|f| f.0 == v) else {
            continue;
        };
        waiting.insert(i, part);
        while let Some(part) = waiting.remove(due) {
            w.write(&part)?;
            *due += 1;
        }
    }
    for (_, w, ..) in files {
        w.finish()?;
    }
    Ok(())
}

/// Write a file into a folder being filled afresh, where a page's folder (`x/` of
/// `x/index.html`) is almost never there yet: make it first rather than fail a write.
pub(crate) fn write_new_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
    let Some(folder) = rel.strip_suffix("/index.html") else {
        return write_file(out, rel, bytes);
    };
    let dir = out.join(folder);
    match std::fs::create_dir(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // The first page of a section: make the section's folders, each marked to spread
            // the page folders made in it (`output::spread_folders`), then the page's.
            let mut missing = Vec::new();
            let mut up = dir.parent();
            while let Some(folder) = up.filter(|f| !f.as_os_str().is_empty() && !f.is_dir()) {
                missing.push(folder);
                up = folder.parent();
            }
            for folder in missing.into_iter().rev() {
                match std::fs::create_dir(folder) {
                    Ok(()) if folder.starts_with(out) => crate::output::spread_folders(folder),
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => {
                        return Err(RenderError::Io {
                            path: folder.to_path_buf(),
                            source: e,
                        })
                    }
                }
            }
            match std::fs::create_dir(&dir) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(RenderError::Io {
                        path: dir,
                        source: e,
                    })
                }
                _ => {}
            }
        }
        Err(e) => {
            return Err(RenderError::Io {
                path: dir,
                source: e,
            })
        }
    }
    let path = dir.join("index.html");
    std::fs::write(&path, bytes).map_err(|e| RenderError::Io { path, source: e })
}

/// Write a file, creating its folder.
pub(crate) fn write_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
    let path = out.join(rel);
    // Most folders exist already: try the write first, make the folder only when it is missing.
    match std::fs::write(&path, bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| RenderError::Io {
                    path: parent.to_path_buf(),
                    source: e,
                })?;
            }
            std::fs::write(&path, bytes).map_err(|e| RenderError::Io { path, source: e })
        }
        other => other.map_err(|e| RenderError::Io { path, source: e }),
    }
}

/// The key of an audience's label in the theme's strings.
fn audience_key(a: Audience) -> &'static str {
    match a {
        Audience::Staff => "audience_staff",
        Audience::Parents => "audience_parents",
        Audience::YoungPeople => "audience_young_people",
    }
}

/// The key of a level's label in the theme's strings.
fn level_key(l: Level) -> &'static str {
    match l {
        Level::Individual => "level_individual",
        Level::Operational => "level_operational",
        Level::Strategic => "level_strategic",
    }
}

/// The key of a level's one-word name in the theme's strings.
fn level_short_key(l: Level) -> &'static str {
    match l {
        Level::Individual => "level_individual_short",
        Level::Operational => "level_operational_short",
        Level::Strategic => "level_strategic_short",
    }
}

#[cfg(test)]
mod tests {
    use super::{prefix_ids, prefix_ids_into, strip_term_tips, write_new_file};

    /// The folders that hold page folders are marked for ext4 to spread them (see
    /// `output::spread_folders`); the page folders, which hold one file each, are not.
    #[cfg(target_os = "linux")]
    #[test]
    fn section_folders_are_marked_to_spread_their_page_folders() {
        use crate::output::spreads;
        let out = tempfile::tempdir().unwrap();
        let lock = crate::output::OutputLock::acquire(&out.path().join("site")).unwrap();
        let staging = lock.stage().unwrap();
        let site = staging.dir();
        for page in ["easy-read/guides/a/", "easy-read/guides/b/", "guides/a/"] {
            write_new_file(site, &format!("{page}index.html"), b"<p>Hi</p>").unwrap();
        }
        let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
        assert_eq!(read("easy-read/guides/b/index.html"), "<p>Hi</p>");
        let Some(top) = spreads(site) else {
            eprintln!("not on ext4: no folder flags to check");
            return;
        };
        assert!(top, "the site's folder");
        for folder in ["easy-read", "easy-read/guides", "guides"] {
            assert_eq!(spreads(&site.join(folder)), Some(true), "`{folder}`");
        }
        assert_eq!(spreads(&site.join("easy-read/guides/a")), Some(false));
    }

    #[test]
    fn print_parts_prefix_ids_and_links_and_step_headings_down() {
        let html = "<h2 id=\"why\">Why</h2>\n<p>See <a href=\"#why\">why</a> and \
                    <a href=\"../x/#y\">x</a>, <span aria-describedby=\"tip-a\">a</span>.</p>\n\
                    <h3 id=\"more\">More</h3><p data-id=\"k\">&quot; id=&quot;</p>";
        assert_eq!(
            prefix_ids(html, "p7-"),
            "<h3 id=\"p7-why\">Why</h3>\n<p>See <a href=\"#p7-why\">why</a> and \
             <a href=\"../x/#y\">x</a>, <span aria-describedby=\"p7-tip-a\">a</span>.</p>\n\
             <h3 id=\"p7-more\">More</h3><p data-id=\"k\">&quot; id=&quot;</p>"
        );
        assert_eq!(prefix_ids("<p>Plain.</p>", "p1-"), "<p>Plain.</p>");
        let mut out = String::from("<section>");
        prefix_ids_into(&mut out, "<h2 id=\"a\">A</h2>", "p2-");
        assert_eq!(out, "<section><h3 id=\"p2-a\">A</h3>");
    }

    #[test]
    fn print_keeps_the_term_words_and_drops_their_tips() {
        let tip = |word: &str, def: &str| {
            format!(
                "<span class=\"term\"><a class=\"term-link\" href=\"../g/x/\" aria-describedby=\"tip-x\">{word}</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-x\">{def}</span></span>"
            )
        };
        let html = format!(
            "<p>Ask for an {} before the {}.</p>",
            tip(
                "<abbr title=\"Education, Health and Care plan\">EHCP</abbr>",
                "<strong>EHCP</strong>: A plan."
            ),
            tip("annual review", "A meeting once a year.")
        );
        assert_eq!(
            strip_term_tips(&html),
            "<p>Ask for an <abbr title=\"Education, Health and Care plan\">EHCP</abbr> before the annual review.</p>"
        );
        // Nothing to strip: the text is borrowed as it is.
        assert!(matches!(
            strip_term_tips("<p>No terms.</p>"),
            std::borrow::Cow::Borrowed("<p>No terms.</p>")
        ));
        // A broken tip is left as written rather than cut short.
        let broken = "<p><span class=\"term\"><a class=\"term-link\" href=\"x\">word</a></p>";
        assert_eq!(strip_term_tips(broken), broken);
    }
}
