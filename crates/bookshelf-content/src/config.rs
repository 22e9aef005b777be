//! `book.toml`: the site settings.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::sections::SectionConfig;
use crate::yaml::parse_toml;

mod languages;

use languages::check_languages;

/// The environment variable that, when set, overrides `base_url` in `book.toml`: the same
/// content published under a host's sub-folder (GitHub or GitLab Pages of a project).
pub(crate) const BASE_URL_VAR: &str = "BOOKSHELF_BASE_URL";

/// The whole of `book.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[book]`: required.
    pub book: BookConfig,
    /// `[easy_read]`.
    #[serde(default)]
    pub easy_read: EasyReadConfig,
    /// `[search]`.
    #[serde(default)]
    pub search: SearchConfig,
    /// `[check]`.
    #[serde(default)]
    pub check: CheckConfig,
    /// `[languages.TAG]`: the languages besides `[book] language`, by tag as written.
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageConfig>,
    /// `[[sections]]`, sorted by `order` (then as listed); today's sections when none are
    /// listed ([`SectionConfig::defaults`]).
    #[serde(default = "SectionConfig::defaults")]
    pub sections: Vec<SectionConfig>,
    /// Whether `book.toml` lists the sections (otherwise `sections` are the defaults).
    #[serde(skip)]
    pub sections_listed: bool,
    /// `[checklists]`.
    #[serde(default)]
    pub checklists: ChecklistsConfig,
}

/// `[checklists]`: how readers' records are kept on their devices.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistsConfig {
    /// Forget a record on a reader's device when it has not been changed for this many days
    /// (for shared computers); unset or 0 keeps records until the reader forgets them.
    #[serde(default)]
    pub forget_after_days: Option<u32>,
}

/// `[languages.TAG]`: one more language the book is translated into.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site title in that language (required).
    pub title: String,
    /// One sentence about the site, in that language.
    #[serde(default)]
    pub description: Option<String>,
}

/// `book.toml` as written: `[book]`, or mdBook-style `title` and `language` at the top.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    book: Option<RawBook>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    easy_read: EasyReadConfig,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    check: CheckConfig,
    #[serde(default)]
    languages: BTreeMap<String, LanguageConfig>,
    #[serde(default)]
    sections: Vec<SectionConfig>,
    #[serde(default)]
    checklists: ChecklistsConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
}

/// `[book]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BookConfig {
    /// The site title.
    pub title: String,
    /// A BCP 47 language tag such as `en-GB`.
    pub language: String,
    /// One sentence about the site.
    #[serde(default)]
    pub description: Option<String>,
    /// The path the site is served under (default `/`).
    #[serde(default)]
    pub base_url: Option<String>,
    /// Who made it.
    #[serde(default)]
    pub authors: Vec<String>,
    /// In a book seen in another language ([`crate::Book::in_language`]): the language of
    /// the source files, whose site is at the root. `None` in the source book itself.
    #[serde(skip)]
    pub source_language: Option<String>,
}

/// `[easy_read]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EasyReadConfig {
    /// A folder (relative to the root) of symbol files named by symbol name.
    #[serde(default)]
    pub symbols: Option<String>,
    /// The acknowledgement for that symbol set.
    #[serde(default)]
    pub symbols_credit: Option<String>,
    /// Words never symbolised (replaces the built-in list).
    #[serde(default)]
    pub stop_words: Option<Vec<String>>,
    /// At most this many symbols above the words of one easy-read line (default 3, ER2).
    #[serde(default)]
    pub max_symbols_per_line: Option<usize>,
}

/// `[search]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Build the search index (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        Self { enabled: true }
    }
}

fn yes() -> bool {
    true
}

/// `[check]`: thresholds for `bookshelf check`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// Longest sentence in a standard page (PL1).
    pub max_sentence_words: usize,
    /// Longest sentence in easy read (ER3).
    pub max_easy_sentence_words: usize,
    /// Highest reading age (PL5).
    pub max_reading_age: f64,
    /// Pages shorter than this get no reading-age warning.
    pub min_words_for_reading_age: usize,
    /// Warn when an easy-read page has more words than this (ER17).
    pub max_easy_words: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        Self {
            max_sentence_words: 25,
            max_easy_sentence_words: 15,
            max_reading_age: 11.0,
            min_words_for_reading_age: 100,
            max_easy_words: 1000,
        }
    }
}

impl Config {
    /// The base URL path, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let raw = self.book.base_url.as_deref().unwrap_or("/");
        // Accept a full URL and keep only its path.
        let path = match raw.find("://") {
            Some(i) => raw[i + 3..].find('/').map_or("/", |j| &raw[i + 3 + j..]),
            None => raw,
        };
        let mut p = path.trim_matches('/').to_string();
        if p.is_empty() {
            return "/".into();
        }
        p.insert(0, '/');
        p.push('/');
        p
    }
}

/// Read `book.toml` from its text, reporting problems.
pub(crate) fn parse(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let raw: RawConfig = parse_toml(path, text, diags)?;
    let book = raw.book.unwrap_or(RawBook {
        title: None,
        language: None,
        description: None,
        base_url: None,
        authors: Vec::new(),
    });
    let mut missing = |key: &str| {
        diags.push(
            Diagnostic::error("missing-key", format!("missing required key `{key}`"))
                .at(path, 0..text.find('\n').unwrap_or(text.len()).min(1))
                .help(format!("add a `[book]` table with `{key} = \"…\"`, e.g. `title = \"Our bookshelf\"` and `language = \"en-GB\"`")),
        );
    };
    let (Some(title), Some(language)) = (book.title.or(raw.title), book.language.or(raw.language))
    else {
        if !text.contains("title") {
            missing("title");
        }
        if !text.contains("language") {
            missing("language");
        }
        if text.contains("title") && text.contains("language") {
            missing("title");
        }
        return None;
    };
    let config = Config {
        book: BookConfig {
            title,
            language,
            description: book.description.or(raw.description),
            // The publishing workflows `bookshelf new` writes set it to the host's sub-folder.
            base_url: std::env::var(BASE_URL_VAR)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .or(book.base_url)
                .or(raw.base_url),
            authors: if book.authors.is_empty() {
                raw.authors
            } else {
                book.authors
            },
            source_language: None,
        },
        easy_read: raw.easy_read,
        search: raw.search,
        check: raw.check,
        languages: raw.languages,
        sections_listed: !raw.sections.is_empty(),
        sections: if raw.sections.is_empty() {
            SectionConfig::defaults()
        } else {
            let mut sorted = raw.sections.clone();
            sorted.sort_by_key(|s| s.order.unwrap_or(i64::MAX));
            sorted
        },
        checklists: raw.checklists,
    };
    let mut ok = true;
    let lang = config.book.language.trim();
    if !crate::lang::is_well_formed(lang) {
        // At the value when it can be found, else at the key.
        let key = text.find("language").unwrap_or(0);
        let span = text[key..]
            .find(&format!("\"{lang}\""))
            .filter(|_| !lang.is_empty())
            .map_or_else(
                || crate::yaml::token_span(text, key),
                |i| key + i + 1..key + i + 1 + lang.len(),
            );
        diags.push(
            Diagnostic::error(
                "bad-language-tag",
                format!("`{lang}` is not a language tag"),
            )
            .at(path, span)
            .help("use a BCP 47 tag such as `en-GB`"),
        );
        ok = false;
    }
    if config.book.title.trim().is_empty() {
        let at = text.find("title").unwrap_or(0);
        diags.push(
            Diagnostic::error("missing-key", "the book `title` is empty")
                .at(path, crate::yaml::token_span(text, at))
                .help("give the site a title, e.g. `title = \"Our bookshelf\"`"),
        );
        ok = false;
    }
    ok &= check_languages(path, text, &config, diags);
    ok &= crate::sections::check(path, text, &config, &raw.sections, diags);
    ok.then_some(config)
}
