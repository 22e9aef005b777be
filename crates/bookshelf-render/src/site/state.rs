//! The state a build shares between its pages, made once per build or per `serve` rebuild:
//! the glossary and symbol automata, the theme in the book's language, the site's context,
//! the symbols credit and the language switch. Building it takes 15–100 ms on York, so
//! nothing made per request (the served search page) or per background job (the print
//! pages, the empty search pages) builds it again: they are handed the [`Prepared`] state
//! of the rebuild they belong to.

use std::sync::Arc;

use bookshelf_content::Book;

use super::Shared;
use crate::context::SiteCtx;
use crate::markdown::escape;
use crate::symbols::{SymbolMatcher, SymbolSet};
use crate::terms::TermMatcher;
use crate::theme::{Localized, Theme};
use crate::RenderError;

/// The parts of one state of a book that all its pages share, made once
/// ([`crate::Renderer::prepare`], [`crate::incremental::Incremental::prepared`]). It belongs
/// to the book it was made from: hand it back only with that book.
pub struct Prepared {
    pub(super) loc: Arc<Localized>,
    pub(super) terms: Arc<TermMatcher>,
    pub(super) symbols: Arc<SymbolMatcher>,
    pub(super) site: SiteCtx,
    pub(super) credit: String,
    pub(super) has_sources: bool,
    pub(super) langs: crate::languages::Languages,
    pub(super) sections: crate::sections::Sections,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("site", &self.site)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    /// Everything for `book`, the glossary and symbol automata included.
    pub(crate) fn new(book: &Book, theme: &Theme) -> Result<Self, RenderError> {
        let terms = Arc::new(TermMatcher::new(&book.glossary));
        let symbols = Arc::new(SymbolMatcher::new(book));
        Self::with_matchers(book, theme, terms, symbols)
    }

    /// Everything for `book`, reusing automata built before (its glossary and symbols did
    /// not change).
    pub(crate) fn with_matchers(
        book: &Book,
        theme: &Theme,
        terms: Arc<TermMatcher>,
        symbols: Arc<SymbolMatcher>,
    ) -> Result<Self, RenderError> {
        let loc = theme.localized(&book.config.book.language)?;
        let credit = match (&symbols.set(), &book.config.easy_read.symbols_credit) {
            (_, Some(c)) => escape(c),
            (SymbolSet::Twemoji, None) => escape(loc.strings.get("symbols_credit_twemoji")),
            (SymbolSet::Folder(_), None) => escape(loc.strings.get("symbols_credit_folder")),
        };
        Ok(Self {
            site: SiteCtx {
                title: book.config.book.title.clone(),
                language: book.config.book.language.clone(),
                dir: crate::i18n::direction(&book.config.book.language),
                description: book.config.book.description.clone(),
                forget_after_days: book.config.checklists.forget_after_days.filter(|d| *d > 0),
            },
            credit,
            has_sources: book.pages.iter().any(|p| p.route == "sources/"),
            langs: crate::languages::Languages::of(book, theme)?,
            sections: crate::sections::Sections::of(book, &loc.strings),
            loc,
            terms,
            symbols,
        })
    }
}

impl<'a> Shared<'a> {
    /// The shared parts of `book` from its prepared state: no automaton is built here.
    pub(crate) fn prepared(book: &'a Book, theme: &'a Theme, state: &Prepared) -> Self {
        Self {
            book,
            theme,
            loc: state.loc.clone(),
            links: book.links.clone(),
            terms: state.terms.clone(),
            symbols: state.symbols.clone(),
            site: state.site.clone(),
            credit: state.credit.clone(),
            has_sources: state.has_sources,
            langs: state.langs.clone(),
            sections: state.sections.clone(),
        }
    }
}
