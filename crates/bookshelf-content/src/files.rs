//! Finding content files and deciding what each one is.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::Section;

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

/// Every file under `content/`, relative to the book root, sorted; with an error for each
/// entry that could not be read.
pub(crate) fn walk(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    walk_under(root, &root.join("content"))
}

/// Every file under `dir` (a folder in `root`'s `content/`), relative to the book root,
/// sorted. Skipped names are pruned before they are read, so nothing inside `.git/` or
/// `_drafts/` (an editor's lock file, a link to nothing, a loop of links) can fail a build.
/// A folder link that leads out of `content/` is an error and is not followed.
pub(crate) fn walk_under(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let content = root.join("content");
    let real_content = std::fs::canonicalize(&content).ok();
    let rel_of = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut it = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let rel = rel_of(&path);
                // An entry walkdir could not follow is reported before it can be filtered.
                if is_ignored_path(&content_relative(&rel)) {
                    continue;
                }
                problems.push(walk_error(&rel, e, path == dir));
                continue;
            }
        };
        let rel = rel_of(entry.path());
        if entry.path_is_symlink() && entry.file_type().is_dir() {
            if let Some(d) = outside_link(real_content.as_deref(), entry.path(), &rel) {
                problems.push(d);
                it.skip_current_dir();
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push(rel);
        }
    }
    (files, problems)
}

fn walk_error(rel: &Path, e: walkdir::Error, top: bool) -> Diagnostic {
    let shown = rel.display();
    let dangling = e
        .path()
        .and_then(|p| std::fs::symlink_metadata(p).ok())
        .is_some_and(|m| m.file_type().is_symlink());
    if e.loop_ancestor().is_some() {
        return Diagnostic::error(
            "link-loop",
            format!("`{shown}` is a folder link that leads back into itself"),
        )
        .in_file(rel)
        .help("remove the link, or rename it to start with `_` so bookshelf skips it");
    }
    let io = e
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("unreadable"));
    if top {
        return Diagnostic::error("io", format!("could not read the folder `{shown}`: {io}"))
            .help("check that `content/` exists and can be read");
    }
    if dangling && io.kind() == std::io::ErrorKind::NotFound {
        return Diagnostic::error(
            "broken-file-link",
            format!("`{shown}` is a link to a file that does not exist"),
        )
        .in_file(rel)
        .help("remove the link, or copy the file it meant into `content/`");
    }
    Diagnostic::error("io", format!("could not read `{shown}`: {io}"))
        .in_file(rel)
        .help("check that it exists and you may read it")
}

/// If `full` (a link, shown as `rel`) resolves outside `content/` (`real_content`,
/// canonical), the error to report. Publishing a file from elsewhere on the disk without a
/// word could put private files on the web.
pub(crate) fn outside_link(
    real_content: Option<&Path>,
    full: &Path,
    rel: &Path,
) -> Option<Diagnostic> {
    let real_content = real_content?;
    let target = std::fs::canonicalize(full).ok()?;
    if target.starts_with(real_content) {
        return None;
    }
    let what = if target.is_dir() { "folder" } else { "file" };
    Some(
        Diagnostic::error(
            "link-outside-content",
            format!(
                "`{}` is a link to a {what} outside `content/`: `{}`",
                rel.display(),
                target.display()
            ),
        )
        .in_file(rel)
        .help(format!(
            "copy the {what} into `content/` in place of the link, or remove the link"
        )),
    )
}

/// Read a file as UTF-8 text, reporting I/O errors, bad bytes and empty files. On failure,
/// the text to show the error in, if there is some (a file that is not UTF-8 is shown with
/// its bad bytes replaced, so its error has a line and column in every format).
pub(crate) fn read_text(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<Arc<str>, Option<Arc<str>>> {
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error("io", format!("could not read `{}`: {e}", rel.display()))
                    .in_file(rel)
                    .help("check the file exists and you may read it"),
            );
            return Err(None);
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.trim().is_empty() {
                diags.push(
                    Diagnostic::error("empty-file", "this file is empty")
                        .in_file(rel)
                        .help("write its content, or delete the file"),
                );
                return Err(None);
            }
            Ok(Arc::from(text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            // The bytes before `at` are valid, so `at` is the same offset in the lossy text,
            // where the first bad sequence became one U+FFFD.
            let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let end = at + shown[at..].chars().next().map_or(0, char::len_utf8);
            diags.push(
                Diagnostic::error(
                    "not-utf8",
                    "this file is not UTF-8 text: the first bad byte is here",
                )
                .at(rel, at..end)
                .help("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"),
            );
            Err(Some(Arc::from(shown)))
        }
    }
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
