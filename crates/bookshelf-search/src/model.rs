//! The public input and output types: what the binary hands in, what a search hands back.

use serde::{Deserialize, Serialize};

/// Which edition of the site a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// The standard pages.
    #[default]
    Standard,
    /// The easy read pages.
    Easy,
}

impl Variant {
    /// Both variants, standard first.
    pub const ALL: [Variant; 2] = [Variant::Standard, Variant::Easy];

    /// The name used in the index and in file names: `standard` or `easy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Standard => "standard",
            Variant::Easy => "easy",
        }
    }
}

/// One page to index, already reduced to plain text by the caller.
///
/// A document of kind `glossary` whose `title` equals a [`Term::term`] (ignoring case) is
/// that term's own page: it is ranked first when a query names the term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// Site-relative URL without a leading slash, e.g. `guides/having-your-say/`.
    pub url: String,
    /// The page title.
    pub title: String,
    /// The text of every heading on the page.
    pub headings: Vec<String>,
    /// The one-sentence summary (may be empty).
    pub summary: String,
    /// The body as plain text (shared with a twin that says the same).
    pub body: std::sync::Arc<str>,
    /// `page`, `model`, `guide`, `checklist` or `glossary`.
    pub kind: String,
    /// Who the page is for (`staff`, `parents`, `young-people`); empty means everyone.
    pub audience: Vec<String>,
    /// A checklist's level (`individual`, `operational`, `strategic`).
    pub level: Option<String>,
    /// Standard or easy read.
    pub variant: Variant,
}

/// One glossary entry, used for synonyms and for the answer card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// The term as written, e.g. `Education, Health and Care plan`.
    pub term: String,
    /// Site-relative URL of the term's page, e.g. `glossary/ehcp/`.
    pub url: String,
    /// Abbreviations, e.g. `EHCP`.
    pub abbreviations: Vec<String>,
    /// Other words for the same thing.
    pub aliases: Vec<String>,
    /// The one-sentence plain definition.
    pub plain: String,
    /// The easy read definition, if any.
    pub easy: Option<String>,
    /// A plainer word editors are told to use instead.
    pub say_instead: Option<String>,
}

/// What [`crate::build`] wrote and how big it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexStats {
    /// Documents indexed (both variants).
    pub docs: usize,
    /// Distinct words in the site's vocabulary (used for correction).
    pub vocabulary: usize,
    /// Distinct index terms (stems and glossary concepts).
    pub terms: usize,
    /// Bytes of the tantivy index on disk.
    pub bytes_tantivy: u64,
    /// Bytes of the static browser index, script included.
    pub bytes_static: u64,
    /// Bytes of the static `meta.json` every first query downloads.
    pub bytes_meta: u64,
    /// Number of posting shards per variant.
    pub shards: usize,
}

/// A search request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Query {
    /// What the reader typed.
    pub text: String,
    /// How many hits to return.
    pub limit: usize,
    /// Which edition to search.
    pub variant: Variant,
    /// Only pages with this level (checklists).
    pub level: Option<String>,
    /// Only pages for this audience, plus pages for everyone.
    pub audience: Option<String>,
    /// Only pages of this kind.
    pub kind: Option<String>,
}

impl Query {
    /// A query for the standard pages with a limit of 10 and no filters.
    pub fn new(text: impl Into<String>) -> Self {
        Query {
            text: text.into(),
            limit: 10,
            variant: Variant::Standard,
            level: None,
            audience: None,
            kind: None,
        }
    }
}

/// The glossary card shown above the results when the query names a term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlossaryAnswer {
    /// The term as written.
    pub term: String,
    /// Site-relative URL of the term's page.
    pub url: String,
    /// The definition: the easy one for easy read searches when there is one.
    pub definition: String,
    /// Abbreviations of the term.
    pub abbreviations: Vec<String>,
    /// A plainer word for it.
    pub say_instead: Option<String>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// The query with its spelling corrected, when a word was corrected ("showing results for …").
    pub corrected: Option<String>,
    /// The glossary card, when the query names a term.
    pub answer: Option<GlossaryAnswer>,
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many pages matched in all.
    pub total: usize,
    /// When nothing on the site answers the query well (the best page holds too little of
    /// what the query asks), `hits` is empty and the pages that mention some of its words are
    /// here, to show under "Other pages that mention these words".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<Hit>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The page title.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// An HTML-escaped extract with matched words in `<mark>`.
    pub snippet_html: String,
    /// The same extract as plain text.
    pub snippet: String,
    /// The BM25 score (higher is better).
    pub score: f32,
    /// The kind of page.
    pub kind: String,
    /// The checklist level, if any.
    pub level: Option<String>,
    /// Who the page is for.
    pub audience: Vec<String>,
}
