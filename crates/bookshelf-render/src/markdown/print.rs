//! A body's events made a print part's: the book's every page sits on one print page, so
//! each part's ids and in-page links get the part's prefix (`p7-`), its `h2`s go under the
//! part's own heading, and its glossary terms are their words.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

/// A web page's events as print part `part` has them: each glossary term's link (the first
/// of each pair in `words`) its word, every other event [`for_print`].
pub(super) fn for_print_all<'m>(
    events: impl Iterator<Item = Event<'m>>,
    mut words: Vec<(String, String)>,
    part: usize,
) -> impl Iterator<Item = Event<'m>> {
    let prefix = format!("p{part}-");
    events.map(move |event| {
        if let Event::InlineHtml(h) = &event {
            if let Some(k) = words.iter().position(|(web, _)| **h == **web) {
                return Event::InlineHtml(CowStr::from(words.swap_remove(k).1));
            }
        }
        for_print(event, &prefix)
    })
}

/// An event of a body as it is in a print part whose ids start with `prefix`: heading ids,
/// footnotes and in-page links prefixed, `h2` stepped down to `h3`, and raw HTML's ids too.
fn for_print<'m>(event: Event<'m>, prefix: &str) -> Event<'m> {
    let prefixed = |name: &str| CowStr::from(format!("{prefix}{name}"));
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: step_down(level),
            id: id.map(|id| prefixed(&id)),
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(step_down(level))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if dest_url.starts_with('#') => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(format!("#{prefix}{}", &dest_url[1..])),
            title,
            id,
        }),
        Event::FootnoteReference(name) => Event::FootnoteReference(prefixed(&name)),
        Event::Start(Tag::FootnoteDefinition(name)) => {
            Event::Start(Tag::FootnoteDefinition(prefixed(&name)))
        }
        Event::Html(h) => Event::Html(raw_html_for_print(h, prefix)),
        Event::InlineHtml(h) => Event::InlineHtml(raw_html_for_print(h, prefix)),
        other => other,
    }
}

/// The part's own heading is an `h2`: the page's `h2`s go under it.
fn step_down(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H2 => HeadingLevel::H3,
        other => other,
    }
}

/// An editor's raw HTML (an SVG diagram with a title, say) in a print part: its ids, in-page
/// links and the ids its ARIA attributes name get `prefix`, and its `h2`s become `h3`s, as
/// the Markdown around it does.
fn raw_html_for_print<'m>(html: CowStr<'m>, prefix: &str) -> CowStr<'m> {
    const PATTERNS: [&str; 6] = [
        " id=\"",
        "href=\"#",
        "aria-describedby=\"",
        "aria-labelledby=\"",
        "<h2",
        "</h2>",
    ];
    // Built once: every piece of HTML in every print part is looked through.
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let finders =
        FINDERS.get_or_init(|| PATTERNS.iter().map(memchr::memmem::Finder::new).collect());
    if finders.iter().all(|f| f.find(html.as_bytes()).is_none()) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 8 * prefix.len());
    let mut rest: &str = &html;
    while let Some((at, k)) = PATTERNS
        .iter()
        .enumerate()
        .filter_map(|(k, p)| rest.find(p).map(|at| (at, k)))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at + PATTERNS[k].len()..];
        match k {
            4 => out.push_str("<h3"),
            5 => out.push_str("</h3>"),
            // A list of ids, each prefixed.
            2 | 3 => {
                out.push_str(PATTERNS[k]);
                let end = rest.find('"').unwrap_or(rest.len());
                for (j, id) in rest[..end].split(' ').enumerate() {
                    if j > 0 {
                        out.push(' ');
                    }
                    if !id.is_empty() {
                        out.push_str(prefix);
                    }
                    out.push_str(id);
                }
                rest = &rest[end..];
            }
            _ => {
                out.push_str(PATTERNS[k]);
                out.push_str(prefix);
            }
        }
    }
    out.push_str(rest);
    CowStr::from(out)
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser};

    use super::{for_print, raw_html_for_print};

    /// Markdown (with footnotes) as print part 7 writes it.
    fn printed(markdown: &str) -> String {
        let mut html = String::new();
        let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
        let events = Parser::new_ext(markdown, options).map(|e: Event<'_>| for_print(e, "p7-"));
        pulldown_cmark::html::push_html(&mut html, events);
        html
    }

    #[test]
    fn print_prefixes_heading_ids_and_steps_h2_down() {
        assert_eq!(
            printed("## Why {#why}\n\n### More {#more}\n\n# Top {#top}"),
            "<h3 id=\"p7-why\">Why</h3>\n<h3 id=\"p7-more\">More</h3>\n<h1 id=\"p7-top\">Top</h1>\n"
        );
        // A heading without an id gets none.
        assert_eq!(printed("## Plain"), "<h3>Plain</h3>\n");
    }

    #[test]
    fn print_prefixes_in_page_links_only() {
        assert_eq!(
            printed("See [why](#why), [x](../x/#y) and [z](z.md)."),
            "<p>See <a href=\"#p7-why\">why</a>, <a href=\"../x/#y\">x</a> and <a href=\"z.md\">z</a>.</p>\n"
        );
        // Text that looks like an attribute is text, left as it is.
        assert_eq!(
            printed(" id=\"k\" href=\"#k\""),
            "<p>id=\"k\" href=\"#k\"</p>\n"
        );
    }

    #[test]
    fn print_prefixes_footnotes() {
        let html = printed("A note.[^a]\n\n[^a]: The note.");
        assert!(html.contains("<a href=\"#p7-a\">1</a>"), "{html}");
        assert!(
            html.contains("<div class=\"footnote-definition\" id=\"p7-a\">"),
            "{html}"
        );
    }

    #[test]
    fn print_prefixes_the_ids_in_raw_html_and_the_ids_aria_names() {
        let svg = "<svg role=\"img\" aria-labelledby=\"t d\"><title id=\"t\">T</title>\
                   <desc id=\"d\">D</desc></svg><a href=\"#t\">t</a><h2>H</h2>";
        assert_eq!(
            &*raw_html_for_print(svg.into(), "p7-"),
            "<svg role=\"img\" aria-labelledby=\"p7-t p7-d\"><title id=\"p7-t\">T</title>\
             <desc id=\"p7-d\">D</desc></svg><a href=\"#p7-t\">t</a><h3>H</h3>"
        );
        // Nothing to change: the HTML is kept as it is, without copying it.
        assert!(matches!(
            raw_html_for_print("<br>".into(), "p7-"),
            pulldown_cmark::CowStr::Borrowed("<br>")
        ));
    }
}
