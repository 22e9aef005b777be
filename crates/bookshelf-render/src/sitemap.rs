//! What search engines and link previews read (issue 22, point 6): `sitemap.xml` with every
//! page of both variants and the same page in each language as its alternates, `robots.txt`
//! pointing at it, and each page's canonical URL and description (`canonical`, `description`
//! in templates).
//!
//! URLs are absolute when `[book] base_url` is a full URL (`https://example.org/send/`), as
//! the sitemap protocol wants; with only a path (`/send/`) they start with that path.

use bookshelf_content::Book;

use crate::markdown::escape;
use crate::urls::{site_path, Variant};

/// The page routes that belong in a sitemap: not the search page, the whole-book print page or
/// the 404 page, which are not pages anyone should land on from a search engine.
pub(crate) fn listed(route: &str) -> bool {
    !matches!(route, "search/" | "print/book/" | "404.html")
}

/// `https://example.org` of a full `base_url`, or `""` when it is only a path.
fn origin(book: &Book) -> &str {
    let raw = book.config.book.base_url.as_deref().unwrap_or("/");
    match raw.find("://") {
        Some(i) => raw[i + 3..].find('/').map_or(raw, |j| &raw[..i + 3 + j]),
        None => "",
    }
}

/// The base path of the whole site (the source language's), for a book seen in any language:
/// `/send/` for both `/send/` and `/send/pl/`.
pub(crate) fn site_base_path(book: &Book) -> String {
    let base = book.config.base_path();
    let lang = &book.config.book.language;
    match &book.config.book.source_language {
        Some(source) if source != lang => base
            .strip_suffix(&format!("{lang}/"))
            .map_or(base.clone(), str::to_string),
        _ => base,
    }
}

/// The canonical URL of the page at `here` (`easy-read/guides/x/`) of this language's site.
pub(crate) fn canonical(book: &Book, here: &str) -> String {
    format!("{}{}{here}", origin(book), book.config.base_path())
}

/// The URL of the service worker, from a page whose root is `root` (`../../`, or the base path
/// on a 404 page): it is at the site's root, above every language's folder, so one worker
/// serves them all.
pub(crate) fn service_worker(book: &Book, root: &str) -> String {
    let up = match &book.config.book.source_language {
        Some(source) if *source != book.config.book.language => "../",
        _ => "",
    };
    format!("{root}{up}sw.js")
}

/// `sitemap.xml` for the site of the source language `book`: one `<url>` per page and variant
/// in each language, each listing the page in every language (and `x-default`, the source's)
/// as `xhtml:link` alternates. `routes` are the pages' routes in the order of the build.
pub(crate) fn sitemap(book: &Book, routes: &[String]) -> String {
    let origin = origin(book);
    let base = site_base_path(book);
    let source = &book.config.book.language;
    // (tag, folder) of every language, the source's first.
    let langs: Vec<(&str, String)> = std::iter::once((source.as_str(), String::new()))
        .chain(
            book.config
                .languages
                .keys()
                .map(|l| (l.as_str(), format!("{l}/"))),
        )
        .collect();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for v in Variant::BOTH {
        for route in routes.iter().filter(|r| listed(r)) {
            let here = site_path(v, route);
            let url = |folder: &str| escape(&format!("{origin}{base}{folder}{here}"));
            for (_, folder) in &langs {
                out.push_str("<url><loc>");
                out.push_str(&url(folder));
                out.push_str("</loc>");
                if langs.len() > 1 {
                    for (tag, other) in &langs {
                        out.push_str(&format!(
                            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                            escape(tag),
                            url(other)
                        ));
                    }
                    out.push_str(&format!(
                        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        url("")
                    ));
                }
                out.push_str("</url>\n");
            }
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be read; the sitemap is named.
pub(crate) fn robots(book: &Book) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}{}sitemap.xml\n",
        origin(book),
        site_base_path(book)
    )
}

/// `canonical` (this page's URL) and `sw_url` (the service worker, from this page) for the
/// templates, for the page at `here` whose root is `root`.
pub(crate) fn insert_urls(c: &mut tera::Context, book: &Book, root: &str, here: &str) {
    c.insert("canonical", &canonical(book, here));
    c.insert("sw_url", &service_worker(book, root));
}

/// The routes of `jobs` (once each, in their order), for [`files`].
pub(crate) fn routes(shared: &crate::site::Shared<'_>, jobs: &[crate::site::Job]) -> Vec<String> {
    jobs.iter()
        .filter(|j| j.variant() == Variant::Standard)
        .map(|j| shared.route(*j))
        .collect()
}

/// Whether `book` is the source language's (its render writes the site-wide files).
pub(crate) fn is_source(book: &Book) -> bool {
    book.config
        .book
        .source_language
        .as_ref()
        .is_none_or(|s| *s == book.config.book.language)
}

/// The site-wide files this language's render writes (none for a translation): name and text.
pub(crate) fn files(book: &Book, routes: &[String]) -> Vec<(&'static str, String)> {
    if !is_source(book) {
        return Vec::new();
    }
    vec![
        ("sitemap.xml", sitemap(book, routes)),
        ("robots.txt", robots(book)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `small` test fixture with another `base_url` and languages.
    fn book(base: &str, langs: &[&str]) -> Book {
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/small");
        let loaded = bookshelf_content::Loader::new(&fixture).load();
        let mut book = loaded.book.expect("the small fixture loads");
        book.config.book.base_url = Some(base.into());
        book.config.languages.clear();
        for l in langs {
            let listed: bookshelf_content::LanguageConfig =
                toml::from_str(&format!("title = \"T {l}\"")).unwrap();
            book.config.languages.insert((*l).into(), listed);
        }
        book
    }

    #[test]
    fn a_full_base_url_gives_absolute_urls_with_every_language_as_alternates() {
        let b = book("https://example.org/send/", &["pl"]);
        let routes = vec!["".to_string(), "guides/a/".into(), "search/".into()];
        let map = sitemap(&b, &routes);
        assert!(map.contains("<loc>https://example.org/send/guides/a/</loc>"));
        assert!(map.contains("<loc>https://example.org/send/pl/easy-read/guides/a/</loc>"));
        assert!(map.contains(
            "<xhtml:link rel=\"alternate\" hreflang=\"pl\" href=\"https://example.org/send/pl/guides/a/\"/>"
        ));
        assert!(
            map.contains("hreflang=\"x-default\" href=\"https://example.org/send/easy-read/\"/>")
        );
        // Not a page to land on from a search engine.
        assert!(!map.contains("search/"));
        // 2 routes, 2 variants, 2 languages.
        assert_eq!(map.matches("<url>").count(), 8);
        assert_eq!(
            robots(&b),
            "User-agent: *\nAllow: /\nSitemap: https://example.org/send/sitemap.xml\n"
        );
    }

    #[test]
    fn a_path_base_url_gives_paths_and_one_language_no_alternates() {
        let b = book("/send", &[]);
        let map = sitemap(&b, &["guides/a/".to_string()]);
        assert!(map.contains("<loc>/send/guides/a/</loc>"));
        assert!(map.contains("<loc>/send/easy-read/guides/a/</loc>"));
        assert!(!map.contains("xhtml:link"));
        assert_eq!(
            canonical(&b, "easy-read/guides/a/"),
            "/send/easy-read/guides/a/"
        );
    }

    #[test]
    fn a_translation_writes_no_site_wide_file_and_finds_the_worker_above_it() {
        let b = book("https://example.org/", &["pl"]).in_language("pl");
        assert!(files(&b, &["".to_string()]).is_empty());
        assert_eq!(site_base_path(&b), "/");
        assert_eq!(
            canonical(&b, "guides/a/"),
            "https://example.org/pl/guides/a/"
        );
        assert_eq!(service_worker(&b, "../../"), "../../../sw.js");
        assert_eq!(service_worker(&book("/", &[]), "../"), "../sw.js");
    }
}
