//! Checking links and pictures: every link in a page body, an easy read or the glossary
//! resolves (or points at a file whose own error is reported), every picture is there with alt
//! text, and every picture is shown somewhere.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{hints, is_external, join};
use crate::assets::AssetKind;
use crate::diagnostic::Diagnostic;
use crate::files::content_relative;
use crate::model::{Body, Book};

/// Does `dest` (written in `from`) point at a file that exists but failed to load?
/// (`failed` also holds `glossary.yaml#slug` for a glossary entry that failed.)
fn points_at_failed(from: &Path, dest: &str, failed: &HashSet<PathBuf>) -> bool {
    if failed.is_empty() {
        return false;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let from_rel = content_relative(from);
    join(from_rel.parent().unwrap_or(Path::new("")), path).is_some_and(|p| {
        failed.contains(&p)
            || fragment
                .is_some_and(|f| failed.contains(&PathBuf::from(format!("{}#{f}", p.display()))))
    })
}

/// Check one link written in `from`: `Ok` when it is fine, not checked (another site), or
/// points at a file that failed to load (that file's own error is reported).
fn check_link(
    book: &Book,
    from: &Path,
    dest: &str,
    failed: &HashSet<PathBuf>,
) -> Result<(), String> {
    if dest.starts_with('/') && !dest.starts_with("//") {
        return book
            .links
            .check_absolute(&book.config.base_path(), dest, failed);
    }
    if points_at_failed(from, dest, failed) {
        return Ok(());
    }
    if let Some(file) = book.links.file(from, dest) {
        return file.map(|_| ());
    }
    book.links.resolve(from, dest).map(|_| ())
}

/// The help for a picture or file that is not there.
const HELP_MISSING_FILE: &str = "put the file in `content/` beside the page (or in `content/assets/`) and write its path relative to the page, e.g. `![A bus at the stop](bus.jpg)` or `[the leaflet](../assets/leaflet.pdf)`";

/// Check the pictures in one page body: each shows a picture that is there, with alt text.
fn check_images(book: &Book, body: &Body, failed: &HashSet<PathBuf>, diags: &mut Vec<Diagnostic>) {
    for image in body.images.iter() {
        let dest = image.dest.as_str();
        if dest.is_empty() || is_external(dest) || dest.starts_with('/') {
            // Another site's picture is the raw HTML policy's to refuse.
        } else if points_at_failed(&body.path, dest, failed) {
            // The file's own error is reported.
        } else {
            match book.links.file(&body.path, dest) {
                None => diags.push(
                    Diagnostic::error(
                        "not-a-picture",
                        format!("`{dest}` is not a picture: a page can show PNG, JPEG, GIF, WebP and SVG pictures"),
                    )
                    .at(&body.path, image.range.clone())
                    .help("save the picture as PNG or JPEG beside the page and show that; link to a page or document with `[text](file)`, without the `!`"),
                ),
                Some(Err(why)) => diags.push(
                    Diagnostic::error("missing-file", why)
                        .at(&body.path, image.range.clone())
                        .help(HELP_MISSING_FILE),
                ),
                Some(Ok(a)) if a.kind == AssetKind::Document => diags.push(
                    Diagnostic::error(
                        "not-a-picture",
                        format!("`{dest}` is a document, not a picture"),
                    )
                    .at(&body.path, image.range.clone())
                    .help("link to a document with `[text](file)`, without the `!`"),
                ),
                Some(Ok(_)) => {}
            }
        }
        if image.alt.trim().is_empty() {
            diags.push(
                Diagnostic::error("missing-alt", "this picture has no alt text")
                    .at(&body.path, image.range.clone())
                    .help("say what the picture shows between the brackets, for readers who cannot see it: `![A bus at the stop](bus.jpg)`; if it is only decoration, write `![\"\"](bus.jpg)`"),
            );
        }
    }
}

/// Check the links in one page body, adding what is broken to `diags`.
pub(crate) fn check_body(
    book: &Book,
    body: &Body,
    failed: &HashSet<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    check_images(book, body, failed, diags);
    for link in body.links.iter() {
        if !points_at_failed(&body.path, &link.dest, failed) {
            if let Some(Err(why)) = book.links.file(&body.path, &link.dest) {
                diags.push(
                    Diagnostic::error("missing-file", why)
                        .at(&body.path, link.range.clone())
                        .help(HELP_MISSING_FILE),
                );
                continue;
            }
        }
        if let Err(why) = check_link(book, &body.path, &link.dest, failed) {
            let help = hints::help(book, &body.path, &link.dest);
            diags.push(
                Diagnostic::error("broken-link", format!("broken link: {why}"))
                    .at(&body.path, link.range.clone())
                    .help(help),
            );
        }
    }
}

/// Check the links in the glossary's `more` texts, adding what is broken to `diags`.
pub(crate) fn check_glossary(book: &Book, failed: &HashSet<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let Some(path) = &book.glossary.path else {
        return;
    };
    for term in &book.glossary.terms {
        if let Some(more) = &term.more {
            let scan = crate::markdown::scan(more);
            for link in scan.links {
                if let Err(why) = check_link(book, path, &link.dest, failed) {
                    diags.push(
                        Diagnostic::error(
                            "broken-link",
                            format!("broken link in `{}`: {why}", term.term),
                        )
                        .at(path, term.span.start..term.span.start + 1)
                        .help(format!(
                            "links in the glossary are relative to `content/`: {}",
                            hints::help(book, path, &link.dest)
                        )),
                    );
                }
            }
        }
    }
}

/// Check the links in a glossary translation's `more` texts (written relative to
/// `content/`, as in `glossary.yaml`), against `book` in that language.
pub(crate) fn check_glossary_text(
    book: &Book,
    text: &crate::translation::GlossaryText,
    failed: &HashSet<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(source) = &book.glossary.path else {
        return;
    };
    for term in &text.terms {
        let Some(more) = &term.more else { continue };
        for link in crate::markdown::scan(more).links {
            if let Err(why) = check_link(book, source, &link.dest, failed) {
                diags.push(
                    Diagnostic::error(
                        "broken-link",
                        format!("broken link in `{}`: {why}", term.id),
                    )
                    .at(&text.info.path, term.span.clone())
                    .help(format!(
                        "links in the glossary are relative to `content/`: {}",
                        hints::help(book, source, &link.dest)
                    )),
                );
            }
        }
    }
}

/// Check every link in the book, by file.
/// `failed`: content-relative paths of files that exist but did not load (their own errors
/// are reported; links to them are not).
pub(crate) fn check(book: &Book, failed: &HashSet<PathBuf>) -> HashMap<PathBuf, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let mut out: HashMap<PathBuf, Vec<Diagnostic>> = book
        .pages
        .par_iter()
        .flat_map_iter(|page| {
            std::iter::once(&page.body).chain(page.easy.as_ref().map(|e| &e.body))
        })
        .map(|body| {
            let mut diags = Vec::new();
            check_body(book, body, failed, &mut diags);
            (body.path.clone(), diags)
        })
        .collect();
    if let Some(path) = &book.glossary.path {
        check_glossary(book, failed, out.entry(path.clone()).or_default());
    }
    out
}

/// Pictures no page shows: a warning each (a forgotten file is published for nobody). A
/// picture shown only in a checklist, the glossary or a translation is used.
pub(crate) fn unused_pictures(book: &Book, diags: &mut Vec<Diagnostic>) {
    if !book.assets.values().any(|a| a.kind == AssetKind::Image) {
        return;
    }
    let mut used: HashSet<&str> = HashSet::new();
    let mut see = |from: &Path, dests: &mut dyn Iterator<Item = &str>| {
        for dest in dests {
            if let Some(Ok(a)) = book.links.file(from, dest) {
                used.insert(a.rel.as_str());
            }
        }
    };
    // Pages and easy reads, and their translations.
    let translated = book.translations.values().flat_map(|t| {
        t.pages
            .values()
            .map(|p| &p.body)
            .chain(t.easy.values().map(|e| &e.body))
    });
    let bodies = book
        .pages
        .iter()
        .flat_map(|p| std::iter::once(&p.body).chain(p.easy.as_ref().map(|e| &e.body)))
        .chain(translated);
    for body in bodies {
        see(
            &body.path,
            &mut body
                .images
                .iter()
                .map(|i| i.dest.as_str())
                .chain(body.links.iter().map(|l| l.dest.as_str())),
        );
    }
    // The Markdown of checklists and the glossary (and their translations), which the
    // renderer reads relative to `content/`, as it does the glossary's.
    let mut fields: Vec<&str> = Vec::new();
    for c in &book.checklists {
        for item in c.sections.iter().flat_map(|s| &s.items) {
            fields.push(&item.text);
            fields.extend(
                [&item.why, &item.evidence, &item.easy]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
    }
    for term in &book.glossary.terms {
        fields.extend(
            [&term.easy, &term.more]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
    }
    for t in book.translations.values() {
        for c in t.checklists.values() {
            for item in c.sections.iter().flat_map(|s| &s.items) {
                fields.push(&item.text);
                fields.extend(
                    [&item.why, &item.evidence]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
            }
        }
        for term in t.glossary.iter().flat_map(|g| &g.terms) {
            fields.extend(
                [&term.easy, &term.more]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
    }
    let from = Path::new("content/glossary.yaml");
    for markdown in fields.into_iter().filter(|m| m.contains("](")) {
        let scan = crate::markdown::scan(markdown);
        see(
            from,
            &mut scan
                .images
                .iter()
                .map(|i| i.dest.as_str())
                .chain(scan.links.iter().map(|l| l.dest.as_str())),
        );
    }
    for a in book.assets.values() {
        if a.kind == AssetKind::Image && !used.contains(a.rel.as_str()) {
            diags.push(
                Diagnostic::warning(
                    "unused-picture",
                    format!("no page shows the picture `{}`", a.rel),
                )
                .in_file(&a.path)
                .help("show it in a page with `![what it shows](FILE)`, or delete it if it is not needed"),
            );
        }
    }
}
