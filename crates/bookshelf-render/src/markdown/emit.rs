//! Emitting a parsed body for one place: a web page of a variant (links between pages written
//! relative to it, glossary terms linked with their tips, easy-read rows), or a part of the
//! print book ([`Target::Print`]): the same events, with glossary terms as plain words, every
//! id and in-page link given the part's prefix, and `h2` headings stepped down to `h3` under
//! the part's own heading.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::parse::{Parsed, Piece};
use super::{attr, escape_into, Ctx, Place, Rendered};
use crate::easy::{easy_rows, EasyMode};
use crate::urls::{relative, to_root, Variant};

/// What a body is emitted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A web page.
    Web,
    /// Part `part` of the print book, where every page's body sits on one page: its ids and
    /// in-page links get `p{part}-`, so they stay unique beside the other parts'.
    Print { part: usize },
}

/// The HTML for a glossary term's first use: a link with its plain definition as a tip.
fn term_html(
    ctx: &Ctx<'_>,
    place: Place<'_>,
    index: usize,
    shown: &str,
    abbreviation: bool,
) -> String {
    let term = &ctx.book.glossary.terms[index];
    let def = match (place.variant, &term.easy) {
        (Variant::Easy, Some(easy)) => easy.as_str(),
        _ => term.plain.as_str(),
    };
    // Written piece by piece into one string: a page links a term at its first use, and
    // there are hundreds of thousands of such uses in a large book.
    let mut html = String::with_capacity(256 + def.len());
    html.push_str("<span class=\"term\"><a class=\"term-link\" href=\"");
    html.push_str(&relative(
        place.path,
        &[place.variant.prefix(), &term.route],
    ));
    html.push_str("\" aria-describedby=\"tip-");
    html.push_str(&term.slug);
    html.push_str("\">");
    if abbreviation {
        html.push_str("<abbr title=\"");
        html.push_str(&attr(&term.term));
        html.push_str("\">");
        escape_into(&mut html, shown);
        html.push_str("</abbr>");
    } else {
        escape_into(&mut html, shown);
    }
    html.push_str("</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-");
    html.push_str(&term.slug);
    html.push_str("\">");
    if abbreviation || !shown.eq_ignore_ascii_case(&term.term) {
        html.push_str("<strong>");
        escape_into(&mut html, &term.term);
        html.push_str("</strong>: ");
    }
    escape_into(&mut html, def);
    html.push_str("</span></span>");
    html
}

/// A glossary term's first use on paper: the word as it is shown (an abbreviation keeps its
/// expansion), without link or tip; the print book prints the glossary at its end.
fn term_word(ctx: &Ctx<'_>, index: usize, shown: &str, abbreviation: bool) -> String {
    let mut html = String::with_capacity(shown.len() + 16);
    if abbreviation {
        html.push_str("<abbr title=\"");
        html.push_str(&attr(&ctx.book.glossary.terms[index].term));
        html.push_str("\">");
        escape_into(&mut html, shown);
        html.push_str("</abbr>");
    } else {
        escape_into(&mut html, shown);
    }
    html
}

impl<'m> Piece<'m> {
    /// The event this piece is on the web page at `place`.
    pub(super) fn event(&self, ctx: &Ctx<'_>, place: Place<'_>) -> Event<'m> {
        match self {
            Piece::Event(e) => e.clone(),
            Piece::Link {
                link_type,
                route,
                fragment,
                title,
                id,
            } => {
                let prefix = place.variant.prefix();
                let url = match fragment {
                    Some(f) => relative(place.path, &[prefix, route, "#", f]),
                    None => relative(place.path, &[prefix, route]),
                };
                Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from(url),
                    title: title.clone(),
                    id: id.clone(),
                })
            }
            Piece::Image { asset, alt } => Event::InlineHtml(CowStr::from(
                crate::files::image_html(place, asset, alt, "content-img"),
            )),
            Piece::FileLink {
                link_type,
                rel,
                title,
                id,
            } => Event::Start(Tag::Link {
                link_type: *link_type,
                dest_url: CowStr::from(relative(place.path, &[rel])),
                title: title.clone(),
                id: id.clone(),
            }),
            Piece::FileMeta(html) => Event::InlineHtml(CowStr::from(html.clone())),
            Piece::Term {
                index,
                shown,
                abbreviation,
            } => Event::InlineHtml(CowStr::from(term_html(
                ctx,
                place,
                *index,
                shown,
                *abbreviation,
            ))),
        }
    }
}

impl<'m> Parsed<'m> {
    /// The body rendered at `place`.
    pub(crate) fn rendered(&self, ctx: &Ctx<'_>, place: Place<'_>, mode: EasyMode) -> Rendered {
        Rendered {
            html: self.html(ctx, place, mode),
            text: self.text.clone(),
            headings: self.headings.clone(),
        }
    }

    /// The HTML at `place`: links and terms written for its variant, easy-read rows for easy.
    pub(crate) fn html(&self, ctx: &Ctx<'_>, place: Place<'_>, mode: EasyMode) -> String {
        let mut html = String::with_capacity(self.text.len() * 2 + 64);
        self.html_into(ctx, place, mode, Target::Web, &mut html);
        html
    }

    /// The HTML at `place` for `target`, written at the end of `out`.
    pub(crate) fn html_into(
        &self,
        ctx: &Ctx<'_>,
        place: Place<'_>,
        mode: EasyMode,
        target: Target,
        out: &mut String,
    ) {
        match target {
            Target::Web => {
                let events = self.events(ctx, place, mode, None);
                pulldown_cmark::html::push_html(out, events.into_iter());
            }
            Target::Print { part } => {
                let mut words = Vec::new();
                let events = self.events(ctx, place, mode, Some(&mut words));
                let printed = for_print_all(events.into_iter(), words, part);
                pulldown_cmark::html::push_html(out, printed);
            }
        }
    }

    /// The web page's HTML at `place`, and print part `part` written at the end of `print`
    /// for the print page at `print_place`. When the two places are as deep (every link is
    /// then written the same from both), the print part is made from the web page's events,
    /// so the page is laid out once for the two.
    pub(crate) fn html_and_print(
        &self,
        ctx: &Ctx<'_>,
        place: Place<'_>,
        mode: EasyMode,
        (print_place, part): (Place<'_>, usize),
        print: &mut String,
    ) -> String {
        if to_root(place.path) != to_root(print_place.path) {
            self.html_into(ctx, print_place, mode, Target::Print { part }, print);
            return self.html(ctx, place, mode);
        }
        let mut words = Vec::new();
        let events = self.events(ctx, place, mode, Some(&mut words));
        let mut html = String::with_capacity(self.text.len() * 2 + 64);
        pulldown_cmark::html::push_html(&mut html, events.iter().map(borrowed));
        // The part is the page less its term tips: room for the page is room enough.
        print.reserve(html.len());
        pulldown_cmark::html::push_html(print, for_print_all(events.into_iter(), words, part));
        html
    }

    /// The events at `place`, laid out in easy-read rows for easy. `words`, when given, gets
    /// each glossary term's link (its event's HTML) with its word for paper: easy-read rows
    /// explain the terms they hold, reading them from their links, so print is given the
    /// links too and puts the words in their place after (a term is linked once a page, so
    /// its link is unique on the page).
    fn events(
        &self,
        ctx: &Ctx<'_>,
        place: Place<'_>,
        mode: EasyMode,
        mut words: Option<&mut Vec<(String, String)>>,
    ) -> Vec<Event<'m>> {
        let events: Vec<Event<'m>> = self
            .pieces
            .iter()
            .map(|p| {
                let event = p.event(ctx, place);
                if let (
                    Some(words),
                    Piece::Term {
                        index,
                        shown,
                        abbreviation,
                    },
                    Event::InlineHtml(web),
                ) = (words.as_deref_mut(), p, &event)
                {
                    words.push((
                        web.to_string(),
                        term_word(ctx, *index, shown, *abbreviation),
                    ));
                }
                event
            })
            .collect();
        match place.variant {
            Variant::Standard => events,
            Variant::Easy => easy_rows(ctx, place, events, mode),
        }
    }
}

/// An event borrowed from `event`, to write it without copying its text.
fn borrowed<'b>(event: &'b Event<'_>) -> Event<'b> {
    match event {
        Event::Text(t) => Event::Text(CowStr::Borrowed(t)),
        Event::Html(h) => Event::Html(CowStr::Borrowed(h)),
        Event::InlineHtml(h) => Event::InlineHtml(CowStr::Borrowed(h)),
        Event::Code(c) => Event::Code(CowStr::Borrowed(c)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: CowStr::Borrowed(dest_url),
            title: CowStr::Borrowed(title),
            id: CowStr::Borrowed(id),
        }),
        other => other.clone(),
    }
}

/// A web page's events as print part `part` has them: each glossary term's link (the first
/// of each pair in `words`) its word, every other event [`for_print`].
fn for_print_all<'m>(
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
