//! The data every template gets, as plain serialisable structs.

use serde::Serialize;

/// `site` in templates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteCtx {
    /// Site title.
    pub title: String,
    /// `lang` attribute.
    pub language: String,
    /// `dir` attribute: `ltr` or `rtl`, from the language.
    pub dir: &'static str,
    /// One sentence.
    pub description: Option<String>,
    /// `[checklists] forget_after_days`, when set and not 0.
    pub forget_after_days: Option<u32>,
}

/// A link with a title.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkCtx {
    /// Text.
    pub title: String,
    /// Relative URL.
    pub url: String,
    /// Is it this page?
    #[serde(default)]
    pub current: bool,
    /// ` lang="…" dir="…"` when its title is in another language than the page (not yet
    /// translated), else empty.
    pub text_attrs: String,
}

/// A heading in the contents list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocCtx {
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// `page` in templates.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct PageCtx {
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: Option<String>,
    /// The body HTML.
    pub html: String,
    /// Level-2 headings.
    pub toc: Vec<TocCtx>,
    /// Audience labels.
    pub audience: Vec<String>,
    /// The page picture URL.
    pub symbol: Option<String>,
    /// Easy read written by hand?
    pub hand_written: bool,
    /// Who checked the easy read.
    pub checked_by: Option<String>,
}

/// A card in a list of pages.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct CardCtx {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Summary.
    pub summary: Option<String>,
    /// When to use it (checklists).
    pub when: Option<String>,
    /// Picture URL.
    pub symbol: Option<String>,
    /// Level key (checklists).
    pub level: Option<String>,
    /// Audience keys.
    pub audience: Vec<String>,
    /// A short line such as "12 items".
    pub meta: Option<String>,
    /// ` lang="…" dir="…"` when its words are in another language than the page, else empty.
    pub text_attrs: String,
}

/// A titled group of cards.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct GroupCtx {
    /// Group heading.
    pub title: String,
    /// A sentence under it.
    pub intro: Option<String>,
    /// The cards.
    pub items: Vec<CardCtx>,
}

/// One checklist item.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ItemCtx {
    /// Stable id.
    pub id: String,
    /// Text as HTML (terms linked, symbols in easy read).
    pub html: String,
    /// Plain help.
    pub why: Option<String>,
    /// Help as HTML.
    pub why_html: Option<String>,
    /// What to record.
    pub evidence: Option<String>,
}

/// One checklist section.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionCtx {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Items.
    pub items: Vec<ItemCtx>,
}

/// `checklist` in templates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChecklistCtx {
    /// Slug (the storage key).
    pub slug: String,
    /// `checklist` or `rating`.
    pub kind: String,
    /// Level key.
    pub level: String,
    /// Level label.
    pub level_label: String,
    /// Summary.
    pub summary: String,
    /// When to use it.
    pub when: String,
    /// Item count.
    pub total: usize,
    /// What the progress line says before anything is ticked or scored.
    pub progress: String,
    /// Score labels.
    pub scale: Vec<String>,
    /// Sections.
    pub sections: Vec<SectionCtx>,
}

/// A glossary term in lists and on its page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermCtx {
    /// Full words.
    pub term: String,
    /// URL.
    pub url: String,
    /// Short forms.
    pub abbreviations: Vec<String>,
    /// Other words.
    pub aliases: Vec<String>,
    /// Plain (or easy) definition.
    pub definition: String,
    /// `more` as HTML.
    pub more_html: Option<String>,
    /// A plainer word.
    pub say_instead: Option<String>,
    /// Related terms.
    pub see_also: Vec<TermLinkCtx>,
    /// ` lang="…" dir="…"` when its words are in another language than the page, else empty.
    pub text_attrs: String,
    /// The same, field by field: a translated entry keeps the source's words for a field
    /// its translation leaves out.
    pub attrs: TermAttrs,
}

/// ` lang="…" dir="…"` for each of a glossary term's fields in another language than the
/// page (WCAG 3.1.2, WEB9), else empty.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct TermAttrs {
    /// The term's own words.
    pub term: String,
    /// The definition shown (plain, or easy in easy read).
    pub definition: String,
    /// `more`.
    pub more: String,
    /// Short forms.
    pub abbreviations: String,
    /// Other words.
    pub aliases: String,
    /// A plainer word.
    pub say_instead: String,
}

/// A related term link.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermLinkCtx {
    /// Its words.
    pub term: String,
    /// Its URL.
    pub url: String,
    /// ` lang="…" dir="…"` when its words are in another language than the page.
    pub text_attrs: String,
}

/// A letter of the A–Z.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LetterCtx {
    /// The letter.
    pub letter: String,
    /// Has terms?
    pub has: bool,
}

/// Terms under one letter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LetterGroupCtx {
    /// The letter.
    pub letter: String,
    /// Its terms.
    pub terms: Vec<TermCtx>,
}
