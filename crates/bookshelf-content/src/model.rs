//! The typed book: pages, checklists, the glossary and symbols, as read from `content/`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::Config;

mod found;
pub(crate) use found::intern;
pub use found::{LinkIndex, RawImage, RawLink};

/// Who a page or checklist is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Staff: SENCOs, social workers, health and council officers.
    Staff,
    /// Parents and carers.
    Parents,
    /// Children and young people.
    YoungPeople,
}

impl Audience {
    /// The key as written in content (`young-people`).
    pub fn key(self) -> &'static str {
        match self {
            Audience::Staff => "staff",
            Audience::Parents => "parents",
            Audience::YoungPeople => "young-people",
        }
    }
    /// A plain label (`Young people`).
    pub fn label(self) -> &'static str {
        match self {
            Audience::Staff => "Staff",
            Audience::Parents => "Parents and carers",
            Audience::YoungPeople => "Young people",
        }
    }
}

/// The level a checklist works at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// With one child and family.
    Individual,
    /// Running a service day to day.
    Operational,
    /// Planning and commissioning whole services.
    Strategic,
}

impl Level {
    /// Every level, in order.
    pub const ALL: [Level; 3] = [Level::Individual, Level::Operational, Level::Strategic];
    /// The key as written in content.
    pub fn key(self) -> &'static str {
        match self {
            Level::Individual => "individual",
            Level::Operational => "operational",
            Level::Strategic => "strategic",
        }
    }
    /// A plain label.
    pub fn label(self) -> &'static str {
        match self {
            Level::Individual => "Individual: with one family",
            Level::Operational => "Operational: running a service",
            Level::Strategic => "Strategic: planning services",
        }
    }
}

/// A checklist to tick, or a rating list to score 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChecklistKind {
    /// Items to tick.
    #[default]
    Checklist,
    /// Statements to score from 1 to 5.
    Rating,
}

/// Which part of the site a Markdown page belongs to. Not ordered by itself: pages come in
/// the order of the sections in `book.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// `content/index.md`.
    Home,
    /// Other top-level pages (`content/sources.md`), linked from the footer menu.
    Top,
    /// A folder of pages (`content/guides/`, `content/local-help/`): one of the book's
    /// sections when `book.toml` lists it ([`crate::SectionConfig`]), an error otherwise.
    Folder(&'static str),
}

impl Section {
    /// The section of pages in `content/FOLDER/`.
    pub fn folder_named(folder: &str) -> Section {
        Section::Folder(intern(folder))
    }

    /// The folder name (empty for top-level pages).
    pub fn folder(self) -> &'static str {
        match self {
            Section::Home | Section::Top => "",
            Section::Folder(f) => f,
        }
    }
}

/// A heading found in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Its id, unique on the page.
    pub id: String,
}

/// The Markdown text of one variant of a page.
#[derive(Debug, Clone)]
pub struct Body {
    /// The source file, relative to the book root.
    pub path: PathBuf,
    /// Markdown after the front matter.
    pub markdown: std::sync::Arc<str>,
    /// Byte offset of `markdown` in the whole file.
    pub offset: usize,
    /// A number that changes whenever the file is read again (for incremental rebuilds).
    pub revision: u64,
    /// Headings with their ids, in order.
    pub headings: std::sync::Arc<Vec<Heading>>,
    /// Links as written, with ranges in the whole file.
    pub links: std::sync::Arc<Vec<RawLink>>,
    /// Pictures as written, with ranges in the whole file.
    pub images: std::sync::Arc<Vec<RawImage>>,
}

/// A hand-written easy-read version of a page (`NAME.easy.md`).
#[derive(Debug, Clone)]
pub struct EasyPage {
    /// Its title (usually the same as the page's).
    pub title: String,
    /// One sentence for lists.
    pub summary: Option<String>,
    /// Who checked it (ER19).
    pub checked_by: Option<String>,
    /// The body.
    pub body: Body,
    /// The language its words are in: the book's, or a translation's.
    pub text_language: String,
    /// Who translated it, when its words are a translation's.
    pub translation: Option<TranslationInfo>,
}

/// Who translated a text, who checked the translation, and where it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TranslationInfo {
    /// The language tag, as listed in `book.toml`.
    pub lang: String,
    /// `translated_by`: who translated it.
    pub translated_by: Option<String>,
    /// `translation_checked_by`: who checked it (`None`: nobody yet).
    pub checked_by: Option<String>,
    /// The translation file, relative to the book root.
    pub path: PathBuf,
}

/// A Markdown page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Home, top, or a folder of pages.
    pub section: Section,
    /// The file name without extension.
    pub slug: String,
    /// The site-relative URL path: `""` for home, `guides/x/` otherwise.
    pub route: String,
    /// The page title.
    pub title: String,
    /// One sentence for lists and search results.
    pub summary: Option<String>,
    /// Position in its section.
    pub order: Option<i64>,
    /// Who it is for.
    pub audience: Vec<Audience>,
    /// The page's picture.
    pub symbol: Option<String>,
    /// The body.
    pub body: Body,
    /// The hand-written easy read, if any.
    pub easy: Option<EasyPage>,
    /// The language its words are in: the book's, or a translation's.
    pub text_language: String,
    /// Who translated it, when its words are a translation's ([`Book::in_language`]).
    pub translation: Option<TranslationInfo>,
}

/// One item of a checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Stable id, unique in the checklist.
    pub id: String,
    /// Whether the id was written in the file (not made from the text).
    pub explicit_id: bool,
    /// What to do.
    pub text: String,
    /// Plain help.
    pub why: Option<String>,
    /// What to record.
    pub evidence: Option<String>,
    /// Its easy read, written by hand (else made from `text`, one sentence a line).
    pub easy: Option<String>,
    /// Byte offset of its `text` in the checklist file (for `check`).
    pub at: usize,
}

/// A titled group of items.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistSection {
    /// Id from the title, unique in the checklist.
    pub id: String,
    /// The title.
    pub title: String,
    /// The items.
    pub items: Vec<Item>,
}

/// A checklist or rating list.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// The source file, relative to the book root.
    pub path: PathBuf,
    /// The file name without extension.
    pub slug: String,
    /// `checklists/x/`.
    pub route: String,
    /// The title.
    pub title: String,
    /// Individual, operational or strategic.
    pub level: Level,
    /// One sentence.
    pub summary: String,
    /// When to use it.
    pub when: String,
    /// Who it is for.
    pub audience: Vec<Audience>,
    /// Ticks or ratings.
    pub kind: ChecklistKind,
    /// Position in its level.
    pub order: Option<i64>,
    /// The picture.
    pub symbol: Option<String>,
    /// Labels for the scores 1 to 5 (rating lists).
    pub scale: Vec<String>,
    /// The sections.
    pub sections: Vec<ChecklistSection>,
    /// Changes whenever the file is read again.
    pub revision: u64,
    /// The language its words are in: the book's, or a translation's.
    pub text_language: String,
    /// Who translated it, when its words are a translation's.
    pub translation: Option<TranslationInfo>,
}

impl Checklist {
    /// How many items in all.
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}

/// A glossary entry.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The slug: from `id` or the term.
    pub slug: String,
    /// `glossary/slug/`.
    pub route: String,
    /// The full words.
    pub term: String,
    /// Acronyms and short forms, matched case-sensitively.
    pub abbreviations: Vec<String>,
    /// Other words for it.
    pub aliases: Vec<String>,
    /// One plain sentence.
    pub plain: String,
    /// An easy-read definition.
    pub easy: Option<String>,
    /// More, in Markdown.
    pub more: Option<String>,
    /// The picture.
    pub symbol: Option<String>,
    /// Related terms, as slugs (resolved).
    pub see_also: Vec<String>,
    /// A plainer word to use.
    pub say_instead: Option<String>,
    /// Byte range of this entry in `glossary.yaml`.
    pub span: std::ops::Range<usize>,
    /// The language its words are in: the book's, or the glossary translation's.
    pub text_language: String,
}

/// The glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Entries sorted by term (case-insensitive).
    pub terms: Vec<Term>,
    /// The source file, if there is one (`glossary.yaml` in every language: links go to it).
    pub path: Option<PathBuf>,
    /// Changes whenever the file is read again.
    pub revision: u64,
    /// Who translated the translated entries (each marked by its `text_language`).
    pub translation: Option<TranslationInfo>,
}

impl Glossary {
    /// Find a term by slug.
    pub fn by_slug(&self, slug: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.slug == slug)
    }
}

/// The one sense in which a symbol map key gets its symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// As a noun ("a share").
    Noun,
    /// As a verb ("we share").
    Verb,
}

/// Words and phrases mapped to symbol names, for easy read.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    /// Lower-case word or phrase -> symbol name.
    pub map: BTreeMap<String, String>,
    /// Byte offset of each key's line in `symbols.yaml` (for warnings).
    pub lines: BTreeMap<String, usize>,
    /// Keys that match in one sense only (`as: noun`), ER21.
    pub senses: BTreeMap<String, Sense>,
    /// Words that never get a symbol (`need: never`), ER20.
    pub never: std::collections::BTreeSet<String>,
    /// The source file, if there is one.
    pub path: Option<PathBuf>,
    /// Changes whenever the file is read again.
    pub revision: u64,
}

/// The whole book.
#[derive(Debug, Clone)]
pub struct Book {
    /// The book root folder.
    pub root: PathBuf,
    /// `book.toml`.
    pub config: Config,
    /// Markdown pages, sorted by section, order, title. Shared with the loader's cache, so
    /// assembling the book after an edit copies no page that did not change.
    pub pages: Vec<std::sync::Arc<Page>>,
    /// Checklists, sorted by level, order, title (shared like the pages).
    pub checklists: Vec<std::sync::Arc<Checklist>>,
    /// The glossary.
    pub glossary: Glossary,
    /// The symbol map.
    pub symbols: Symbols,
    /// The editor's everyday words for search in this book's language (`search-words.yaml`).
    pub search_words: std::sync::Arc<crate::search_words::SearchWords>,
    /// Those of each translation (`search-words.LANG.yaml`), by language tag.
    pub search_words_in: BTreeMap<String, std::sync::Arc<crate::search_words::SearchWords>>,
    /// Where every link between files goes (built once per load, shared with the renderer).
    pub links: std::sync::Arc<LinkIndex>,
    /// The translations, by language tag as listed in `book.toml` (`[languages.TAG]`).
    pub translations: BTreeMap<String, std::sync::Arc<crate::translation::Translation>>,
    /// Pictures and documents, by their path relative to `content/` (`guides/bus.jpg`),
    /// published at that path in every language's site.
    pub assets: std::sync::Arc<BTreeMap<String, std::sync::Arc<crate::assets::Asset>>>,
}

impl Book {
    /// The home page, if there is one.
    pub fn home(&self) -> Option<&Page> {
        self.pages
            .iter()
            .find(|p| p.section == Section::Home)
            .map(|p| &**p)
    }
}
