//! A first look at Markdown bodies: heading ids and links, with their source positions.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::Heading;
use crate::slug::{slugify, UniqueIds};

/// Ids the page layout uses itself; headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "contents",
    "site-header",
    "site-nav",
    "site-footer",
    "search-q",
    "search-results",
    "display-options",
    "glossary-tip",
    "page-title",
];

/// The Markdown extensions every part of bookshelf uses.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A link found in a body: destination and byte range in the body.
#[derive(Debug, Clone)]
pub struct RawLink {
    /// Where it points, as written.
    pub dest: String,
    /// Its range in the Markdown.
    pub range: Range<usize>,
}

/// What a first pass finds.
#[derive(Debug, Default)]
pub struct Scan {
    /// Headings with unique ids.
    pub headings: Vec<Heading>,
    /// Links.
    pub links: Vec<RawLink>,
}

/// A fresh id allocator with the layout's ids reserved.
pub fn page_ids() -> UniqueIds {
    let mut ids = UniqueIds::default();
    for id in RESERVED_IDS {
        ids.reserve(id);
    }
    ids
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Find headings (with ids exactly as the renderer will give them) and links.
pub fn scan(markdown: &str) -> Scan {
    let mut out = Scan::default();
    let mut ids = page_ids();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level_num(level), id.map(|s| s.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, text)) = current.take() {
                    let text = text.trim().to_string();
                    let base = id.unwrap_or_else(|| slugify(&text));
                    let id = ids.unique(&base);
                    out.headings.push(Heading { level, text, id });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.links.push(RawLink {
                    dest: dest_url.to_string(),
                    range,
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_links() {
        let md = "## Before\n\nSee [x](../a.md#b).\n\n## Before\n\n## Main {#own}\n";
        let s = scan(md);
        let ids: Vec<_> = s.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["before", "before-2", "own"]);
        assert_eq!(s.links[0].dest, "../a.md#b");
        assert_eq!(&md[s.links[0].range.clone()], "[x](../a.md#b)");
    }
}
