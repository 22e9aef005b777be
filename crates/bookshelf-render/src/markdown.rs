//! Markdown to HTML for both variants: heading ids, link rewriting, glossary linking and,
//! for easy read, one idea per row with a picture beside it and symbols above key words.
//!
//! A body is parsed once (`parse.rs`: links resolved, glossary terms found) into a
//! [`Parsed`] model, then emitted (`emit.rs`) for each place it is shown: the web page of
//! each variant, and its part of the print book ([`Target`]; `print.rs` makes events print's).

mod emit;
mod parse;
mod print;

use std::collections::HashSet;

use bookshelf_content::links::LinkIndex;
use bookshelf_content::{Body, Book};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::easy::EasyMode;
use crate::symbols::SymbolMatcher;
use crate::terms::TermMatcher;
use crate::urls::Variant;

pub(crate) use emit::Target;
use parse::find_terms;
pub(crate) use parse::Parsed;

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
