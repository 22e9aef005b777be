//! Content pages (home, top-level pages, model and guide pages): their body in a variant,
//! the page itself, its card in a listing and its text for search.

use bookshelf_content::Page;

use super::{route_of, Job, Shared};
use crate::context::*;
use crate::easy::EasyMode;
use crate::markdown::{render_body, Parsed, Place, Rendered, Terms};
use crate::urls::Variant;
use crate::{PageText, RenderError};

impl<'a> Shared<'a> {
    /// The page's own body parsed, when both variants are written from it (the easy read is
    /// made up from the page): a build parses it once for the two.
    pub(crate) fn shared_body(&self, i: usize) -> Option<Parsed<'a>> {
        let page = &self.book.pages[i];
        page.easy
            .is_none()
            .then(|| self.body_parsed(i, Variant::Standard))
    }

    /// Page `i`'s body in `variant` parsed (a hand-written easy read has its own): the model
    /// its web page and its part of the print book are both written from.
    pub(crate) fn body_parsed(&self, i: usize, variant: Variant) -> Parsed<'a> {
        let page = &self.book.pages[i];
        let body = match (variant, &page.easy) {
            (Variant::Easy, Some(easy)) => &easy.body,
            _ => &page.body,
        };
        Parsed::new(
            &self.ctx(),
            &body.markdown,
            Some(body),
            Terms::Link { skip: None },
            &mut std::collections::HashSet::new(),
        )
    }

    /// How a page's body is laid out in `variant`: a hand-written easy read as its editor
    /// wrote it, a made-up one a sentence a row.
    pub(super) fn body_mode(page: &Page, variant: Variant) -> EasyMode {
        match (variant, &page.easy) {
            (Variant::Easy, Some(_)) => EasyMode::Hand,
            _ => EasyMode::Auto,
        }
    }

    /// A page's body in `variant` rendered at `path`, from `parsed` (its [`Self::body_parsed`])
    /// when given, with its part of the print book written into `print` when given (page `i`
    /// from `parsed`: the part's events are the page's); whether its easy read is
    /// hand-written, who checked it, its title and summary.
    pub(super) fn page_body(
        &self,
        i: usize,
        variant: Variant,
        path: &str,
        parsed: Option<&Parsed<'_>>,
        print: Option<&mut String>,
    ) -> (Rendered, bool, Option<String>, String, Option<String>) {
        let page = &self.book.pages[i];
        let place = Place {
            path,
            variant,
            skip_term: None,
            link_terms: true,
        };
        let (title, summary) = Self::page_words(page, variant);
        let mode = Self::body_mode(page, variant);
        let body = match (variant, &page.easy) {
            (Variant::Easy, Some(easy)) => &easy.body,
            _ => &page.body,
        };
        let rendered = match (parsed, print) {
            (Some(parsed), Some(print)) => {
                let print_path = self.print_path(variant);
                let print_place = Place {
                    path: &print_path,
                    ..place
                };
                Rendered {
                    html: parsed.html_and_print(
                        &self.ctx(),
                        place,
                        mode,
                        (print_place, i + 1),
                        print,
                    ),
                    text: parsed.text.clone(),
                    headings: parsed.headings.clone(),
                }
            }
            (Some(parsed), None) => parsed.rendered(&self.ctx(), place, mode),
            (None, _) => render_body(&self.ctx(), body, place, mode),
        };
        let (hand, checked_by) = match (variant, &page.easy) {
            (Variant::Easy, Some(easy)) => (true, easy.checked_by.clone()),
            _ => (false, None),
        };
        (rendered, hand, checked_by, title, summary)
    }

    /// A page's title and summary in a variant (a hand-written easy read has its own).
    pub(super) fn page_words(page: &Page, variant: Variant) -> (String, Option<String>) {
        match (variant, &page.easy) {
            (Variant::Easy, Some(e)) => (
                e.title.clone(),
                e.summary.clone().or_else(|| page.summary.clone()),
            ),
            _ => (page.title.clone(), page.summary.clone()),
        }
    }

    pub(super) fn page_kind(page: &Page) -> &'static str {
        crate::sections::page_kind(page.section)
    }

    /// A page's text for search, from its body's plain text and headings.
    pub(super) fn page_text(
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

    pub(super) fn page(
        &self,
        i: usize,
        job: Job,
        variant: Variant,
        path: &str,
        parsed: Option<&Parsed<'_>>,
        print: Option<&mut Option<String>>,
    ) -> Result<(String, Option<PageText>), RenderError> {
        // When the theme shows the body once as it is, the template is given a mark where it
        // goes and the body is put in its place afterwards: the largest part of the page is
        // then copied once, not into the context and out of it again.
        const BODY: &str = "<!--bookshelf:page-body-->";
        let page = &self.book.pages[i];
        // Its part of the print book, when asked, from the same parse and the same events.
        let own;
        let parsed = match parsed {
            None if print.is_some() => {
                own = self.body_parsed(i, variant);
                Some(&own)
            }
            parsed => parsed,
        };
        let mut part = print
            .is_some()
            .then(|| self.print_part_head(i, variant, parsed.map_or(0, |p| p.text.len() * 2)));
        let (body, hand, checked_by, title, summary) =
            self.page_body(i, variant, path, parsed, part.as_mut());
        if let (Some(print), Some(mut part)) = (print, part) {
            part.push_str("</section>\n");
            *print = Some(part);
        }
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
        Ok((html, Some(text)))
    }

    pub(super) fn card_for_page(&self, p: &Page, variant: Variant, path: &str) -> CardCtx {
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
    pub(super) fn words_language(p: &Page, variant: Variant) -> &str {
        match (variant, &p.easy) {
            (Variant::Easy, Some(e)) => &e.text_language,
            _ => &p.text_language,
        }
    }
}
