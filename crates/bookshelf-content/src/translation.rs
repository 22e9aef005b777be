//! Translations: what `NAME.LANG.md`, `NAME.LANG.easy.md`, `checklists/NAME.LANG.yaml`,
//! `glossary.LANG.yaml` and `symbols.LANG.yaml` hold, and reading them. Only the words are
//! translated: a page's or checklist's place (order, audience, symbol, level) is the source's.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::model::{Body, Symbols, TranslationInfo};

mod parse;
pub(crate) use parse::parse;

/// Everything translated into one language. Texts are keyed by what they translate: pages
/// and their easy reads by the page's route (`guides/x/`, `""` for home), checklists by slug.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    /// The language tag.
    pub lang: String,
    /// Translated pages, by the source page's route.
    pub pages: BTreeMap<String, Arc<PageText>>,
    /// Translated easy reads, by the source page's route.
    pub easy: BTreeMap<String, Arc<EasyText>>,
    /// Translated checklists, by slug.
    pub checklists: BTreeMap<String, Arc<ChecklistText>>,
    /// The glossary translation (`glossary.LANG.yaml`), if any.
    pub glossary: Option<Arc<GlossaryText>>,
    /// The symbol map for this language (`symbols.LANG.yaml`), if any.
    pub symbols: Option<Arc<Symbols>>,
}

/// A page translation (`NAME.LANG.md`).
#[derive(Debug, Clone)]
pub struct PageText {
    /// The title in this language.
    pub title: String,
    /// The summary in this language.
    pub summary: Option<String>,
    /// The translated body (its `path` is the translation file).
    pub body: Body,
    /// Who translated and checked it.
    pub info: TranslationInfo,
}

/// An easy-read translation (`NAME.LANG.easy.md`).
#[derive(Debug, Clone)]
pub struct EasyText {
    /// The title in this language.
    pub title: String,
    /// The summary in this language.
    pub summary: Option<String>,
    /// Who checked the easy read in this language (ER19).
    pub checked_by: Option<String>,
    /// The translated body.
    pub body: Body,
    /// Who translated and checked it.
    pub info: TranslationInfo,
}

/// A checklist translation (`checklists/NAME.LANG.yaml`).
#[derive(Debug, Clone)]
pub struct ChecklistText {
    /// The title in this language.
    pub title: String,
    /// The summary in this language.
    pub summary: String,
    /// When to use it, in this language.
    pub when: String,
    /// The five score labels in this language (the source's when absent).
    pub scale: Option<Vec<String>>,
    /// Sections as translated; items are matched to the source's by `id`.
    pub sections: Vec<SectionText>,
    /// Who translated and checked it.
    pub info: TranslationInfo,
    /// Where `sections:` is (a missing item is reported there).
    pub sections_at: Range<usize>,
}

/// A translated checklist section.
#[derive(Debug, Clone)]
pub struct SectionText {
    /// The title in this language.
    pub title: String,
    /// Its items.
    pub items: Vec<ItemText>,
}

/// A translated checklist item.
#[derive(Debug, Clone)]
pub struct ItemText {
    /// The source item's id.
    pub id: String,
    /// What to do, in this language.
    pub text: String,
    /// Plain help (the source's when absent).
    pub why: Option<String>,
    /// What to record (the source's when absent).
    pub evidence: Option<String>,
    /// Where its id is written.
    pub span: Range<usize>,
}

/// `glossary.LANG.yaml`.
#[derive(Debug, Clone)]
pub struct GlossaryText {
    /// Who translated and checked it.
    pub info: TranslationInfo,
    /// The translated entries.
    pub terms: Vec<TermText>,
}

/// One translated glossary entry: what is absent stays the source's.
#[derive(Debug, Clone)]
pub struct TermText {
    /// The source entry's slug.
    pub id: String,
    /// The term in this language.
    pub term: Option<String>,
    /// One plain sentence.
    pub plain: Option<String>,
    /// An easy-read definition.
    pub easy: Option<String>,
    /// More, in Markdown.
    pub more: Option<String>,
    /// Short forms in this language.
    pub abbreviations: Option<Vec<String>>,
    /// Other words for it in this language.
    pub aliases: Option<Vec<String>>,
    /// A plainer word to use.
    pub say_instead: Option<String>,
    /// Where its id is written.
    pub span: Range<usize>,
}

/// What a translation file turned into, with the key of what it translates.
#[derive(Debug, Clone)]
pub(crate) enum TrUnit {
    /// By the source page's route.
    Page(String, Arc<PageText>),
    Easy(String, Arc<EasyText>),
    /// By the source checklist's slug.
    Checklist(String, Arc<ChecklistText>),
    Glossary(Arc<GlossaryText>),
    Symbols(Arc<Symbols>),
}
