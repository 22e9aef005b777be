//! The sections of the site as data: `[[sections]]` in `book.toml`, or today's defaults
//! (`model/`, `guides/`, `checklists/`, the glossary) when the book lists none.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

mod check;

pub(crate) use check::{check, left_out};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Section;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// Markdown pages in `content/FOLDER/`, listed on `FOLDER/`.
    #[default]
    Pages,
    /// The checklists and rating lists (`content/checklists/`).
    Checklists,
    /// The glossary (`content/glossary.yaml`).
    Glossary,
}

/// Where a section's link is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    /// In the main menu at the top of every page.
    #[default]
    Menu,
    /// In the menu at the foot of every page.
    Footer,
}

/// A title or summary: one text, or one per language tag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Words {
    /// The same words whatever the language (usually the book's own).
    One(String),
    /// Words by language tag, as written (`{ en-GB = "Local help", pl = "Pomoc lokalna" }`).
    ByLanguage(BTreeMap<String, String>),
}

/// `[[sections]]`: one part of the site.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    /// The folder under `content/` and the address of its list (`local-help` → `/local-help/`).
    pub folder: String,
    /// Pages (the default), checklists or glossary.
    #[serde(default)]
    pub kind: SectionKind,
    /// Its title, in each language (the theme has titles for the default sections).
    #[serde(default)]
    pub title: Option<Words>,
    /// One sentence under the title of its list page.
    #[serde(default)]
    pub summary: Option<Words>,
    /// Its place in the menu (then the order listed).
    #[serde(default)]
    pub order: Option<i64>,
    /// `menu` (the default) or `footer`.
    #[serde(default)]
    pub show: Show,
}

/// The theme's strings for a default section: menu title, list title, list summary.
pub struct ThemeKeys {
    /// The menu and breadcrumb title (`menu_model`).
    pub menu: &'static str,
    /// The list page's title, when it has one of its own (`model_title`).
    pub title: Option<&'static str>,
    /// The list page's summary (`model_summary`).
    pub summary: Option<&'static str>,
}

impl SectionConfig {
    /// The sections of a book that lists none: today's five menu entries less home and
    /// search, in today's order.
    pub fn defaults() -> Vec<SectionConfig> {
        [
            ("model", SectionKind::Pages),
            ("guides", SectionKind::Pages),
            ("checklists", SectionKind::Checklists),
            ("glossary", SectionKind::Glossary),
        ]
        .into_iter()
        .map(|(folder, kind)| SectionConfig {
            folder: folder.into(),
            kind,
            title: None,
            summary: None,
            order: None,
            show: Show::Menu,
        })
        .collect()
    }

    /// The site route of its list page (`local-help/`).
    pub fn route(&self) -> String {
        format!("{}/", self.folder)
    }

    /// The theme's strings for this section, when it is one of the default folders.
    pub fn theme_keys(&self) -> Option<ThemeKeys> {
        let (menu, title, summary) = match (self.folder.as_str(), self.kind) {
            ("model", SectionKind::Pages) => {
                ("menu_model", Some("model_title"), Some("model_summary"))
            }
            ("guides", SectionKind::Pages) => {
                ("menu_guides", Some("guides_title"), Some("guides_summary"))
            }
            ("checklists", SectionKind::Checklists) => ("menu_checklists", None, None),
            ("glossary", SectionKind::Glossary) => ("menu_glossary", None, None),
            _ => return None,
        };
        Some(ThemeKeys {
            menu,
            title,
            summary,
        })
    }

    /// Its title in `lang`, as `book.toml` gives it: that language's, else the book's own
    /// language's (`default`), else the one title; `None` when `book.toml` has none.
    pub fn title_in(&self, lang: &str, default: &str) -> Option<&str> {
        words_in(self.title.as_ref()?, lang, default)
    }

    /// Its summary in `lang`, as [`SectionConfig::title_in`].
    pub fn summary_in(&self, lang: &str, default: &str) -> Option<&str> {
        words_in(self.summary.as_ref()?, lang, default)
    }
}

fn words_in<'a>(words: &'a Words, lang: &str, default: &str) -> Option<&'a str> {
    match words {
        Words::One(s) => Some(s),
        Words::ByLanguage(map) => {
            let find = |tag: &str| {
                map.iter()
                    .find(|(k, _)| crate::lang::canonical(k) == crate::lang::canonical(tag))
                    .map(|(_, v)| v.as_str())
            };
            find(lang).or_else(|| find(default))
        }
    }
}

/// Where pages of `section` come in the book: home, top-level pages, then the sections in
/// the order `book.toml` gives (today's `model/` before `guides/` by default).
pub(crate) fn rank(config: Option<&Config>, section: Section) -> usize {
    match section {
        Section::Home => 0,
        Section::Top => 1,
        Section::Folder(f) => {
            2 + config
                .and_then(|c| c.sections.iter().position(|s| s.folder == f))
                .unwrap_or(usize::MAX - 2)
        }
    }
}

/// Is `section` a section of pages the book lists (home and top-level pages always are)?
pub(crate) fn is_listed(config: &Config, section: Section) -> bool {
    match section {
        Section::Home | Section::Top => true,
        Section::Folder(f) => config
            .sections
            .iter()
            .any(|s| s.folder == f && s.kind == SectionKind::Pages),
    }
}

/// One error for each folder of pages that is not a listed section, at its first file.
pub(crate) fn unlisted<'p>(
    config: &Config,
    files: impl Iterator<Item = (&'p Path, Section)>,
) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&'static str, (&Path, usize)> = BTreeMap::new();
    for (path, section) in files {
        if is_listed(config, section) {
            continue;
        }
        let entry = first.entry(section.folder()).or_insert((path, 0));
        entry.0 = entry.0.min(path);
        entry.1 += 1;
    }
    first
        .into_iter()
        .map(|(folder, (path, count))| {
            let mut listed: Vec<String> = config
                .sections
                .iter()
                .filter(|s| s.kind == SectionKind::Pages)
                .map(|s| format!("`{}/`", s.folder))
                .collect();
            let listed = match listed.pop() {
                None => "none".to_string(),
                Some(last) if listed.is_empty() => last,
                Some(last) => format!("{} and {last}", listed.join(", ")),
            };
            let files = if count == 1 {
                "1 page".to_string()
            } else {
                format!("{count} pages")
            };
            let help = if config.sections_listed {
                format!("the sections of pages in `book.toml` are {listed}: add one with `[[sections]]`, `folder = \"{folder}\"` and a `title`, or move its pages (names starting with `_` are ignored)")
            } else {
                format!("`book.toml` lists no sections, so the folders of pages are {listed}: to add `{folder}/`, list every section in `book.toml` with `[[sections]]` (see \"Sections\" in the README), or move its pages (names starting with `_` are ignored)")
            };
            Diagnostic::error(
                "section-not-listed",
                format!("the folder `content/{folder}/` holds {files} but is not a section of the book"),
            )
            .in_file(path)
            .help(help)
        })
        .collect()
}

/// A top-level page with the address of a section's list (`content/news.md` beside a
/// `news` section): one error each, at the page.
pub(crate) fn clashes<'p>(
    config: &Config,
    pages: impl Iterator<Item = &'p crate::model::Page>,
) -> Vec<Diagnostic> {
    pages
        .filter(|p| p.section == Section::Top)
        .filter(|p| !crate::links::RESERVED_ROUTES.contains(&p.slug.as_str()))
        .filter(|p| config.sections.iter().any(|s| s.folder == p.slug))
        .map(|p| {
            Diagnostic::error(
                "duplicate-id",
                format!(
                    "`{}/` is the address of the section `{}` in `book.toml`",
                    p.slug, p.slug
                ),
            )
            .in_file(&p.body.path)
            .help("rename the page, or move it into the section's folder")
        })
        .collect()
}
