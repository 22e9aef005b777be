//! Finding content files and deciding what each one is.

use std::path::{Path, PathBuf};

use crate::model::Section;

mod read;

pub(crate) use read::{outside_link, read_text, walk, walk_under};

/// What a file under `content/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A Markdown page.
    Page {
        /// Its section.
        section: Section,
        /// Its slug.
        slug: String,
    },
    /// A hand-written easy read of a page.
    Easy {
        /// The section of the page it belongs to.
        section: Section,
        /// The page's slug.
        slug: String,
    },
    /// A checklist.
    Checklist {
        /// Its slug.
        slug: String,
    },
    /// `glossary.yaml`.
    Glossary,
    /// `symbols.yaml`.
    Symbols,
    /// `search-words.yaml`: the editor's everyday words for search.
    SearchWords,
    /// A translation of one of the kinds above (`x.pl.md`, `checklists/x.ur.yaml`,
    /// `glossary.pl.yaml`): a slug never holds a dot, so a name with one more part is one.
    Translation {
        /// The language part of the name, as written (a well-formed tag).
        lang: String,
        /// What it translates (never another translation).
        of: Box<FileKind>,
    },
    /// A picture or document (`guides/bus.jpg`, `assets/leaflet.pdf`), published as it is.
    Asset(crate::assets::AssetKind, &'static str),
    /// A name with a language part that is not a well-formed language tag (`x.p_l.md`).
    BadLanguage(String),
    /// Anything else: an error.
    Unexpected(&'static str),
    /// Hidden files and `_drafts`: skipped.
    Ignored,
}

/// Classify a path relative to `content/` (with `/` separators).
pub(crate) fn classify(rel: &Path) -> FileKind {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|p| is_ignored_name(p)) {
        return FileKind::Ignored;
    }
    if let Some(kind) = classify_asset(&parts) {
        return kind;
    }
    if let Some((base, lang, ext)) = parts.last().and_then(|n| crate::lang::split_name(n)) {
        if parts.len() > 2 {
            return classify_source(&parts);
        }
        let source = rel.with_file_name(format!("{base}.{ext}"));
        return match classify_source(
            &source
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect::<Vec<_>>(),
        ) {
            FileKind::Unexpected(why) => FileKind::Unexpected(why),
            _ if !crate::lang::is_well_formed(lang) => FileKind::BadLanguage(lang.to_string()),
            of => FileKind::Translation {
                lang: lang.to_string(),
                of: Box::new(of),
            },
        };
    }
    classify_source(&parts)
}

/// A picture or document: beside the pages (at the top or in a section's folder such as
/// `guides/`) or anywhere under `assets/`. `None` for a name of another type.
fn classify_asset(parts: &[String]) -> Option<FileKind> {
    let (kind, key) = crate::assets::kind_of(parts.last()?)?;
    Some(match parts {
        [_] => FileKind::Asset(kind, key),
        [folder, ..] if folder == "assets" => FileKind::Asset(kind, key),
        [folder, _] if folder != "checklists" => FileKind::Asset(kind, key),
        _ => FileKind::Unexpected(
            "pictures and files go beside the pages that use them (at the top of `content/` or in a section's folder such as `guides/`) or anywhere under `content/assets/`",
        ),
    })
}

/// Classify a source file (a name with no language part), given its path's parts.
fn classify_source(parts: &[String]) -> FileKind {
    let (folder, name) = match parts {
        [name] => (None, name.as_str()),
        [folder, name] => (Some(folder.as_str()), name.as_str()),
        _ => {
            return FileKind::Unexpected(
                "content has only one level of folders: the sections (`model/`, `guides/`…) and `checklists/`",
            )
        }
    };
    let section = match folder {
        None => None,
        Some("checklists") => {
            return match name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))
            {
                Some(slug) => FileKind::Checklist {
                    slug: slug.to_string(),
                },
                None => FileKind::Unexpected(
                    "`checklists/` holds only `.yaml` files, one checklist a file",
                ),
            };
        }
        // Any other folder of pages: whether `book.toml` lists it is known when the book
        // is put together (`section-not-listed`), so a file is read the same whatever the
        // list says.
        Some(folder) => Some(Section::folder_named(folder)),
    };
    if let Some(slug) = name.strip_suffix(".easy.md") {
        let section = section.unwrap_or(if slug == "index" {
            Section::Home
        } else {
            Section::Top
        });
        return FileKind::Easy {
            section,
            slug: slug.to_string(),
        };
    }
    if let Some(slug) = name.strip_suffix(".md") {
        let section = section.unwrap_or(if slug == "index" {
            Section::Home
        } else {
            Section::Top
        });
        return FileKind::Page {
            section,
            slug: slug.to_string(),
        };
    }
    match (folder, name) {
        (None, "glossary.yaml" | "glossary.yml") => FileKind::Glossary,
        (None, "symbols.yaml" | "symbols.yml") => FileKind::Symbols,
        (None, "search-words.yaml" | "search-words.yml") => FileKind::SearchWords,
        (None, _) if name.ends_with(".yaml") || name.ends_with(".yml") => {
            FileKind::Unexpected("checklists go in `content/checklists/`; the only YAML files at the top are `glossary.yaml` and `symbols.yaml`")
        }
        _ => FileKind::Unexpected("content holds Markdown pages (`.md`), checklists (`.yaml`), `glossary.yaml`, `symbols.yaml`, pictures (PNG, JPEG, GIF, WebP, SVG) and documents (PDF, Word, Excel, OpenDocument, CSV)"),
    }
}

/// Is this file or folder name one bookshelf skips: hidden (`.git`, an editor's `.#lock`),
/// a draft (`_drafts`) or an editor's temporary file (`x.md~`, `.swp`, `.tmp`)?
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('_')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// Does any part of `rel` (relative to `content/`) name something skipped?
pub(crate) fn is_ignored_path(rel: &Path) -> bool {
    rel.iter().any(|p| is_ignored_name(&p.to_string_lossy()))
}

/// The path relative to `content/`.
pub(crate) fn content_relative(rel: &Path) -> PathBuf {
    rel.strip_prefix("content").unwrap_or(rel).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            classify(Path::new("index.md")),
            FileKind::Page {
                section: Section::Home,
                slug: "index".into()
            }
        );
        assert_eq!(
            classify(Path::new("guides/a.easy.md")),
            FileKind::Easy {
                section: Section::folder_named("guides"),
                slug: "a".into()
            }
        );
        assert_eq!(
            classify(Path::new("checklists/x.yaml")),
            FileKind::Checklist { slug: "x".into() }
        );
        // Any folder of pages is a section; whether `book.toml` lists it is checked later.
        assert_eq!(
            classify(Path::new("notes/x.md")),
            FileKind::Page {
                section: Section::folder_named("notes"),
                slug: "x".into()
            }
        );
        assert!(matches!(
            classify(Path::new("guides/x.txt")),
            FileKind::Unexpected(_)
        ));
        use crate::assets::AssetKind;
        assert_eq!(
            classify(Path::new("guides/bus.photo.jpg")),
            FileKind::Asset(AssetKind::Image, "jpeg")
        );
        assert_eq!(
            classify(Path::new("assets/leaflets/2026/a.pdf")),
            FileKind::Asset(AssetKind::Document, "pdf")
        );
        assert!(matches!(
            classify(Path::new("checklists/a.png")),
            FileKind::Unexpected(_)
        ));
        assert!(matches!(
            classify(Path::new("guides/a.exe")),
            FileKind::Unexpected(why) if why.contains("PDF")
        ));
        assert_eq!(classify(Path::new(".git/x")), FileKind::Ignored);
        assert_eq!(classify(Path::new("_drafts/x.md")), FileKind::Ignored);
        assert_eq!(classify(Path::new("guides/.#x.md")), FileKind::Ignored);
        assert_eq!(classify(Path::new("guides/x.md~")), FileKind::Ignored);
    }

    #[test]
    fn translations() {
        let tr = |lang: &str, of: FileKind| FileKind::Translation {
            lang: lang.into(),
            of: Box::new(of),
        };
        assert_eq!(
            classify(Path::new("guides/a.pl.md")),
            tr(
                "pl",
                FileKind::Page {
                    section: Section::folder_named("guides"),
                    slug: "a".into()
                }
            )
        );
        assert_eq!(
            classify(Path::new("index.ur.easy.md")),
            tr(
                "ur",
                FileKind::Easy {
                    section: Section::Home,
                    slug: "index".into()
                }
            )
        );
        assert_eq!(
            classify(Path::new("checklists/x.pl-PL.yml")),
            tr("pl-PL", FileKind::Checklist { slug: "x".into() })
        );
        assert_eq!(
            classify(Path::new("glossary.pl.yaml")),
            tr("pl", FileKind::Glossary)
        );
        assert_eq!(
            classify(Path::new("symbols.ur.yaml")),
            tr("ur", FileKind::Symbols)
        );
        assert_eq!(
            classify(Path::new("guides/a.p_l!.md")),
            FileKind::BadLanguage("p_l!".into())
        );
        assert!(matches!(
            classify(Path::new("notes.pl.yaml")),
            FileKind::Unexpected(_)
        ));
    }
}
