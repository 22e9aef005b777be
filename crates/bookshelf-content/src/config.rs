//! `book.toml`: the site settings.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::yaml::parse_toml;

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
            base_url: book.base_url.or(raw.base_url),
            authors: if book.authors.is_empty() {
                raw.authors
            } else {
                book.authors
            },
        },
        easy_read: raw.easy_read,
        search: raw.search,
        check: raw.check,
    };
    let mut ok = true;
    let lang = config.book.language.trim();
    let valid_lang = !lang.is_empty()
        && lang
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && lang.split('-').next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic())
        });
    if !valid_lang {
        let at = text.find("language").unwrap_or(0);
        diags.push(
            Diagnostic::error("bad-value", format!("`{lang}` is not a language tag"))
                .at(path, crate::yaml::token_span(text, at))
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
    ok.then_some(config)
}
