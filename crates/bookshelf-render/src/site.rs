//! Rendering the whole site: one job per output page, run in parallel, each written as soon
//! as it is rendered. Shared parts (menu, glossary matcher, symbol map) are built once.
//!
//! One module per page kind (`page`, `section`, `checklist`, `glossary`, `search`, the 404 in
//! `jobs`), `routes` for navigation, `print` for the print book, `outputs` for the output seam
//! (web pages, print book), `schedule` and `write` for running the jobs and writing files.

mod checklist;
mod glossary;
mod jobs;
mod outputs;
mod page;
mod print;
mod routes;
mod schedule;
mod search;
mod section;
mod state;
mod texts;
mod write;

use bookshelf_content::links::LinkIndex;
use bookshelf_content::{Audience, Book, Section};
use tera::Context;

use crate::context::*;
use crate::markdown::Ctx;
use crate::symbols::SymbolMatcher;
use crate::terms::TermMatcher;
use crate::theme::{Localized, Theme};
use crate::urls::Variant;
use crate::{PageText, RenderError};

pub(crate) use schedule::{render_all, WriteFile};
pub use state::Prepared;
pub(crate) use write::{write_file, write_new_file};

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
    /// The sections: menus, breadcrumbs and list pages (`sections.rs`).
    sections: crate::sections::Sections,
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

impl<'a> Shared<'a> {
    /// The shared parts of `book`, built afresh (see [`Prepared`] to build them once).
    pub(crate) fn new(book: &'a Book, theme: &'a Theme) -> Result<Self, RenderError> {
        Ok(Self::prepared(book, theme, &Prepared::new(book, theme)?))
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
            strings: &self.loc.strings,
        }
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
}

fn route_of(path: &str) -> String {
    path.to_string()
}

/// A rendered job: its site path, its HTML and its text for search.
pub(crate) type JobOutput = (String, String, Option<PageText>);

/// The key of an audience's label in the theme's strings.
fn audience_key(a: Audience) -> &'static str {
    match a {
        Audience::Staff => "audience_staff",
        Audience::Parents => "audience_parents",
        Audience::YoungPeople => "audience_young_people",
    }
}
