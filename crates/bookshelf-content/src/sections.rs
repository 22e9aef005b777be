//! The sections of the site as data: `[[sections]]` in `book.toml`, or today's defaults
//! (`model/`, `guides/`, `checklists/`, the glossary) when the book lists none.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

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

/// A folder name made `&'static`, so a [`crate::Section`] stays `Copy` and cheap to compare.
/// A book has a handful of section folders; each distinct name is kept once for the life of
/// the process (a server that sees a folder made and removed keeps its few bytes).
pub(crate) fn intern(folder: &str) -> &'static str {
    static NAMES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let names = names.get_or_insert_with(HashSet::new);
    if let Some(name) = names.get(folder) {
        return name;
    }
    let name: &'static str = Box::leak(folder.to_string().into_boxed_str());
    names.insert(name);
    name
}

/// Folder names a section may not have: the site's own addresses.
const TAKEN: &[&str] = &["easy-read", "search", "assets", "symbols", "print", "404"];

/// The span of the `n`th `[[sections]]` table in `text` (to the next table), or the whole text.
fn table_span(text: &str, n: usize) -> std::ops::Range<usize> {
    let starts: Vec<usize> = text.match_indices("[[sections]]").map(|(i, _)| i).collect();
    match starts.get(n) {
        Some(&start) => {
            let end = text[start + 1..]
                .find("\n[")
                .map_or(text.len(), |i| start + 1 + i);
            start..end
        }
        None => 0..text.len(),
    }
}

/// Where `key = "value"` of the `n`th section is written (the value, or the table's header).
fn value_span(text: &str, n: usize, key: &str, value: &str) -> std::ops::Range<usize> {
    let table = table_span(text, n);
    let part = &text[table.clone()];
    let at_key = part
        .match_indices(key)
        .map(|(i, _)| i)
        .find(|&i| part[i + key.len()..].trim_start().starts_with('='));
    if let Some(k) = at_key {
        if let Some(v) = part[k..].find(&format!("\"{value}\"")) {
            let start = table.start + k + v + 1;
            return start..start + value.len();
        }
        return crate::yaml::token_span(text, table.start + k);
    }
    table.start..table.start + part.find('\n').unwrap_or(part.len())
}

/// Check `[[sections]]`: folders that are names, listed once, not the site's own; one
/// checklists and one glossary section, in their fixed places; a title in every language of
/// the book for a section the theme has none for (warnings: a fallback is used).
pub(crate) fn check(
    path: &Path,
    text: &str,
    config: &Config,
    written: &[SectionConfig],
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let languages: Vec<&str> = std::iter::once(config.book.language.trim())
        .chain(config.languages.keys().map(String::as_str))
        .collect();
    // As written (`config.sections` is sorted by order), so the n-th is the n-th table.
    for (n, s) in written.iter().enumerate() {
        let folder_at = value_span(text, n, "folder", &s.folder);
        let fixed = match s.kind {
            SectionKind::Pages => None,
            SectionKind::Checklists => Some("checklists"),
            SectionKind::Glossary => Some("glossary"),
        };
        if let Some(fixed) = fixed.filter(|f| *f != s.folder) {
            diags.push(
                Diagnostic::error(
                    "bad-section-folder",
                    format!(
                        "a section of kind `{fixed}` has the folder `{fixed}`, not `{}`",
                        s.folder
                    ),
                )
                .at(path, folder_at.clone())
                .help(format!(
                    "write `folder = \"{fixed}\"`, or `kind = \"pages\"` for a section of pages"
                )),
            );
            ok = false;
            continue;
        }
        if s.kind == SectionKind::Pages && (s.folder == "checklists" || s.folder == "glossary") {
            diags.push(
                Diagnostic::error(
                    "bad-section-folder",
                    format!(
                        "the folder `{}` is for the {}, not for pages",
                        s.folder, s.folder
                    ),
                )
                .at(path, folder_at.clone())
                .help(format!(
                    "add `kind = \"{}\"`, or choose another folder name for pages",
                    s.folder
                )),
            );
            ok = false;
            continue;
        }
        let not_a_name = crate::slug::slugify(&s.folder) != s.folder || s.folder.is_empty();
        let taken = TAKEN.contains(&s.folder.as_str())
            || languages
                .iter()
                .any(|l| crate::lang::canonical(l) == crate::lang::canonical(&s.folder));
        if not_a_name || taken {
            let what = if not_a_name {
                format!("`{}` is not a folder name bookshelf can use", s.folder)
            } else {
                format!("`{}` is an address the site uses itself", s.folder)
            };
            diags.push(
                Diagnostic::error("bad-section-folder", what)
                    .at(path, folder_at.clone())
                    .help("use one folder under `content/`, in lower-case letters, digits and hyphens, e.g. `local-help`"),
            );
            ok = false;
            continue;
        }
        if let Some(first) = seen.insert(s.folder.as_str(), n) {
            diags.push(
                Diagnostic::error(
                    "duplicate-section",
                    format!("the section `{}` is listed twice", s.folder),
                )
                .at(path, folder_at)
                .label(
                    value_span(text, first, "folder", &s.folder),
                    "first listed here",
                )
                .help("list each section once: remove one of the two `[[sections]]` tables"),
            );
            ok = false;
            continue;
        }
        check_words(path, text, n, s, &languages, diags);
    }
    ok
}

/// Titles and summaries: a warning for a configured language with no title (when the theme
/// has none to fall back to) and for words in a language the book does not have.
fn check_words(
    path: &Path,
    text: &str,
    n: usize,
    s: &SectionConfig,
    languages: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    let has_theme_title = s.theme_keys().is_some();
    let default = languages[0];
    for (key, words) in [("title", &s.title), ("summary", &s.summary)] {
        if let Some(Words::ByLanguage(map)) = words {
            for tag in map.keys() {
                if !languages
                    .iter()
                    .any(|l| crate::lang::canonical(l) == crate::lang::canonical(tag))
                {
                    diags.push(
                        Diagnostic::warning(
                            "section-title-language",
                            format!("the {key} of the section `{}` is in `{tag}`, a language the book does not have", s.folder),
                        )
                        .at(path, value_span(text, n, tag, ""))
                        .help(format!("the book's languages are {}: use one of these tags, or add `[languages.{tag}]`", languages.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", "))),
                    );
                }
            }
        }
    }
    if has_theme_title {
        return;
    }
    let missing: Vec<&str> = languages
        .iter()
        .copied()
        .filter(|l| match &s.title {
            None => true,
            Some(Words::One(_)) => false,
            Some(Words::ByLanguage(map)) => !map
                .keys()
                .any(|k| crate::lang::canonical(k) == crate::lang::canonical(l)),
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let fallback = s.title_in(default, default).map_or_else(
        || format!("its folder name `{}`", s.folder),
        |t| format!("`{t}`"),
    );
    let example = format!(
        "title = {{ {} }}",
        languages
            .iter()
            .map(|l| format!("{l} = \"…\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    diags.push(
        Diagnostic::warning(
            "section-title-missing",
            format!(
                "the section `{}` has no title in {}: {} is shown instead",
                s.folder,
                missing
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                fallback
            ),
        )
        .at(path, value_span(text, n, "folder", &s.folder))
        .help(format!("give it a title in each language: `{example}`")),
    );
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

#[cfg(test)]
mod tests {
    use super::*;

    fn diags_of(text: &str) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        crate::config::parse(Path::new("book.toml"), text, &mut diags);
        diags
    }

    const BASE: &str =
        "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\n[languages.pl]\ntitle = \"P\"\n";

    #[test]
    fn defaults_when_none_are_listed_and_order_sorts() {
        let mut diags = Vec::new();
        let c = crate::config::parse(Path::new("book.toml"), BASE, &mut diags).expect("parses");
        let folders: Vec<&str> = c.sections.iter().map(|s| s.folder.as_str()).collect();
        assert_eq!(folders, ["model", "guides", "checklists", "glossary"]);
        assert!(!c.sections_listed);
        let text = format!("{BASE}[[sections]]\nfolder = \"news\"\ntitle = {{ en-GB = \"News\", pl = \"Wiadomości\" }}\norder = 2\n[[sections]]\nfolder = \"guides\"\norder = 1\n");
        let c = crate::config::parse(Path::new("book.toml"), &text, &mut diags).expect("parses");
        assert!(diags.is_empty(), "{diags:?}");
        let folders: Vec<&str> = c.sections.iter().map(|s| s.folder.as_str()).collect();
        assert_eq!(folders, ["guides", "news"]);
        assert_eq!(c.sections[1].title_in("pl", "en-GB"), Some("Wiadomości"));
        assert_eq!(c.sections[1].title_in("cy", "en-GB"), Some("News"));
    }

    #[test]
    fn mistakes_are_located() {
        let text = format!("{BASE}[[sections]]\nfolder = \"news\"\ntitle = \"News\"\n[[sections]]\nfolder = \"news\"\ntitle = \"N\"\n");
        let d = diags_of(&text);
        assert_eq!(d[0].code, "duplicate-section");
        assert_eq!(&text[d[0].span.clone().expect("at")], "news");
        assert!(d[0].span.clone().expect("at").start > text.rfind("[[sections]]").expect("two"));
        let d = diags_of(&format!("{BASE}[[sections]]\nfolder = \"search\"\n"));
        assert_eq!(d[0].code, "bad-section-folder");
        let d = diags_of(&format!(
            "{BASE}[[sections]]\nfolder = \"tools\"\nkind = \"checklists\"\n"
        ));
        assert_eq!(d[0].code, "bad-section-folder");
        let d = diags_of(&format!(
            "{BASE}[[sections]]\nfolder = \"pl\"\ntitle = \"x\"\n"
        ));
        assert_eq!(d[0].code, "bad-section-folder");
        let d = diags_of(&format!("{BASE}[[sections]]\nfolder = \"news\"\ntitle = {{ en-GB = \"News\", fr = \"Nouvelles\" }}\n"));
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            ["section-title-language", "section-title-missing"],
            "{d:?}"
        );
        assert!(d.iter().all(|d| !d.is_error()));
        let d = diags_of(&format!(
            "{BASE}[[sections]]\nfolder = \"news\"\nkind = \"blog\"\n"
        ));
        assert_eq!(d[0].code, "bad-value", "{d:?}");
    }
}
