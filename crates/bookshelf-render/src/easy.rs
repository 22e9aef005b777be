//! Easy-read layout (ER1, ER2, ER5, ER11, ER20): each paragraph or list item becomes rows of
//! one sentence, a large picture on the left, and symbols above key words. Made-up easy read
//! also splits paragraphs into sentences, explains glossary words on the next row and turns
//! tables into lists.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::ideas::Idea;
use crate::markdown::{attr, escape, escape_into, Ctx, Place};
use crate::symbols::SymbolMatch;
use crate::urls::to_root;

/// How the easy-read text was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EasyMode {
    /// Written by hand (`NAME.easy.md`): keep the author's lines.
    Hand,
    /// Made from the standard page: split sentences, explain terms, flatten tables.
    Auto,
}

fn symbol_img(ctx: &Ctx<'_>, place: Place<'_>, name: &str, class: &str) -> String {
    let src = ctx.symbols.use_symbol(name);
    format!(
        "<img class=\"{class}\" src=\"{}{}\" alt=\"\" loading=\"lazy\" width=\"48\" height=\"48\">",
        to_root(place.path),
        attr(&src)
    )
}

/// Put symbols above the chosen words of a text run (`shown` are indices into `found`).
fn symbolise(
    ctx: &Ctx<'_>,
    place: Place<'_>,
    text: &str,
    found: &[SymbolMatch],
    shown: &[usize],
) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for m in shown.iter().map(|&i| &found[i]) {
        escape_into(&mut html, &text[last..m.range.start]);
        html.push_str("<span class=\"sw\">");
        html.push_str(&symbol_img(ctx, place, &m.name, "sw-i"));
        html.push_str("<span class=\"sw-t\">");
        escape_into(&mut html, &text[m.range.clone()]);
        html.push_str("</span></span>");
        last = m.range.end;
    }
    escape_into(&mut html, &text[last..]);
    html
}

/// Split a buffered run of inline events into sentences (only at the top inline level), where
/// `bookshelf_text::sentences` ends one: the ER3 rule counts the same sentences.
fn split_sentences(events: Vec<Event<'_>>) -> Vec<Vec<Event<'_>>> {
    let mut rows = vec![Vec::new()];
    let mut depth = 0usize;
    for e in events {
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match e {
            Event::Text(t) if depth == 0 => {
                let starts = bookshelf_text::sentences::starts(&t);
                let mut last = 0;
                for s in starts {
                    let part = t[last..s].trim_end().to_string();
                    rows.last_mut()
                        .expect("a row")
                        .push(Event::Text(CowStr::from(part)));
                    rows.push(Vec::new());
                    last = s;
                }
                rows.last_mut()
                    .expect("a row")
                    .push(Event::Text(CowStr::from(t[last..].to_string())));
            }
            Event::SoftBreak => rows
                .last_mut()
                .expect("a row")
                .push(Event::Text(CowStr::from(" "))),
            other => rows.last_mut().expect("a row").push(other),
        }
    }
    rows.retain(|r| {
        r.iter()
            .any(|e| !matches!(e, Event::Text(t) if t.trim().is_empty()))
    });
    rows
}

/// The slug of a glossary term link made by `term_html`.
fn term_slug(html: &str) -> Option<&str> {
    let rest = html.split("aria-describedby=\"tip-").nth(1)?;
    rest.split('"').next()
}

/// How a picture from `content/` starts ([`crate::files::image_html`]).
const CONTENT_IMG: &str = "<img class=\"content-img\"";

/// One row: picture on the left, the sentence with symbols on the right. `before` is the
/// idea of the row before, which this row's picture repeats only for the same idea.
fn row_html<'e>(
    ctx: &Ctx<'_>,
    place: Place<'_>,
    mut events: Vec<Event<'e>>,
    mode: EasyMode,
    before: &mut Option<Idea>,
    out: &mut Vec<Event<'e>>,
) {
    // An editor's picture for the line: `:name:` before its first word.
    let mut named = None;
    if let Some(Event::Text(t)) = events.first_mut() {
        let lead = t.len() - t.trim_start().len();
        if let Some((name, len)) = crate::ideas::named_idea(&t[lead..]) {
            named = Some(Idea {
                key: format!(":{name}:"),
                name: name.to_string(),
            });
            *t = CowStr::from(t[lead + len..].to_string());
        }
    }
    // Every text run's matches, chosen among together: the line's symbols and its idea.
    let found: Vec<Vec<SymbolMatch>> = events
        .iter()
        .map(|e| match e {
            Event::Text(t) => ctx.symbols.find(t),
            _ => Vec::new(),
        })
        .collect();
    let all: Vec<SymbolMatch> = found.iter().flatten().cloned().collect();
    let keep = crate::ideas::shown(&all, ctx.symbols.max_per_line());
    let idea = named.or_else(|| crate::ideas::idea(&all, before.as_ref()));
    let mut offset = 0;
    let mut inner: Vec<Event<'e>> = Vec::new();
    let mut explain: Vec<String> = Vec::new();
    let mut photo: Option<String> = None;
    for (e, found) in events.into_iter().zip(&found) {
        match e {
            Event::Text(t) => {
                let mine: Vec<usize> = keep
                    .iter()
                    .filter(|&&k| (offset..offset + found.len()).contains(&k))
                    .map(|&k| k - offset)
                    .collect();
                offset += found.len();
                inner.push(Event::InlineHtml(CowStr::from(symbolise(
                    ctx, place, &t, found, &mine,
                ))));
            }
            // The row's first picture from `content/` is its picture, in the symbol's place.
            Event::InlineHtml(h) if photo.is_none() && h.starts_with(CONTENT_IMG) => {
                photo = Some(h.replacen(CONTENT_IMG, "<img class=\"er-pic er-photo\"", 1));
            }
            Event::InlineHtml(h) => {
                if let Some(slug) = term_slug(&h) {
                    explain.push(slug.to_string());
                }
                inner.push(Event::InlineHtml(h));
            }
            other => inner.push(other),
        }
    }
    let first = idea.as_ref().and_then(|i| ctx.symbols.named(&i.name));
    if idea.is_some() {
        *before = idea;
    }
    // A row without a picture gets no empty placeholder: the stylesheet keeps its sentence in
    // line with the others. (At 10,000 made-up pages the placeholders were 43 MB of output.)
    let pic = match (photo, &first) {
        (Some(photo), _) => photo,
        (None, Some(name)) => symbol_img(ctx, place, name, "er-pic"),
        (None, None) => String::new(),
    };
    // A line that is only a picture is the picture: no empty paragraph beside it.
    let no_text = inner
        .iter()
        .all(|e| matches!(e, Event::Text(t) | Event::InlineHtml(t) if t.trim().is_empty()));
    if no_text && !pic.is_empty() {
        out.push(Event::Html(CowStr::from(format!(
            "<div class=\"er-row\">{pic}</div>\n"
        ))));
    } else {
        out.push(Event::Html(if pic.is_empty() {
            CowStr::Borrowed("<div class=\"er-row\"><p class=\"er-text\">")
        } else {
            CowStr::from(format!("<div class=\"er-row\">{pic}<p class=\"er-text\">"))
        }));
        out.extend(inner);
        out.push(Event::Html(CowStr::from("</p></div>\n")));
    }
    if mode == EasyMode::Auto {
        for slug in explain {
            if let Some(term) = ctx.book.glossary.by_slug(&slug) {
                let def = term.easy.as_deref().unwrap_or(&term.plain);
                let pic = term
                    .symbol
                    .as_deref()
                    .and_then(|s| ctx.symbols.named(s))
                    .map_or_else(String::new, |s| symbol_img(ctx, place, &s, "er-pic"));
                // One sentence a row (ER1): the term's row, then the rest of its definition.
                let lines = crate::easy_items::lines(def);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"er-row er-explain\">{pic}<p class=\"er-text\"><strong>{}</strong> means: {}</p></div>\n",
                    escape(&term.term),
                    escape(lines.first().map_or(def, String::as_str))
                ))));
                for l in lines.iter().skip(1) {
                    out.push(Event::Html(CowStr::from(format!(
                        "<div class=\"er-row er-explain\"><p class=\"er-text\">{}</p></div>\n",
                        escape(l)
                    ))));
                }
            }
        }
    }
}

/// Turn a table's events into a list, one item a row: "Heading: cell; Heading: cell".
fn table_as_list<'e>(table: Vec<Event<'e>>, out: &mut Vec<Event<'e>>) {
    let mut head: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell = String::new();
    let mut in_head = false;
    let mut row: Vec<String> = Vec::new();
    for e in table {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                head = std::mem::take(&mut row);
            }
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut cell).trim().to_string()),
            Event::End(TagEnd::TableRow) if !in_head => rows.push(std::mem::take(&mut row)),
            Event::Text(t) | Event::Code(t) => cell.push_str(&t),
            Event::InlineHtml(h) => cell.push_str(&strip_tags(&h)),
            _ => {}
        }
    }
    out.push(Event::Html(CowStr::from("<ul class=\"er-table\">\n")));
    for r in rows {
        let parts: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| match head.get(i).filter(|h| !h.is_empty()) {
                Some(h) => format!("<strong>{}</strong>: {}", escape(h), escape(c)),
                None => escape(c),
            })
            .collect();
        out.push(Event::Html(CowStr::from(format!(
            "<li>{}</li>\n",
            parts.join("<br>")
        ))));
    }
    out.push(Event::Html(CowStr::from("</ul>\n")));
}

fn strip_tags(h: &str) -> String {
    // Keep only the visible word of a term link (before its tip).
    let visible = h.split("<span class=\"term-tip\"").next().unwrap_or(h);
    let mut out = String::new();
    let mut in_tag = false;
    for c in visible.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).into_owned()
}

/// Lay out a body's events as easy-read rows.
pub(crate) fn easy_rows<'e>(
    ctx: &Ctx<'_>,
    place: Place<'_>,
    events: Vec<Event<'e>>,
    mode: EasyMode,
) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len() * 2);
    let mut before = None;
    let mut buf: Option<Vec<Event<'e>>> = None;
    let mut table: Option<Vec<Event<'e>>> = None;
    let flush =
        |buf: &mut Option<Vec<Event<'e>>>, out: &mut Vec<Event<'e>>, before: &mut Option<Idea>| {
            if let Some(b) = buf.take() {
                let rows = if mode == EasyMode::Auto {
                    split_sentences(b)
                } else {
                    vec![b]
                };
                for r in rows {
                    row_html(ctx, place, r, mode, before, out);
                }
            }
        };
    for e in events {
        if let Some(t) = table.as_mut() {
            let end = matches!(e, Event::End(TagEnd::Table));
            t.push(e);
            if end {
                let t = table.take().unwrap_or_default();
                table_as_list(t, &mut out);
            }
            continue;
        }
        match e {
            Event::Start(Tag::Table(_)) if mode == EasyMode::Auto => table = Some(vec![e]),
            Event::Start(Tag::Paragraph) => {
                flush(&mut buf, &mut out, &mut before);
                buf = Some(Vec::new());
            }
            Event::End(TagEnd::Paragraph) => flush(&mut buf, &mut out, &mut before),
            Event::Start(Tag::Item) => {
                flush(&mut buf, &mut out, &mut before);
                out.push(e);
                buf = Some(Vec::new());
            }
            Event::End(TagEnd::Item) => {
                flush(&mut buf, &mut out, &mut before);
                out.push(e);
            }
            Event::Start(Tag::List(_))
            | Event::End(TagEnd::List(_))
            | Event::Start(Tag::Heading { .. })
            | Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::BlockQuote(_))
            | Event::End(TagEnd::BlockQuote(_))
            | Event::Rule => {
                flush(&mut buf, &mut out, &mut before);
                out.push(e);
            }
            other => match buf.as_mut() {
                Some(b) => b.push(other),
                None => out.push(other),
            },
        }
    }
    flush(&mut buf, &mut out, &mut before);
    out
}
