//! Markdown to HTML for both variants: heading ids, link rewriting, glossary linking and,
//! for easy read, one idea per row with a picture beside it and symbols above key words.

use std::collections::HashSet;

use bookshelf_content::links::LinkIndex;
use bookshelf_content::{Body, Book};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::easy::{easy_rows, EasyMode};
use crate::symbols::SymbolMatcher;
use crate::terms::TermMatcher;
use crate::urls::{relative, Variant};

/// What the page renderer needs to turn Markdown into HTML.
pub(crate) struct Ctx<'a> {
    /// The book.
    pub book: &'a Book,
    /// Where links go.
    pub links: &'a LinkIndex,
    /// Glossary names.
    pub terms: &'a TermMatcher,
    /// Symbol names.
    pub symbols: &'a SymbolMatcher,
    /// The interface strings (a document link's type and size).
    pub strings: &'a crate::i18n::Strings,
}

/// One body rendered.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rendered {
    /// The HTML.
    pub html: String,
    /// Plain text, for search and checks.
    pub text: String,
    /// Heading texts.
    pub headings: Vec<String>,
}

/// Where on the site the HTML will live, so links can be written relative to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// The site path of the page (`easy-read/guides/x/`).
    pub path: &'a str,
    /// The variant.
    pub variant: Variant,
    /// A glossary term not to link (on that term's own page).
    pub skip_term: Option<usize>,
    /// Link glossary terms (not on paper: the print page leaves them as words).
    pub link_terms: bool,
}

pub(crate) fn escape(s: &str) -> String {
    bookshelf_text::html::escape_text(s)
}

/// [`escape`], written at the end of `out`.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    // `&`, `<` and `>`, as in HTML text.
    bookshelf_text::html::escape_text_into(out, s);
}

pub(crate) fn attr(s: &str) -> String {
    bookshelf_text::html::escape_attr(s)
}

/// The HTML for a glossary term's first use: a link with its plain definition as a tip.
pub(crate) fn term_html(
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

/// A piece of a parsed body: a Markdown event, or a part that is written differently in each
/// variant (links between pages, glossary terms).
enum Piece<'m> {
    Event(Event<'m>),
    /// A link to a page of the book, written relative to the page.
    Link {
        link_type: pulldown_cmark::LinkType,
        route: String,
        fragment: Option<String>,
        title: CowStr<'m>,
        id: CowStr<'m>,
    },
    /// A picture from `content/`, shown with its size ([`crate::files::image_html`]).
    Image {
        asset: std::sync::Arc<bookshelf_content::assets::Asset>,
        alt: String,
    },
    /// A link to a document or picture in `content/`, written relative to the page.
    FileLink {
        link_type: pulldown_cmark::LinkType,
        rel: String,
        title: CowStr<'m>,
        id: CowStr<'m>,
    },
    /// After a link to a document: its type and size.
    FileMeta(String),
    /// A glossary term's first use on the page.
    Term {
        index: usize,
        shown: String,
        abbreviation: bool,
    },
}

/// Find glossary names in `text`, keeping the first use of each term on the page.
fn find_terms<'e>(
    ctx: &Ctx<'_>,
    terms: Terms,
    cow: CowStr<'e>,
    used: &mut HashSet<usize>,
    out: &mut Vec<Piece<'e>>,
) {
    let Terms::Link { skip: skip_term } = terms else {
        out.push(Piece::Event(Event::Text(cow)));
        return;
    };
    let found = ctx.terms.find(&cow);
    if found
        .iter()
        .all(|m| Some(m.term) == skip_term || used.contains(&m.term))
    {
        // Nothing new to link: keep the text as it is, without copying it.
        out.push(Piece::Event(Event::Text(cow)));
        return;
    }
    let text: &str = &cow;
    let mut last = 0;
    for m in found {
        if Some(m.term) == skip_term || used.contains(&m.term) {
            continue;
        }
        used.insert(m.term);
        if m.start > last {
            out.push(Piece::Event(Event::Text(CowStr::from(
                text[last..m.start].to_string(),
            ))));
        }
        out.push(Piece::Term {
            index: m.term,
            shown: text[m.start..m.end].to_string(),
            abbreviation: m.abbreviation,
        });
        last = m.end;
    }
    if last < text.len() {
        out.push(Piece::Event(Event::Text(CowStr::from(
            text[last..].to_string(),
        ))));
    }
}

/// Which glossary terms a body links.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Terms {
    /// None (on paper the print page leaves them as words).
    None,
    /// Each term's first use, but `skip` (on that term's own page).
    Link { skip: Option<usize> },
}

impl Place<'_> {
    fn terms(&self) -> Terms {
        if self.link_terms {
            Terms::Link {
                skip: self.skip_term,
            }
        } else {
            Terms::None
        }
    }
}

/// Plain text (no Markdown in it) as HTML with its glossary terms linked, once per page.
pub(crate) fn link_plain(
    ctx: &Ctx<'_>,
    place: Place<'_>,
    text: &str,
    used: &mut HashSet<usize>,
) -> String {
    let mut pieces = Vec::new();
    find_terms(ctx, place.terms(), CowStr::from(text), used, &mut pieces);
    let mut html = String::with_capacity(text.len() + 16);
    let events = pieces.iter().map(|p| p.event(ctx, place));
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Render a page body.
pub(crate) fn render_body(
    ctx: &Ctx<'_>,
    body: &Body,
    place: Place<'_>,
    mode: EasyMode,
) -> Rendered {
    render_markdown(ctx, &body.markdown, Some(body), place, mode)
}

/// Render Markdown that may not be a page body (glossary `more`), links relative to `content/`.
pub(crate) fn render_markdown(
    ctx: &Ctx<'_>,
    markdown: &str,
    body: Option<&Body>,
    place: Place<'_>,
    mode: EasyMode,
) -> Rendered {
    render_markdown_sharing(ctx, markdown, body, place, mode, &mut HashSet::new())
}

/// Render Markdown that is one of several fragments of a page (checklist items): `used` holds
/// the glossary terms already linked on the page, so each is linked once per page.
pub(crate) fn render_markdown_sharing(
    ctx: &Ctx<'_>,
    markdown: &str,
    body: Option<&Body>,
    place: Place<'_>,
    mode: EasyMode,
    used: &mut HashSet<usize>,
) -> Rendered {
    let parsed = Parsed::new(ctx, markdown, body, place.terms(), used);
    let html = parsed.html(ctx, place, mode);
    Rendered {
        html,
        text: parsed.text,
        headings: parsed.headings,
    }
}

/// Render one line of inline Markdown (a checklist item's `text`) as one paragraph: block
/// syntax (`# `, `- `, `> `, a code block) keeps its words but not its blocks, so the item's
/// label holds phrasing content only, and raw HTML (refused when the book is read) is left out.
pub(crate) fn render_inline_sharing(
    ctx: &Ctx<'_>,
    markdown: &str,
    place: Place<'_>,
    used: &mut HashSet<usize>,
) -> Rendered {
    let mut events = vec![Event::Start(Tag::Paragraph)];
    let mut gap = false;
    for event in Parser::new_ext(markdown, bookshelf_content::markdown::options()) {
        let inline = match &event {
            Event::Start(t) => !is_block(t),
            Event::End(t) => !is_block_end(*t),
            Event::Text(_) | Event::Code(_) => true,
            Event::SoftBreak | Event::HardBreak => {
                gap = true;
                false
            }
            // Raw HTML, rules, task markers, footnote references.
            _ => false,
        };
        if matches!(event, Event::End(t) if is_block_end(t)) {
            gap = true;
        }
        if inline {
            if std::mem::take(&mut gap) && events.len() > 1 {
                events.push(Event::Text(CowStr::Borrowed(" ")));
            }
            events.push(event);
        }
    }
    events.push(Event::End(TagEnd::Paragraph));
    let parsed = Parsed::from_events(ctx, events, None, place.terms(), used);
    Rendered {
        html: parsed.html(ctx, place, EasyMode::Hand),
        text: parsed.text,
        headings: parsed.headings,
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// The plain text of Markdown as search and the checks see it, gathered event by event:
/// a line per paragraph, list item, table row and heading.
#[derive(Default)]
struct PlainText {
    text: String,
    headings: Vec<String>,
    /// The text of the heading being read.
    heading: Option<String>,
}

impl PlainText {
    fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = self.heading.take() {
                    self.headings.push(h.trim().to_string());
                }
                self.text.push('\n');
            }
            Event::Text(t) | Event::Code(t) => {
                self.text.push_str(t);
                if let Some(h) = self.heading.as_mut() {
                    h.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow) => self.text.push('\n'),
            _ => {}
        }
    }
}

/// The plain text and heading texts of Markdown, as [`Parsed`] has them, without rendering.
pub(crate) fn plain_text(markdown: &str) -> (String, Vec<String>) {
    let mut plain = PlainText::default();
    for event in Parser::new_ext(markdown, bookshelf_content::markdown::options()) {
        plain.see(&event);
    }
    (plain.text, plain.headings)
}

/// Markdown parsed once, with its links resolved and its glossary terms found: the part of
/// rendering both variants of a page share. [`Parsed::html`] writes it for one place.
pub(crate) struct Parsed<'m> {
    pieces: Vec<Piece<'m>>,
    /// Plain text, for search and checks.
    pub text: String,
    /// Heading texts.
    pub headings: Vec<String>,
}

impl<'m> Piece<'m> {
    /// The event this piece is at `place`.
    fn event(&self, ctx: &Ctx<'_>, place: Place<'_>) -> Event<'m> {
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
    /// Parse `markdown` (a page `body`, or a fragment without one: links are then relative to
    /// `content/`), linking the glossary `terms` not in `used` yet.
    pub(crate) fn new(
        ctx: &Ctx<'_>,
        markdown: &'m str,
        body: Option<&Body>,
        terms: Terms,
        used: &mut HashSet<usize>,
    ) -> Self {
        let events = Parser::new_ext(markdown, bookshelf_content::markdown::options())
            // Allow comments are notes to editors, not part of the page.
            .filter(|e| !matches!(e, Event::Html(h) | Event::InlineHtml(h) if bookshelf_content::allow::is_allow_comment(h)));
        Self::from_events(ctx, events, body, terms, used)
    }

    /// [`Parsed::new`] from Markdown events.
    fn from_events(
        ctx: &Ctx<'_>,
        events: impl IntoIterator<Item = Event<'m>>,
        body: Option<&Body>,
        terms: Terms,
        used: &mut HashSet<usize>,
    ) -> Self {
        let from = body.map_or_else(
            || std::path::PathBuf::from("content/glossary.yaml"),
            |b| b.path.clone(),
        );
        let mut out: Vec<Piece<'m>> = Vec::new();
        let mut plain = PlainText::default();
        let mut heading_index = 0;
        let mut link_depth = 0usize;
        // For each open link, the type and size to say after it (a link to a document).
        let mut link_meta: Vec<Option<String>> = Vec::new();
        // A picture being read: its file and the alt text so far.
        let mut image: Option<(std::sync::Arc<bookshelf_content::assets::Asset>, String)> = None;
        let mut in_code = false;
        // Only Markdown without a page body (glossary `more`) makes its own heading ids.
        let mut ids: Option<bookshelf_content::slug::UniqueIds> = None;
        for event in events {
            if let Some((_, alt)) = image.as_mut() {
                // The picture's alt text is its own, not the page's text.
                match event {
                    Event::End(TagEnd::Image) => {
                        let (asset, alt) = image.take().expect("checked above");
                        out.push(Piece::Image { asset, alt });
                    }
                    Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                    _ => {}
                }
                continue;
            }
            plain.see(&event);
            match event {
                Event::Start(Tag::Image { ref dest_url, .. })
                    if matches!(ctx.links.file(&from, dest_url), Some(Ok(_))) =>
                {
                    if let Some(Ok(asset)) = ctx.links.file(&from, dest_url) {
                        let asset = ctx
                            .book
                            .assets
                            .get(&asset.rel)
                            .cloned()
                            .unwrap_or_else(|| std::sync::Arc::new(asset.clone()));
                        image = Some((asset, String::new()));
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) if matches!(ctx.links.file(&from, &dest_url), Some(Ok(_))) => {
                    link_depth += 1;
                    let Some(Ok(asset)) = ctx.links.file(&from, &dest_url) else {
                        unreachable!("matched above")
                    };
                    // The book's own record of the file, as the pages see it now.
                    let asset = ctx.book.assets.get(&asset.rel).map_or(asset, |a| &**a);
                    link_meta.push(Some(crate::files::document_meta_html(ctx.strings, asset)));
                    out.push(Piece::FileLink {
                        link_type,
                        rel: asset.rel.clone(),
                        title,
                        id,
                    });
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let id = match body.and_then(|b| b.headings.get(heading_index)) {
                        Some(h) => h.id.clone(),
                        None => ids
                            .get_or_insert_with(bookshelf_content::markdown::page_ids)
                            .unique(&id.map(|s| s.to_string()).unwrap_or_default()),
                    };
                    heading_index += 1;
                    out.push(Piece::Event(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    })));
                }
                Event::End(TagEnd::Heading(l)) => {
                    out.push(Piece::Event(Event::End(TagEnd::Heading(l))));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    link_depth += 1;
                    link_meta.push(None);
                    out.push(match ctx.links.resolve(&from, &dest_url) {
                        Ok(Some(r)) => Piece::Link {
                            link_type,
                            route: r.route,
                            fragment: r.fragment,
                            title,
                            id,
                        },
                        _ => Piece::Event(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        })),
                    });
                }
                Event::End(TagEnd::Link) => {
                    link_depth = link_depth.saturating_sub(1);
                    out.push(Piece::Event(Event::End(TagEnd::Link)));
                    if let Some(Some(meta)) = link_meta.pop() {
                        if !meta.is_empty() {
                            out.push(Piece::FileMeta(meta));
                        }
                    }
                }
                Event::Start(Tag::CodeBlock(k)) => {
                    in_code = true;
                    out.push(Piece::Event(Event::Start(Tag::CodeBlock(k))));
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    out.push(Piece::Event(Event::End(TagEnd::CodeBlock)));
                }
                Event::Text(t) => {
                    if plain.heading.is_some() || link_depth > 0 || in_code {
                        out.push(Piece::Event(Event::Text(t)));
                    } else {
                        find_terms(ctx, terms, t, used, &mut out);
                    }
                }
                other => out.push(Piece::Event(other)),
            }
        }
        Parsed {
            pieces: out,
            text: plain.text,
            headings: plain.headings,
        }
    }

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
        let events: Vec<Event<'m>> = self.pieces.iter().map(|p| p.event(ctx, place)).collect();
        let events = match place.variant {
            Variant::Standard => events,
            Variant::Easy => easy_rows(ctx, place, events, mode),
        };
        let mut html = String::with_capacity(self.text.len() * 2 + 64);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }
}
