//! What to suggest for a broken link, taken from the book itself: a page that exists (the
//! nearest in spelling, or one beside the linking page), and for a broken `#fragment` the
//! headings the target page really has. Never a fixed path: a new bookshelf has none of
//! York's pages. Run only for broken links, so a walk over the book costs nothing.

use std::path::{Path, PathBuf};

use super::{join, relative_to};
use crate::files::content_relative;
use crate::model::Book;
use crate::slug::did_you_mean;

/// How many headings or terms a hint lists.
const LIST: usize = 8;

/// The help line for the broken link `dest`, written in `from` (book-root relative).
pub(crate) fn help(book: &Book, from: &Path, dest: &str) -> String {
    let from_rel = content_relative(from);
    let from_dir = from_rel.parent().unwrap_or(Path::new("")).to_path_buf();
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    if dest.starts_with('/') {
        let base = book.config.base_path();
        let route = path.strip_prefix(&base[..]).unwrap_or(path);
        if let Some(f) = fragment.filter(|_| fragments_of(book, route).is_some()) {
            return fragments_help(book, route, path, f);
        }
        let route = nearest_route(book, dest.trim_start_matches(&base[..]));
        return format!(
            "use the address of a page the site has, e.g. `{base}{route}`, or link to its source file, e.g. `{}`",
            example(book, &from_dir, path.trim_start_matches('/'))
        );
    }
    if let Some(f) = fragment {
        let target = if path.is_empty() {
            route_of_file(book, from)
        } else {
            book.links
                .resolve(from, path)
                .ok()
                .flatten()
                .map(|r| r.route)
        };
        if let Some(route) = target {
            let name = if path.is_empty() { "this page" } else { path };
            return fragments_help(book, &route, name, f);
        }
    }
    let wanted =
        join(&from_dir, path).map_or_else(String::new, |p| p.to_string_lossy().into_owned());
    format!(
        "link to another page by its source file, relative to this one, e.g. `{}`",
        example(book, &from_dir, &wanted)
    )
}

/// The route of the page whose body (or easy read) is the file `file`.
fn route_of_file(book: &Book, file: &Path) -> Option<String> {
    book.pages
        .iter()
        .find(|p| p.body.path == file || p.easy.as_ref().is_some_and(|e| e.body.path == file))
        .map(|p| p.route.clone())
}

/// The ids a link may name on the page or checklist at `route`, in page order.
fn fragments_of(book: &Book, route: &str) -> Option<(Vec<String>, &'static str)> {
    if let Some(p) = book.pages.iter().find(|p| p.route == route) {
        return Some((
            p.body
                .headings
                .iter()
                .map(|h| format!("#{}", h.id))
                .collect(),
            "headings",
        ));
    }
    if let Some(c) = book.checklists.iter().find(|c| c.route == route) {
        return Some((
            c.sections.iter().map(|s| format!("#{}", s.id)).collect(),
            "sections",
        ));
    }
    if route == "glossary/" {
        let mut terms: Vec<String> = book
            .glossary
            .terms
            .iter()
            .map(|t| format!("#{}", t.slug))
            .collect();
        terms.sort();
        return Some((terms, "terms"));
    }
    None
}

fn fragments_help(book: &Book, route: &str, name: &str, wanted: &str) -> String {
    let Some((ids, what)) = fragments_of(book, route) else {
        return "check the part after `#`".into();
    };
    if ids.is_empty() {
        return format!("`{name}` has no {what} to link to: leave out the part from `#`");
    }
    let wanted = format!("#{wanted}");
    let mut help = match did_you_mean(&wanted, ids.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `{s}`? "),
        None => String::new(),
    };
    let shown: Vec<String> = ids.iter().take(LIST).map(|i| format!("`{i}`")).collect();
    let more = if ids.len() > LIST { ", …" } else { "" };
    let the = if help.is_empty() { "the" } else { "The" };
    help.push_str(&format!(
        "{the} {what} of `{name}` are {}{more}",
        shown.join(", ")
    ));
    help
}

/// Every file a link may name (pages and checklists by their source, and the glossary).
fn files(book: &Book) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = book
        .pages
        .iter()
        .filter(|p| p.translation.is_none())
        .map(|p| content_relative(&p.body.path))
        .chain(book.checklists.iter().map(|c| content_relative(&c.path)))
        .collect();
    out.extend(book.glossary.path.as_deref().map(content_relative));
    out.sort();
    out
}

/// A real file to show as an example, written relative to `from_dir`: the nearest in
/// spelling to `wanted`, or else one in the same folder, or else the first.
fn example(book: &Book, from_dir: &Path, wanted: &str) -> String {
    let files = files(book);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .collect();
    let chosen = did_you_mean(wanted, names.iter().map(String::as_str))
        .map(PathBuf::from)
        .or_else(|| {
            files
                .iter()
                .find(|f| f.parent() == Some(from_dir) && f.extension().is_some_and(|e| e == "md"))
                .cloned()
        })
        .or_else(|| files.first().cloned());
    match chosen {
        Some(f) => relative_to(from_dir, &f),
        None => "index.md".into(),
    }
}

/// The route nearest in spelling to `wanted`, or the first page's.
fn nearest_route(book: &Book, wanted: &str) -> String {
    let routes: Vec<&str> = book.pages.iter().map(|p| p.route.as_str()).collect();
    did_you_mean(wanted, routes.iter().copied())
        .or_else(|| routes.iter().copied().find(|r| !r.is_empty()))
        .unwrap_or("")
        .to_string()
}
