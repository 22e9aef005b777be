//! A first look at Markdown bodies: heading ids, links and the raw HTML the policy refuses
//! ([`crate::raw_html`]), with their source positions.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::Heading;
use crate::raw_html::{check_html, check_image, check_link, HtmlProblem};
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

pub use crate::model::{RawImage, RawLink};

/// What a first pass finds.
#[derive(Debug, Default)]
pub struct Scan {
    /// Headings with unique ids.
    pub headings: Vec<Heading>,
    /// Links.
    pub links: Vec<RawLink>,
    /// Raw HTML and pictures the raw HTML policy refuses.
    pub html: Vec<HtmlProblem>,
    /// Pictures.
    pub images: Vec<RawImage>,
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
    let mut image: Option<RawImage> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        see_html(markdown, &event, range.clone(), &mut out.html);
        match &event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some(RawImage {
                    dest: dest_url.to_string(),
                    alt: String::new(),
                    range: range.clone(),
                });
            }
            Event::End(TagEnd::Image) => out.images.extend(image.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(i) = image.as_mut() {
                    i.alt.push_str(t);
                }
            }
            _ => {}
        }
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

/// Add what the raw HTML policy refuses in this event (at `range` of `markdown`) to `out`.
fn see_html(markdown: &str, event: &Event<'_>, range: Range<usize>, out: &mut Vec<HtmlProblem>) {
    match event {
        // A whole HTML block at once (its lines are separate `Html` events), so a tag
        // written over several lines is read whole.
        Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
            check_html(&markdown[range.clone()], range.start, out);
        }
        Event::Start(Tag::Link { dest_url, .. }) => {
            if let Some((message, help)) = check_link(dest_url) {
                out.push(HtmlProblem {
                    code: crate::raw_html::CODE,
                    range,
                    message,
                    help,
                });
            }
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            if let Some((message, help)) = check_image(dest_url) {
                out.push(HtmlProblem {
                    code: crate::raw_html::CODE,
                    range,
                    message,
                    help,
                });
            }
        }
        _ => {}
    }
}

/// What the raw HTML policy refuses in Markdown that is not a page body (glossary `more`,
/// checklist `why`), with ranges in `markdown`. With `inline`, the Markdown is one line of
/// a checklist item, where no raw HTML at all is allowed.
pub fn html_problems(markdown: &str, inline: bool) -> Vec<HtmlProblem> {
    let mut out: Vec<HtmlProblem> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            // Once a field: `<b>` and `</b>` are one mistake.
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) if inline => {
                if out
                    .iter()
                    .any(|p| p.message.starts_with("a checklist item"))
                {
                    continue;
                }
                out.push(HtmlProblem {
                    code: crate::raw_html::CODE,
                    range,
                    message: "a checklist item is one line of Markdown: raw HTML is not allowed here".into(),
                    help: "write it in Markdown (`**bold**`, `[a link](guides/x.md)`), or move it to the item's `why`",
                });
            }
            other => see_html(markdown, &other, range, &mut out),
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
