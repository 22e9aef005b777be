//! Checking `[[sections]]` in `book.toml`: each mistake located at its value.

use std::collections::BTreeMap;
use std::path::Path;

use super::{SectionConfig, SectionKind, Words};
use crate::config::Config;
use crate::diagnostic::Diagnostic;

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

/// Checklists or a glossary the book has but a list of sections leaves out: still published,
/// but no menu links to them (a warning, at the first `[[sections]]`).
pub(crate) fn left_out(
    config: &Config,
    text: &str,
    has_checklists: bool,
    has_glossary: bool,
) -> Vec<Diagnostic> {
    if !config.sections_listed {
        return Vec::new();
    }
    // At the first `[[sections]]`: the list as a whole.
    let first = table_span(text, 0);
    let at = first.start..first.start + text[first].find('\n').unwrap_or(0);
    [
        (has_checklists, SectionKind::Checklists, "checklists", "checklists", "them"),
        (has_glossary, SectionKind::Glossary, "glossary", "a glossary", "it"),
    ]
    .into_iter()
    .filter(|(has, kind, ..)| *has && !config.sections.iter().any(|s| s.kind == *kind))
    .map(|(_, _, folder, what, them)| {
        Diagnostic::warning(
            "section-left-out",
            format!("the book has {what}, but no section in `book.toml` links to {them} from a menu"),
        )
        .at(Path::new("book.toml"), at.clone())
        .help(format!(
            "add `[[sections]]` with `folder = \"{folder}\"` and `kind = \"{folder}\"` where it should come in the menu"
        ))
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
