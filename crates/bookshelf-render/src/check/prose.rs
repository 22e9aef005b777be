//! Prose taken out of a Markdown body block by block, with a map from each piece back to its
//! bytes in the file, so a finding points at the right column.

use std::ops::Range;

use bookshelf_content::Body;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Prose from a Markdown body, with where each piece came from.
pub struct Prose {
    /// The text: blocks separated by blank lines.
    pub text: String,
    /// (offset in `text`, offset in the file, length).
    map: Vec<(usize, usize, usize)>,
}

impl Prose {
    /// Take the prose out of a body (code blocks left out).
    pub fn of(body: &Body) -> Self {
        Self::of_markdown(&body.markdown, body.offset)
    }

    /// Take the prose out of Markdown that starts at byte `offset` of its file.
    pub fn of_markdown(markdown: &str, offset: usize) -> Self {
        let mut text = String::new();
        let mut map = Vec::new();
        let mut in_code = false;
        for (event, range) in
            Parser::new_ext(markdown, bookshelf_content::markdown::options()).into_offset_iter()
        {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(t) | Event::Code(t) if !in_code => {
                    // Text is a slice of the source unless it was unescaped; find it in the range.
                    let src = &markdown[range.clone()];
                    let at = src.find(&*t).map_or(range.start, |i| range.start + i);
                    map.push((text.len(), offset + at, t.len()));
                    text.push_str(&t);
                }
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
                ) => text.push_str("\n\n"),
                _ => {}
            }
        }
        Self { text, map }
    }

    /// The file range of a prose range.
    pub fn source(&self, range: &Range<usize>) -> Range<usize> {
        let find = |p: usize| {
            let i = self
                .map
                .partition_point(|(start, _, _)| *start <= p)
                .saturating_sub(1);
            self.map
                .get(i)
                .map_or(0, |(start, src, len)| src + (p - start).min(*len))
        };
        let s = find(range.start);
        let e = find(range.end.saturating_sub(1)) + 1;
        s..e.max(s + 1)
    }
}
