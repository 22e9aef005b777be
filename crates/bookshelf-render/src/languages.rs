//! The languages of a site: the one a book is seen in, the others, and the links from a page
//! to the same page in each (the language switch and the `hreflang` alternates).
//!
//! The source language's site is at the root; each other language's at `/LANG/`, rendered
//! from [`bookshelf_content::Book::in_language`] with the same renderer.

use bookshelf_content::{Book, TranslationInfo};
use serde::Serialize;

use crate::markdown::escape;
use crate::theme::Theme;
use crate::RenderError;

/// One language of the site, as the switch and the alternates show it.
#[derive(Debug, Clone)]
struct Language {
    tag: String,
    /// Its name in its own words (`language_name` of its strings).
    name: String,
    dir: &'static str,
    /// Its folder from the site root: `""` for the source language, `pl/` for the others.
    folder: String,
}

/// A link to the same page in one language (`languages` in templates).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LanguageLink {
    /// The BCP 47 tag.
    pub(crate) tag: String,
    /// The language's own name.
    pub(crate) name: String,
    /// `ltr` or `rtl`.
    pub(crate) dir: &'static str,
    /// Relative URL of the same page (same variant) in that language.
    pub(crate) url: String,
    /// The language of this page.
    pub(crate) current: bool,
}

/// Who translated a text and who checked it (`translation` in templates).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TranslationCtx {
    /// The text is the source's: not translated into the page's language yet.
    pub(crate) untranslated: bool,
    /// `translated_by`.
    pub(crate) by: Option<String>,
    /// `translation_checked_by` (`None`: nobody has checked it yet).
    pub(crate) checked_by: Option<String>,
}

/// The languages of the site, seen from one of them.
#[derive(Debug, Clone)]
pub(crate) struct Languages {
    current: String,
    /// Every language, the source's first; empty when the book has one language.
    all: Vec<Language>,
    /// From the current language's root to the site's root: `""` or `../`.
    up: &'static str,
    /// The site root's base path (`/`), for the 404 page, whose links are absolute.
    site_base: String,
}

impl Languages {
    /// The languages of `book` (the source book or one seen [`Book::in_language`]).
    pub(crate) fn of(book: &Book, theme: &Theme) -> Result<Self, RenderError> {
        let current = book.config.book.language.clone();
        let source = book
            .config
            .book
            .source_language
            .clone()
            .unwrap_or_else(|| current.clone());
        let mut site_base = book.config.base_path();
        let up = if source == current {
            ""
        } else {
            if let Some(base) = site_base.strip_suffix(&format!("{current}/")) {
                site_base = base.to_string();
            }
            "../"
        };
        let mut all = Vec::new();
        if !book.config.languages.is_empty() {
            let english = theme.localized(crate::i18n::DEFAULT_LANGUAGE)?;
            let english = english.strings.get("language_name");
            let tags = std::iter::once(&source).chain(book.config.languages.keys());
            for tag in tags {
                let name = theme
                    .localized(tag)?
                    .strings
                    .get("language_name")
                    .to_string();
                // A language the theme does not speak gets the English strings: name it by
                // its tag rather than call it "English".
                let name = if name == english && !tag.to_ascii_lowercase().starts_with("en") {
                    tag.clone()
                } else {
                    name
                };
                all.push(Language {
                    tag: tag.clone(),
                    name,
                    dir: crate::i18n::direction(tag),
                    folder: if *tag == source {
                        String::new()
                    } else {
                        format!("{tag}/")
                    },
                });
            }
        }
        Ok(Self {
            current,
            all,
            up,
            site_base,
        })
    }

    /// Links to the page at `site_path` (`easy-read/guides/x/`) in every language, from a
    /// page whose way to its language's root is `root` (`../../`). An absolute `root` (the
    /// 404 page) gives absolute links from the site's base path.
    pub(crate) fn links(&self, root: &str, site_path: &str) -> Vec<LanguageLink> {
        self.all
            .iter()
            .map(|l| {
                let url = if root.starts_with('/') {
                    format!("{}{}{site_path}", self.site_base, l.folder)
                } else {
                    let url = format!("{root}{}{}{site_path}", self.up, l.folder);
                    if url.is_empty() {
                        "./".to_string()
                    } else {
                        url
                    }
                };
                LanguageLink {
                    tag: l.tag.clone(),
                    name: l.name.clone(),
                    dir: l.dir,
                    url,
                    current: l.tag == self.current,
                }
            })
            .collect()
    }

    /// ` lang="…" dir="…"` for a text in `text_language` shown on a page of this language,
    /// or `""` when they are the same (screen readers switch voice on `lang`).
    pub(crate) fn text_attrs(&self, text_language: &str) -> String {
        if text_language.is_empty() || text_language == self.current {
            return String::new();
        }
        format!(
            " lang=\"{}\" dir=\"{}\"",
            escape(text_language),
            crate::i18n::direction(text_language)
        )
    }

    /// What a page says about its translation: nothing in the source language; in another,
    /// that it is not translated yet, or who translated and checked it.
    pub(crate) fn translation(
        &self,
        text_language: &str,
        info: Option<&TranslationInfo>,
    ) -> Option<TranslationCtx> {
        let source = self.all.first()?;
        if self.current == source.tag {
            return None;
        }
        match info {
            Some(info) if text_language == self.current => Some(TranslationCtx {
                untranslated: false,
                by: info.translated_by.clone(),
                checked_by: info.checked_by.clone(),
            }),
            _ => Some(TranslationCtx {
                untranslated: text_language != self.current,
                by: None,
                checked_by: None,
            }),
        }
    }
}
