//! Finding content files and deciding what each one is.

use std::path::{Path, PathBuf};

use crate::model::Section;

/// What a file under `content/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
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
    /// Anything else: an error.
    Unexpected(&'static str),
    /// Hidden files and `_drafts`: skipped.
    Ignored,
}

/// Classify a path relative to `content/` (with `/` separators).
pub fn classify(rel: &Path) -> FileKind {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts
        .iter()
        .any(|p| p.starts_with('.') || p.starts_with('_'))
    {
        return FileKind::Ignored;
    }
    let name = parts.last().cloned().unwrap_or_default();
    if name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
        return FileKind::Ignored;
    }
    let (folder, name) = match parts.as_slice() {
        [name] => (None, name.as_str()),
        [folder, name] => (Some(folder.as_str()), name.as_str()),
        _ => {
            return FileKind::Unexpected(
                "content has only one level of folders: `model/`, `guides/` and `checklists/`",
            )
        }
    };
    let section = match folder {
        None => None,
        Some("model") => Some(Section::Model),
        Some("guides") => Some(Section::Guides),
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
        Some(_) => {
            return FileKind::Unexpected(
                "the folders under `content/` are `model/`, `guides/` and `checklists/`",
            )
        }
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
        (None, _) if name.ends_with(".yaml") || name.ends_with(".yml") => {
            FileKind::Unexpected("checklists go in `content/checklists/`; the only YAML files at the top are `glossary.yaml` and `symbols.yaml`")
        }
        _ => FileKind::Unexpected("content holds Markdown pages (`.md`), checklists (`.yaml`), `glossary.yaml` and `symbols.yaml`"),
    }
}

/// Every file under `content/`, relative to the book root, sorted.
pub fn walk(root: &Path) -> Result<Vec<PathBuf>, (PathBuf, std::io::Error)> {
    let content = root.join("content");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .follow_links(true)
    {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| content.clone());
            (
                path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("loop in folder links")),
            )
        })?;
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            out.push(rel);
        }
    }
    Ok(out)
}

/// The path relative to `content/`.
pub fn content_relative(rel: &Path) -> PathBuf {
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
                section: Section::Guides,
                slug: "a".into()
            }
        );
        assert_eq!(
            classify(Path::new("checklists/x.yaml")),
            FileKind::Checklist { slug: "x".into() }
        );
        assert!(matches!(
            classify(Path::new("notes/x.md")),
            FileKind::Unexpected(_)
        ));
        assert!(matches!(
            classify(Path::new("guides/x.txt")),
            FileKind::Unexpected(_)
        ));
        assert_eq!(classify(Path::new(".git/x")), FileKind::Ignored);
    }
}
