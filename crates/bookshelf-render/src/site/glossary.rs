//! The glossary page and a page per term, and a term's text for search.

use super::{route_of, Job, Shared};
use crate::context::*;
use crate::easy::EasyMode;
use crate::markdown::{render_markdown, Place};
use crate::urls::Variant;
use crate::{PageText, RenderError};
use bookshelf_content::Term;

/// Which fields of a glossary entry its translation gives (the rest are the source's).
struct Translated {
    term: bool,
    plain: bool,
    easy: bool,
    more: bool,
    abbreviations: bool,
    aliases: bool,
    say_instead: bool,
}

impl Shared<'_> {
    pub(super) fn term_ctx(
        &self,
        i: usize,
        variant: Variant,
        path: &str,
        with_more: bool,
    ) -> TermCtx {
        let t = &self.book.glossary.terms[i];
        let definition = self.definition(i, variant);
        TermCtx {
            text_attrs: self.langs.text_attrs(&t.text_language),
            attrs: self.term_attrs(i, variant),
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
                    text_attrs: self.langs.text_attrs(self.term_name_language(o)),
                })
                .collect(),
        }
    }

    pub(super) fn glossary(
        &self,
        job: Job,
        variant: Variant,
        path: &str,
    ) -> Result<String, RenderError> {
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

    pub(super) fn term(
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
        // The title's language: the `h1`, the breadcrumb and the `<title>` (WEB9).
        c.insert("text_attrs", &ctx.attrs.term);
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
        if variant == Variant::Easy {
            // One sentence a line, each with its picture (issue 23).
            let rows = self.inline(
                &ctx.definition,
                true,
                variant,
                path,
                &mut Default::default(),
            );
            c.insert("definition_rows", &rows);
        }
        let html = self.render_template("term.html", &c)?;
        Ok((html, Some(self.term_text(i, variant, path))))
    }

    /// Which fields the translation of term `t` into its text language gives, if it has one.
    fn term_translation(&self, t: &Term) -> Option<Translated> {
        let tt = self
            .book
            .translations
            .get(&t.text_language)?
            .glossary
            .as_ref()?
            .terms
            .iter()
            .find(|x| x.id == t.slug)?;
        Some(Translated {
            term: tt.term.is_some(),
            plain: tt.plain.is_some(),
            easy: tt.easy.is_some(),
            more: tt.more.is_some(),
            abbreviations: tt.abbreviations.is_some(),
            aliases: tt.aliases.is_some(),
            say_instead: tt.say_instead.is_some(),
        })
    }

    /// The language the source's words are in.
    fn source_language(&self) -> &str {
        let book = &self.book.config.book;
        book.source_language.as_deref().unwrap_or(&book.language)
    }

    /// The language of a term's own words (its translation may give only its definition).
    fn term_name_language<'t>(&'t self, t: &'t Term) -> &'t str {
        match self.term_translation(t) {
            Some(tt) if !tt.term => self.source_language(),
            _ => &t.text_language,
        }
    }

    /// The language of each field of term `i`, as attributes (WEB9): a translated entry
    /// shows the source's words for every field its translation leaves out.
    fn term_attrs(&self, i: usize, variant: Variant) -> TermAttrs {
        let t = &self.book.glossary.terms[i];
        let Some(tt) = self.term_translation(t) else {
            let all = self.langs.text_attrs(&t.text_language);
            return TermAttrs {
                term: all.clone(),
                definition: all.clone(),
                more: all.clone(),
                abbreviations: all.clone(),
                aliases: all.clone(),
                say_instead: all,
            };
        };
        let source = self.source_language();
        let of = |translated: bool| {
            self.langs
                .text_attrs(if translated { &t.text_language } else { source })
        };
        let definition = match (variant, &t.easy) {
            (Variant::Easy, Some(_)) => tt.easy,
            _ => tt.plain,
        };
        TermAttrs {
            term: of(tt.term),
            definition: of(definition),
            more: of(tt.more),
            abbreviations: of(tt.abbreviations),
            aliases: of(tt.aliases),
            say_instead: of(tt.say_instead),
        }
    }

    /// A glossary term's definition in a variant (its easy one, if it has one, in easy read).
    pub(super) fn definition(&self, i: usize, variant: Variant) -> String {
        let t = &self.book.glossary.terms[i];
        match (variant, &t.easy) {
            (Variant::Easy, Some(e)) => e.clone(),
            _ => t.plain.clone(),
        }
    }

    /// A glossary term page's text for search.
    pub(super) fn term_text(&self, i: usize, variant: Variant, path: &str) -> PageText {
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
}
