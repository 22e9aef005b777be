//! Emitting a parsed body for one place: a web page of a variant (links between pages written
//! relative to it, glossary terms linked with their tips, easy-read rows), or a part of the
//! print book ([`Target::Print`]): the same events, with glossary terms as plain words, every
//! id and in-page link given the part's prefix, and `h2` headings stepped down to `h3` under
//! the part's own heading.

use pulldown_cmark::{CowStr, Event, Tag};

use super::parse::{Parsed, Piece};
use super::print::for_print_all;
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
    html.push('"');
    // In a translation's site, say each definition's language (WEB9): an entry not
    // translated yet is in the source's words, and a translated one may sit in a page that
    // is not (whose text is marked as the source's).
    if ctx.book.config.book.source_language.is_some() && !term.text_language.is_empty() {
        html.push_str(" lang=\"");
        html.push_str(&attr(&term.text_language));
        html.push_str("\" dir=\"");
        html.push_str(crate::i18n::direction(&term.text_language));
        html.push('"');
    }
    html.push('>');
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
