//! Links between pages: resolving source-relative paths to routes, and checking every one.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::assets::{kind_of, Asset, AssetKind};
use crate::files::content_relative;
use crate::model::{Book, Page};
use crate::slug::did_you_mean;

mod check;
mod hints;
mod routes;
mod targets;

pub(crate) use check::{check, check_body, check_glossary, check_glossary_text, unused_pictures};
pub(crate) use targets::{
    sections_key, targets_of_asset, targets_of_checklist, targets_of_easy, targets_of_failed,
    targets_of_glossary, targets_of_lost, targets_of_page,
};

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

/// Is this alt text the mark of a decorative picture (`![""](x.png)`), shown with `alt=""`?
pub fn is_decorative(alt: &str) -> bool {
    matches!(alt.trim(), "\"\"" | "“”")
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
