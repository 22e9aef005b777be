//! bookshelf-content: reads `book.toml` and `content/` into a typed [`Book`], with located
//! [`Diagnostic`]s for everything wrong. It knows nothing of HTML.
//!
//! The pipeline ([`Loader::load`]):
//! 1. read `book.toml` ([`config`]);
//! 2. walk `content/` and classify each file ([`files`]); `.`/`_` names are never read, and a
//!    link that leads out of `content/` is an error;
//! 3. parse each changed file in parallel: front matter and Markdown headings/links
//!    ([`frontmatter`], [`markdown`]), checklists ([`checklist`]), the glossary and symbols
//!    ([`glossary`]); results are cached by file size and time;
//! 4. attach hand-written easy reads to their pages and sort; gather the translations
//!    (`NAME.LANG.md`…, [`translation`]) and check them against their sources;
//! 5. check every link between files, and every site address against the routes ([`links`]);
//! 6. return the book only if nothing was an error, with every diagnostic sorted.
//!
//! [`Book::in_language`] then gives the book as the readers of one language see it.
#![warn(missing_docs)]

pub mod allow;
pub mod assets;
pub mod checklist;
mod config;
pub mod diagnostic;
mod files;
mod frontmatter;
mod glossary;
mod in_language;
mod lang;
pub mod links;
mod load;
pub mod markdown;
mod model;
mod raw_html;
pub mod report;
pub mod search_words;
mod sections;
pub mod slug;
mod symbol_map;
mod translate;
mod translation;
mod yaml;
mod yaml_plain;
mod yaml_scan;

pub use config::{ChecklistsConfig, Config, LanguageConfig};
pub use diagnostic::{Diagnostic, Severity, SourceMap};
pub use load::{Loaded, Loader};
pub use model::*;
pub use sections::{SectionConfig, SectionKind, Show, Words};

/// Reads only `root/book.toml`, for a command that needs the settings and not the book
/// (`bookshelf search --lang`): the configuration, or `None` with what was wrong.
pub fn read_config(root: &std::path::Path) -> Result<Config, Vec<Diagnostic>> {
    let path = std::path::Path::new("book.toml");
    let mut diags = Vec::new();
    let text = std::fs::read_to_string(root.join(path)).map_err(|e| {
        vec![Diagnostic::error(
            "io",
            format!("could not read `book.toml` in `{}`: {e}", root.display()),
        )]
    })?;
    config::parse(path, &text, &mut diags).ok_or(diags)
}

/// Load the book at `root` once.
pub fn load(root: impl Into<std::path::PathBuf>) -> Loaded {
    Loader::new(root).load()
}
