//! Site-absolute links (`/guides/x/#part`): checked against the routes the site makes.

use std::collections::HashSet;
use std::path::PathBuf;

use super::LinkIndex;
use crate::slug::did_you_mean;

/// Routes the site always makes, besides pages, checklists and glossary terms.
const FIXED_ROUTES: &[&str] = &[
    "model/",
    "guides/",
    "checklists/",
    "glossary/",
    "search/",
    "print/book/",
    "404.html",
];

/// The content file (relative to `content/`) a route is made from, if a file makes it.
fn source_of_route(route: &str) -> Vec<PathBuf> {
    if route.is_empty() {
        return vec![PathBuf::from("index.md")];
    }
    let Some(r) = route.strip_suffix('/') else {
        return Vec::new();
    };
    match r.strip_prefix("checklists/") {
        Some(slug) => vec![
            PathBuf::from(format!("checklists/{slug}.yaml")),
            PathBuf::from(format!("checklists/{slug}.yml")),
        ],
        None => vec![PathBuf::from(format!("{r}.md"))],
    }
}

impl LinkIndex {
    /// Check a site-absolute link (`/guides/x/#part`, with or without the `base_url` path
    /// `base`) against the routes the site has. Links to files the site copies (a stylesheet,
    /// a symbol) are not pages and are left alone. `failed`: files that did not load.
    pub fn check_absolute(
        &self,
        base: &str,
        dest: &str,
        failed: &HashSet<PathBuf>,
    ) -> Result<(), String> {
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let (prefix, route) = match path.strip_prefix(base) {
            Some(rest) => (base, rest),
            // The base path without its last `/` is the home page too.
            None if base.strip_suffix('/') == Some(path) => (base, ""),
            None => ("/", path.strip_prefix('/').unwrap_or(path)),
        };
        let route = route.strip_suffix("index.html").unwrap_or(route);
        if route != "404.html" && route.rsplit('/').next().is_some_and(|l| l.contains('.')) {
            return Ok(());
        }
        let route = if route.is_empty() || route.ends_with('/') || route == "404.html" {
            route.to_string()
        } else {
            format!("{route}/")
        };
        let (easy, plain) = match route.strip_prefix("easy-read/") {
            Some(rest) => (true, rest),
            None => (false, route.as_str()),
        };
        if FIXED_ROUTES.contains(&plain) || self.sections.iter().any(|r| r == plain) {
            return Ok(());
        }
        if let Some(slug) = plain
            .strip_prefix("glossary/")
            .and_then(|r| r.strip_suffix('/'))
        {
            let lost = || {
                failed.contains(&self.glossary)
                    || failed.contains(&PathBuf::from(format!(
                        "{}#{slug}",
                        self.glossary.display()
                    )))
            };
            if self.terms.get(slug).is_some_and(|r| r == plain) || lost() {
                return Ok(());
            }
        }
        let sources = source_of_route(plain);
        if sources.iter().any(|s| failed.contains(s)) {
            return Ok(());
        }
        let found = sources
            .iter()
            .find_map(|s| self.targets.get(s).filter(|(r, _)| r == plain));
        match found {
            Some((_, anchors)) => match fragment {
                // An easy read has headings of its own; only the standard page's are known.
                Some(f) if !easy && !f.is_empty() && !anchors.contains(f) => {
                    Err(format!("`{path}` has no heading or item `#{f}`"))
                }
                _ => Ok(()),
            },
            None => {
                let mut known: Vec<&str> = FIXED_ROUTES.to_vec();
                known.extend(self.sections.iter().map(String::as_str));
                known.extend(self.targets.values().map(|(r, _)| r.as_str()));
                known.extend(self.terms.values().map(String::as_str));
                match did_you_mean(plain, known) {
                    Some(s) => {
                        let easy = if easy { "easy-read/" } else { "" };
                        Err(format!(
                            "`{path}` is not a page of this site (did you mean `{prefix}{easy}{s}`?)"
                        ))
                    }
                    None => Err(format!("`{path}` is not a page of this site")),
                }
            }
        }
    }
}
