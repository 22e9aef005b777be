//! Parsing a body once: its Markdown events with links resolved, pictures and documents found
//! in `content/`, and the first use of each glossary term marked, plus its plain text.

use std::collections::HashSet;

use bookshelf_content::Body;
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{Ctx, PlainText, Terms};

/// A piece of a parsed body: a Markdown event, or a part that is written differently in each
/// variant (links between pages, glossary terms).
pub(super) enum Piece<'m> {
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
pub(super) fn find_terms<'e>(
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

/// Markdown parsed once, with its links resolved and its glossary terms found: the part of
/// rendering both variants of a page share. [`Parsed::html`] writes it for one place.
pub(crate) struct Parsed<'m> {
    pub(super) pieces: Vec<Piece<'m>>,
    /// Plain text, for search and checks.
    pub text: String,
    /// Heading texts.
    pub headings: Vec<String>,
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
    pub(super) fn from_events(
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
}
