//! Reading one file: what kind it is by its place and name ([`classify`]), then the parser for
//! that kind, with every problem located in the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::unit::{body, next_revision, stamp, Parsed, Unit};
use crate::diagnostic::Diagnostic;
use crate::files::{classify, content_relative, outside_link, read_text, FileKind};
use crate::model::{EasyPage, Page, Section};
use crate::{checklist, frontmatter, glossary, links, translation};

/// Ask the kernel to start reading `files` into memory now, all of them, so the parser
/// threads rarely wait on the disk: on a machine that gives cold page cache back (as this
/// project's build machines do within seconds), reading file by file left the cores a
/// quarter idle while loading 10,000 pages. Only a hint: errors are for the parser to find.
pub(super) fn read_ahead(root: &Path, files: &[&PathBuf]) {
    #[cfg(target_os = "linux")]
    for f in files {
        use std::os::fd::AsRawFd;
        // Only the files the parser reads (not ignored ones, nor ones it reports unexpected).
        if matches!(
            classify(&content_relative(f)),
            FileKind::Ignored | FileKind::Unexpected(_)
        ) {
            continue;
        }
        if let Ok(file) = std::fs::File::open(root.join(f)) {
            // SAFETY: a hint on an open file descriptor; it reads nothing into our memory.
            unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (root, files);
}

pub(super) fn parse_one(root: &Path, rel: &Path) -> Parsed {
    let stamp = stamp(&root.join(rel));
    let mut diags = Vec::new();
    let kind = classify(&content_relative(rel));
    if let FileKind::Ignored = kind {
        return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
    }
    if let FileKind::BadLanguage(lang) = &kind {
        diags.push(
            Diagnostic::error(
                "bad-language-tag",
                format!("`{lang}` in this file's name is not a language tag"),
            )
            .in_file(rel)
            .help("name a translation `NAME.LANG.md` with a BCP 47 tag such as `pl` or `pt-BR` (a slug has no dots)"),
        );
        return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
    }
    if let FileKind::Unexpected(why) = kind {
        diags.push(
            Diagnostic::error(
                "unexpected-file",
                match rel.extension().map(|e| e.to_string_lossy().to_lowercase()) {
                    Some(e)
                        if !matches!(e.as_str(), "md" | "yaml" | "yml")
                            && crate::assets::kind_of(&rel.to_string_lossy()).is_none() =>
                    {
                        format!(
                            "`{}` is a type of file bookshelf does not publish (`.{e}`)",
                            rel.display()
                        )
                    }
                    _ => format!(
                        "`{}` is not where bookshelf looks for content",
                        rel.display()
                    ),
                },
            )
            .in_file(rel)
            .help(format!(
                "{why}; move or rename it (names starting with `_` are ignored)"
            )),
        );
        return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
    }
    let full = root.join(rel);
    if let FileKind::Asset(kind, key) = kind {
        if let Some(d) = std::fs::symlink_metadata(&full)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| {
                let real_content = std::fs::canonicalize(root.join("content")).ok();
                outside_link(real_content.as_deref(), &full, rel)
            })
            .flatten()
        {
            diags.push(d);
            return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
        }
        let (asset, text) = crate::assets::read(root, rel, kind, key, &mut diags);
        let unit = match asset {
            Some(a) if !diags.iter().any(Diagnostic::is_error) => Unit::Asset(Arc::new(a)),
            _ => Unit::Nothing,
        };
        return Parsed::new(rel, stamp, unit, diags, text);
    }
    if std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_symlink()) {
        let real_content = std::fs::canonicalize(root.join("content")).ok();
        if let Some(d) = outside_link(real_content.as_deref(), &full, rel) {
            diags.push(d);
            return Parsed::new(rel, stamp, Unit::Nothing, diags, None);
        }
    }
    let text = match read_text(root, rel, &mut diags) {
        Ok(text) => text,
        Err(shown) => return Parsed::new(rel, stamp, Unit::Nothing, diags, shown),
    };
    let slug_ok = |slug: &str, diags: &mut Vec<Diagnostic>| {
        if slug == "index" || crate::slug::is_slug(slug) {
            return true;
        }
        diags.push(
            Diagnostic::error("bad-file-name", format!("`{slug}` cannot be a web address"))
                .in_file(rel)
                .help(format!(
                    "rename the file with lower-case letters, digits and hyphens, e.g. `{}`",
                    crate::slug::slugify(slug)
                )),
        );
        false
    };
    // Link targets this file would have made but could not (a glossary entry that failed).
    let mut lost: Vec<PathBuf> = Vec::new();
    let unit = match kind {
        FileKind::Page { section, slug } | FileKind::Easy { section, slug }
            if !slug_ok(&slug, &mut diags) =>
        {
            let _ = (section, slug);
            Unit::Nothing
        }
        FileKind::Page { section, slug } => match frontmatter::split(rel, &text, &mut diags) {
            Some(split) => {
                let body = body(rel, split.body, split.body_offset, &mut diags);
                let route = route_of(section, &slug);
                if section == Section::Top && links::RESERVED_ROUTES.contains(&slug.as_str()) {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-id",
                            format!("`{slug}` is a name the site uses itself"),
                        )
                        .in_file(rel)
                        .help("rename the page"),
                    );
                }
                Unit::Page(Arc::new(Page {
                    section,
                    slug,
                    route,
                    title: split.front.title.trim().to_string(),
                    summary: split.front.summary.map(|s| s.trim().to_string()),
                    order: split.front.order,
                    audience: split.front.audience,
                    symbol: split.front.symbol,
                    body,
                    easy: None,
                    text_language: String::new(),
                    translation: None,
                }))
            }
            None => Unit::Nothing,
        },
        FileKind::Easy { section, slug } => match frontmatter::split(rel, &text, &mut diags) {
            Some(split) => Unit::Easy(
                section,
                slug,
                Arc::new(EasyPage {
                    title: split.front.title.trim().to_string(),
                    summary: split.front.summary,
                    checked_by: split.front.checked_by,
                    body: body(rel, split.body, split.body_offset, &mut diags),
                    text_language: String::new(),
                    translation: None,
                }),
            ),
            None => Unit::Nothing,
        },
        FileKind::Checklist { slug } => {
            if slug_ok(&slug, &mut diags) {
                checklist::parse(rel, &text, &slug, &mut diags).map_or(Unit::Nothing, |mut c| {
                    c.revision = next_revision();
                    Unit::Checklist(Arc::new(c))
                })
            } else {
                Unit::Nothing
            }
        }
        FileKind::Glossary => {
            let parsed = glossary::parse(rel, &text, &mut diags);
            let file = content_relative(rel);
            if parsed.failed_all {
                lost.push(file.clone());
            }
            lost.extend(parsed.failed_names.iter().map(|name| {
                PathBuf::from(format!("{}#{}", file.display(), crate::slug::slugify(name)))
            }));
            let mut g = parsed.glossary;
            g.revision = next_revision();
            Unit::Glossary(g)
        }
        FileKind::Symbols => {
            let mut s = glossary::parse_symbols(rel, &text, &mut diags);
            s.revision = next_revision();
            Unit::Symbols(s)
        }
        FileKind::SearchWords => Unit::SearchWords(
            None,
            Arc::new(crate::search_words::parse(rel, &text, &mut diags)),
        ),
        FileKind::Translation { lang, of } if *of == FileKind::SearchWords => Unit::SearchWords(
            Some(lang),
            Arc::new(crate::search_words::parse(rel, &text, &mut diags)),
        ),
        FileKind::Translation { lang, of } => {
            // A body's own findings (raw HTML) are kept aside while the parser holds `diags`.
            let found = std::cell::RefCell::new(Vec::new());
            let make_body =
                |md: &str, offset: usize| body(rel, md, offset, &mut found.borrow_mut());
            let unit =
                translation::parse(rel, &text, &lang, *of, &mut diags, make_body, next_revision)
                    .map_or(Unit::Nothing, |t| Unit::Tr(lang, t));
            diags.extend(found.into_inner());
            unit
        }
        FileKind::Unexpected(_)
        | FileKind::Ignored
        | FileKind::BadLanguage(_)
        | FileKind::Asset(..) => Unit::Nothing,
    };
    let mut parsed = Parsed::new(rel, stamp, unit, diags, Some(text));
    if !lost.is_empty() {
        parsed.targets = parsed.targets.wrapping_add(links::targets_of_lost(&lost));
        parsed.lost = lost;
    }
    parsed
}

/// The route of a page: `""` for home, `guides/x/` otherwise.
pub(crate) fn route_of(section: Section, slug: &str) -> String {
    match section {
        Section::Home => String::new(),
        _ if section.folder().is_empty() => format!("{slug}/"),
        _ => format!("{}/{slug}/", section.folder()),
    }
}
