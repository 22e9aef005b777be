//! Markdown to HTML for both variants: heading ids, link rewriting, glossary linking and,
//! for easy read, one idea per row with a picture beside it and symbols above key words.

use std::collections::HashSet;

use bookshelf_content::links::LinkIndex;
use bookshelf_content::{Body, Book};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::easy::{easy_rows, EasyMode};
use crate::symbols::SymbolMatcher;
use crate::terms::TermMatcher;
use crate::urls::{site_path, to_root, Variant};

/// What the page renderer needs to turn Markdown into HTML.
pub struct Ctx<'a> {
    /// The book.
    pub book: &'a Book,
    /// Where links go.
    pub links: &'a LinkIndex,
    /// Glossary names.
    pub terms: &'a TermMatcher,
    /// Symbol names.
    pub symbols: &'a SymbolMatcher,
}

/// One body rendered.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Plain text, for search and checks.
    pub text: String,
    /// Heading texts.
    pub headings: Vec<String>,
    /// Glossary terms linked on this page, by index.
    pub terms: Vec<usize>,
}

/// Where on the site the HTML will live, so links can be written relative to it.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
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
    html_escape::encode_text(s).into_owned()
}

pub(crate) fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
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
    let href = format!(
        "{}{}",
        to_root(place.path),
        site_path(place.variant, &term.route)
    );
    let def = match (place.variant, &term.easy) {
        (Variant::Easy, Some(easy)) => easy.as_str(),
        _ => term.plain.as_str(),
    };
    let id = format!("tip-{}", term.slug);
    let word = if abbreviation {
        format!(
            "<abbr title=\"{}\">{}</abbr>",
            attr(&term.term),
            escape(shown)
        )
    } else {
        escape(shown)
    };
    let lead = if abbreviation || !shown.eq_ignore_ascii_case(&term.term) {
        format!("<strong>{}</strong>: ", escape(&term.term))
    } else {
        String::new()
    };
    format!(
        "<span class=\"term\"><a class=\"term-link\" href=\"{href}\" aria-describedby=\"{id}\">{word}</a><span class=\"term-tip\" role=\"tooltip\" id=\"{id}\">{lead}{}</span></span>",
        escape(def)
    )
}

/// Replace glossary names in `text` by links, once per term per page.
fn link_terms<'e>(
    ctx: &Ctx<'_>,
    place: Place<'_>,
    cow: CowStr<'e>,
    used: &mut HashSet<usize>,
    out: &mut Vec<Event<'e>>,
) {
    let found = if place.link_terms {
        ctx.terms.find(&cow)
    } else {
        Vec::new()
    };
    if found
        .iter()
        .all(|m| Some(m.term) == place.skip_term || used.contains(&m.term))
    {
        // Nothing new to link: keep the text as it is, without copying it.
        out.push(Event::Text(cow));
        return;
    }
    let text: &str = &cow;
    let mut last = 0;
    for m in found {
        if Some(m.term) == place.skip_term || used.contains(&m.term) {
            continue;
        }
        used.insert(m.term);
        if m.start > last {
            out.push(Event::Text(CowStr::from(text[last..m.start].to_string())));
        }
        out.push(Event::InlineHtml(CowStr::from(term_html(
            ctx,
            place,
            m.term,
            &text[m.start..m.end],
            m.abbreviation,
        ))));
        last = m.end;
    }
    if last < text.len() {
        out.push(Event::Text(CowStr::from(text[last..].to_string())));
    }
}

/// Plain text (no Markdown in it) as HTML with its glossary terms linked, once per page.
pub(crate) fn link_plain(
    ctx: &Ctx<'_>,
    place: Place<'_>,
    text: &str,
    used: &mut HashSet<usize>,
) -> String {
    let mut events = Vec::new();
    link_terms(ctx, place, CowStr::from(text), used, &mut events);
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Render a page body.
pub fn render_body(ctx: &Ctx<'_>, body: &Body, place: Place<'_>, mode: EasyMode) -> Rendered {
    render_markdown(ctx, &body.markdown, Some(body), place, mode)
}

/// Render Markdown that may not be a page body (glossary `more`), links relative to `content/`.
pub fn render_markdown(
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
pub fn render_markdown_sharing(
    ctx: &Ctx<'_>,
    markdown: &str,
    body: Option<&Body>,
    place: Place<'_>,
    mode: EasyMode,
    used: &mut HashSet<usize>,
) -> Rendered {
    let from = body.map_or_else(
        || std::path::PathBuf::from("content/glossary.yaml"),
        |b| b.path.clone(),
    );
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut rendered = Rendered::default();
    let before: HashSet<usize> = used.clone();
    let mut heading_index = 0;
    let mut in_heading = false;
    let mut heading_text = String::new();
    let mut link_depth = 0usize;
    let mut in_code = false;
    // Only Markdown without a page body (glossary `more`) makes its own heading ids.
    let mut ids: Option<bookshelf_content::slug::UniqueIds> = None;
    for event in Parser::new_ext(markdown, bookshelf_content::markdown::options()) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                in_heading = true;
                heading_text.clear();
                let id = match body.and_then(|b| b.headings.get(heading_index)) {
                    Some(h) => h.id.clone(),
                    None => ids
                        .get_or_insert_with(bookshelf_content::markdown::page_ids)
                        .unique(&id.map(|s| s.to_string()).unwrap_or_default()),
                };
                heading_index += 1;
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(l)) => {
                in_heading = false;
                rendered.headings.push(heading_text.trim().to_string());
                rendered.text.push('\n');
                out.push(Event::End(TagEnd::Heading(l)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                let dest = match ctx.links.resolve(&from, &dest_url) {
                    Ok(Some(r)) => {
                        let mut url = format!(
                            "{}{}",
                            to_root(place.path),
                            site_path(place.variant, &r.route)
                        );
                        if let Some(f) = r.fragment {
                            url.push('#');
                            url.push_str(&f);
                        }
                        if url.is_empty() {
                            url = "./".into();
                        }
                        CowStr::from(url)
                    }
                    _ => dest_url,
                };
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::CodeBlock(k)) => {
                in_code = true;
                out.push(Event::Start(Tag::CodeBlock(k)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Text(t) => {
                rendered.text.push_str(&t);
                if in_heading {
                    heading_text.push_str(&t);
                }
                if in_heading || link_depth > 0 || in_code {
                    out.push(Event::Text(t));
                } else {
                    link_terms(ctx, place, t, used, &mut out);
                }
            }
            Event::Code(c) => {
                rendered.text.push_str(&c);
                if in_heading {
                    heading_text.push_str(&c);
                }
                out.push(Event::Code(c));
            }
            Event::SoftBreak | Event::HardBreak => {
                rendered.text.push(' ');
                out.push(event);
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableRow) => {
                rendered.text.push('\n');
                out.push(event);
            }
            other => out.push(other),
        }
    }
    let events = match (place.variant, mode) {
        (Variant::Standard, _) => out,
        (Variant::Easy, mode) => easy_rows(ctx, place, out, mode, used),
    };
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    rendered.html = html;
    let mut terms: Vec<usize> = used.difference(&before).copied().collect();
    terms.sort_unstable();
    rendered.terms = terms;
    rendered
}
