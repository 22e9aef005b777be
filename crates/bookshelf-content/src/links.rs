//! Links between pages: resolving source-relative paths to routes, and checking every one.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::assets::{kind_of, Asset, AssetKind};
use crate::diagnostic::Diagnostic;
use crate::files::content_relative;
use crate::model::{Body, Book, Checklist, Glossary, Page};
use crate::slug::did_you_mean;

mod hints;
mod routes;

/// Top-level names the site uses for its own pages.
pub const RESERVED_ROUTES: &[&str] = &[
    "model",
    "guides",
    "checklists",
    "glossary",
    "easy-read",
    "search",
    "assets",
    "symbols",
    "print",
    "404",
];

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The route of the target (`guides/x/`, `glossary/`, `""` for home).
    pub route: String,
    /// The `#fragment`, if any.
    pub fragment: Option<String>,
}

/// Is this link to another site, a mail address or the like (not checked)?
pub fn is_external(dest: &str) -> bool {
    let scheme_end = dest.find(':');
    let first_sep = dest.find(['/', '#', '?']);
    matches!((scheme_end, first_sep), (Some(c), Some(s)) if c < s)
        || matches!((scheme_end, first_sep), (Some(_), None))
        || dest.starts_with("//")
}

/// Normalise `from_dir/dest` to a content-relative path; `None` if it climbs out of `content/`.
fn join(from_dir: &Path, dest: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in from_dir.join(dest).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

pub use crate::model::LinkIndex;

impl LinkIndex {
    /// Build the index of a book.
    pub fn new(book: &Book) -> Self {
        use rayon::prelude::*;
        // Every page's and checklist's anchors, made in parallel (a checklist has two for
        // each of its items: tens of thousands of strings in a big book).
        // A translated page is linked to by its source's path, as in every language.
        let source_of = |page: &Page| {
            let rel = content_relative(&page.body.path);
            match &page.translation {
                Some(t) => crate::lang::source_path(&rel, &t.lang),
                None => rel,
            }
        };
        let aliases = book
            .pages
            .iter()
            .filter(|p| p.translation.is_some())
            .map(|p| (content_relative(&p.body.path), source_of(p)))
            .collect();
        let pages = book.pages.par_iter().map(|page| {
            let rel = source_of(page);
            let anchors = page.body.headings.iter().map(|h| h.id.clone()).collect();
            (rel, (page.route.clone(), anchors))
        });
        let checklists = book.checklists.par_iter().map(|c| {
            let mut anchors: HashSet<String> = c.sections.iter().map(|s| s.id.clone()).collect();
            anchors.extend(
                c.sections
                    .iter()
                    .flat_map(|s| s.items.iter().map(|i| format!("item-{}", i.id))),
            );
            anchors.extend(
                c.sections
                    .iter()
                    .flat_map(|s| s.items.iter().map(|i| i.id.clone())),
            );
            (content_relative(&c.path), (c.route.clone(), anchors))
        });
        let mut targets: HashMap<PathBuf, (String, HashSet<String>)> =
            pages.chain(checklists).collect();
        let glossary = book
            .glossary
            .path
            .as_deref()
            .map_or_else(|| PathBuf::from("glossary.yaml"), content_relative);
        targets.insert(glossary.clone(), ("glossary/".into(), HashSet::new()));
        let mut terms = HashMap::new();
        for t in &book.glossary.terms {
            for a in &t.abbreviations {
                terms.insert(crate::slug::slugify(a), t.route.clone());
            }
            terms.insert(t.slug.clone(), t.route.clone());
        }
        Self {
            targets,
            terms,
            glossary,
            aliases,
            sections: book.config.sections.iter().map(|s| s.route()).collect(),
            files: book.assets.clone(),
        }
    }

    /// The picture or document `dest` (written in the file `from`, book-root relative)
    /// points at: `None` when `dest` is not the name of such a file (a page, another site),
    /// an error with a did-you-mean when there is no such file.
    pub fn file(&self, from: &Path, dest: &str) -> Option<Result<&Asset, String>> {
        if dest.is_empty() || is_external(dest) || dest.starts_with('/') {
            return None;
        }
        let path = dest.split(['#', '?']).next().unwrap_or(dest);
        let (kind, _) = kind_of(path)?;
        let from_rel = content_relative(from);
        let from_rel = self.aliases.get(&from_rel).cloned().unwrap_or(from_rel);
        let from_dir = from_rel.parent().unwrap_or(Path::new(""));
        let Some(target) = join(from_dir, path) else {
            return Some(Err(format!("`{path}` points outside `content/`")));
        };
        let target = target.to_string_lossy().replace('\\', "/");
        if let Some(asset) = self.files.get(&target) {
            return Some(Ok(asset));
        }
        // Suggest a file of the same kind first (a picture for a picture).
        let same: Vec<&str> = self
            .files
            .values()
            .filter(|a| a.kind == kind)
            .map(|a| a.rel.as_str())
            .collect();
        let any = || self.files.keys().map(String::as_str);
        let what = if kind == AssetKind::Image {
            "picture"
        } else {
            "file"
        };
        Some(Err(
            match did_you_mean(&target, same).or_else(|| did_you_mean(&target, any())) {
                Some(s) => format!(
                    "the {what} `{path}` does not exist (did you mean `{}`?)",
                    relative_to(from_dir, Path::new(s))
                ),
                None => format!("the {what} `{path}` does not exist"),
            },
        ))
    }

    /// Resolve `dest` written in the file `from` (book-root relative). `Ok(None)` for external links.
    pub fn resolve(&self, from: &Path, dest: &str) -> Result<Option<Resolved>, String> {
        if dest.is_empty() || is_external(dest) || dest.starts_with('/') {
            return Ok(None);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        let from_rel = content_relative(from);
        let from_rel = self.aliases.get(&from_rel).cloned().unwrap_or(from_rel);
        if path.is_empty() {
            // A link within the page itself.
            let (route, anchors) = self
                .targets
                .get(&from_rel)
                .ok_or("this page is not known")?;
            if let Some(f) = &fragment {
                if !anchors.contains(f) {
                    return Err(format!("there is no heading `#{f}` on this page"));
                }
            }
            return Ok(Some(Resolved {
                route: route.clone(),
                fragment,
            }));
        }
        let from_dir = from_rel.parent().unwrap_or(Path::new(""));
        let target_path =
            join(from_dir, path).ok_or_else(|| format!("`{path}` points outside `content/`"))?;
        if target_path == self.glossary {
            if let Some(f) = &fragment {
                return match self.terms.get(f) {
                    Some(route) => Ok(Some(Resolved {
                        route: route.clone(),
                        fragment: None,
                    })),
                    None => Err(format!("the glossary has no term `#{f}`")),
                };
            }
        }
        let (route, anchors) = self.targets.get(&target_path).ok_or_else(|| {
            let wanted = target_path.to_string_lossy();
            let known: Vec<String> = self
                .targets
                .keys()
                .map(|k| k.to_string_lossy().into_owned())
                .collect();
            match did_you_mean(&wanted, known.iter().map(String::as_str)) {
                Some(s) => format!(
                    "`{path}` does not exist (did you mean `{}`?)",
                    relative_to(from_dir, Path::new(s))
                ),
                None => format!("`{path}` does not exist"),
            }
        })?;
        if let Some(f) = &fragment {
            if !anchors.contains(f) {
                return Err(format!("`{path}` has no heading or item `#{f}`"));
            }
        }
        Ok(Some(Resolved {
            route: route.clone(),
            fragment,
        }))
    }
}

/// Write `target` relative to `from_dir` (both content-relative).
fn relative_to(from_dir: &Path, target: &Path) -> String {
    let from: Vec<_> = from_dir.components().collect();
    let to: Vec<_> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<String> = vec!["..".into(); from.len() - common];
    out.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}

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

/// Is this alt text the mark of a decorative picture (`![""](x.png)`), shown with `alt=""`?
pub fn is_decorative(alt: &str) -> bool {
    matches!(alt.trim(), "\"\"" | "“”")
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

fn hash_of(h: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut s = std::collections::hash_map::DefaultHasher::new();
    h.hash(&mut s);
    s.finish()
}

/// What one file adds to the fingerprint of everything a link can point at (files, headings,
/// items, terms, and the files that failed to load). The loader adds up the files' parts:
/// while the sum stays the same, only the links in changed files need checking, and an edit
/// need not go over every page to find that out.
pub(crate) fn targets_of_page(page: &Page) -> u64 {
    hash_of((
        "page",
        &page.body.path,
        page.body
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
    ))
}

/// A checklist's part of the fingerprint: its file, sections and items.
pub(crate) fn targets_of_checklist(c: &Checklist) -> u64 {
    hash_of((
        "checklist",
        &c.path,
        c.sections
            .iter()
            .map(|s| (&s.id, s.items.iter().map(|i| &i.id).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
    ))
}

/// The glossary's part of the fingerprint: its terms and abbreviations.
pub(crate) fn targets_of_glossary(g: &Glossary) -> u64 {
    hash_of((
        "glossary",
        g.terms
            .iter()
            .map(|t| (&t.slug, &t.abbreviations))
            .collect::<Vec<_>>(),
    ))
}

/// A picture's or document's part: its path and its bytes' hash, so the index (which the
/// renderer asks for a file's size and dimensions) is made again when a file changes.
pub(crate) fn targets_of_asset(a: &Asset) -> u64 {
    hash_of(("asset", &a.rel, a.hash, a.size))
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

/// An easy read's part: only that it exists (it changes which bodies are checked).
pub(crate) fn targets_of_easy(path: &Path) -> u64 {
    hash_of(("easy", path))
}

/// Targets lost to errors in a file that loaded (see `points_at_failed`).
pub(crate) fn targets_of_lost(lost: &[PathBuf]) -> u64 {
    hash_of(("lost", lost))
}

/// A file that exists but failed to load: links to it are not reported.
/// The part of the fingerprint of link targets the sections' list pages make.
pub(crate) fn sections_key(book: &Book) -> u64 {
    let folders: Vec<&str> = book
        .config
        .sections
        .iter()
        .map(|s| s.folder.as_str())
        .collect();
    hash_of(("sections", folders))
}

pub(crate) fn targets_of_failed(path: &Path) -> u64 {
    hash_of(("failed", content_relative(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(!is_external("../guides/a.md"));
        assert!(!is_external("a.md#x:y"));
        assert_eq!(
            join(Path::new("guides"), "../model/a.md"),
            Some(PathBuf::from("model/a.md"))
        );
        assert_eq!(join(Path::new("guides"), "../../x.md"), None);
        assert_eq!(
            relative_to(Path::new("guides"), Path::new("model/a.md")),
            "../model/a.md"
        );
    }
}
