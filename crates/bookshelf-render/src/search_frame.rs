//! The search results page that `serve` answers, rendered once per state of the book with
//! holes where the query and the results go.
//!
//! Rendering the page outright builds the whole shared context (link index, glossary
//! matcher, symbol map, navigation): 15–100 ms, which under many clients was most of the
//! server's CPU. A frame is made once, and each request only escapes its query and joins
//! strings.
//!
//! A theme may do with the query what a frame cannot (`{{ query | upper }}`); each frame is
//! therefore checked once against a page rendered outright, and a variant whose frame does not
//! match has none: [`SearchFrame::page`] then returns `None` and the caller renders outright.

use bookshelf_content::Book;

use crate::site::Shared;
use crate::theme::escape_html;
use crate::{RenderError, Renderer, Variant};

/// Stand-ins for the query and the results: private-use characters that nothing escapes.
const QUERY: &str = "\u{E000}bookshelf-query\u{E000}";
const RESULTS: &str = "\u{E000}bookshelf-results\u{E000}";

/// What the check renders both ways: every character the escaping changes.
const PROBE_QUERY: &str = "<em class=\"a\">it's</em> & more";
const PROBE_RESULTS: &str = "<p>Some <strong>results</strong> & more</p>";

/// One piece of a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Query,
    Results,
}

/// The served search pages of one state of the book, both variants.
#[derive(Debug, Clone)]
pub struct SearchFrame {
    standard: Option<Vec<Piece>>,
    easy: Option<Vec<Piece>>,
}

impl Renderer {
    /// Makes the search page frames for `book` (the shared context is built once, here).
    pub fn search_frame(&self, book: &Book) -> Result<SearchFrame, RenderError> {
        frames(&Shared::new(book, &self.theme)?)
    }
}

/// The frames of both variants.
pub(crate) fn frames(shared: &Shared<'_>) -> Result<SearchFrame, RenderError> {
    Ok(SearchFrame {
        standard: frame(shared, Variant::Standard)?,
        easy: frame(shared, Variant::Easy)?,
    })
}

impl SearchFrame {
    /// The search page for a (non-empty) query with its results HTML, or `None` when this
    /// variant has no frame (its theme uses the query in a way a frame cannot reproduce) or
    /// the results are empty (the template shows a different page then).
    pub fn page(&self, variant: Variant, query: &str, results_html: &str) -> Option<String> {
        let pieces = match variant {
            Variant::Standard => self.standard.as_ref()?,
            Variant::Easy => self.easy.as_ref()?,
        };
        if query.is_empty() || results_html.is_empty() {
            return None;
        }
        Some(fill(pieces, &escape_html(query), results_html))
    }
}

/// The frame of one variant, or `None` when it does not give the page rendered outright.
fn frame(shared: &Shared<'_>, variant: Variant) -> Result<Option<Vec<Piece>>, RenderError> {
    let marked = shared.search_page(variant, QUERY, RESULTS)?;
    let pieces = split(&marked);
    let expected = shared.search_page(variant, PROBE_QUERY, PROBE_RESULTS)?;
    let filled = fill(&pieces, &escape_html(PROBE_QUERY), PROBE_RESULTS);
    if filled != expected {
        tracing::debug!("the theme's search page cannot be framed: it is rendered per request");
        return Ok(None);
    }
    Ok(Some(pieces))
}

/// Cuts the page at each stand-in.
fn split(mut html: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    loop {
        let next = [(QUERY, Piece::Query), (RESULTS, Piece::Results)]
            .into_iter()
            .filter_map(|(mark, piece)| html.find(mark).map(|at| (at, mark, piece)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, mark, piece)) = next else {
            break;
        };
        if at > 0 {
            pieces.push(Piece::Text(html[..at].to_owned()));
        }
        pieces.push(piece);
        html = &html[at + mark.len()..];
    }
    if !html.is_empty() {
        pieces.push(Piece::Text(html.to_owned()));
    }
    pieces
}

fn fill(pieces: &[Piece], query: &str, results_html: &str) -> String {
    let mut out = String::with_capacity(
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(text) => text.len(),
                Piece::Query => query.len(),
                Piece::Results => results_html.len(),
            })
            .sum(),
    );
    for piece in pieces {
        out.push_str(match piece {
            Piece::Text(text) => text,
            Piece::Query => query,
            Piece::Results => results_html,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_framed_search_page_is_the_page_rendered_outright() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let book = bookshelf_content::Loader::new(&root)
            .load()
            .book
            .expect("the York bookshelf loads");
        let renderer = Renderer::new(&root).unwrap();
        let frame = renderer.search_frame(&book).unwrap();
        let results = "<h2 id=\"results-title\">1 result</h2><ol class=\"search-hits\"></ol>";
        for variant in Variant::BOTH {
            for query in [
                "ehcp",
                "co-production…",
                "<script>alert('x')</script> & \"q\"",
            ] {
                let framed = frame.page(variant, query, results);
                let outright = renderer
                    .search_page(&book, variant, query, results)
                    .unwrap();
                assert_eq!(framed.as_deref(), Some(outright.as_str()), "{query}");
            }
        }
        assert_eq!(frame.page(Variant::Standard, "", results), None);
    }

    #[test]
    fn a_page_is_cut_at_each_stand_in() {
        let html = format!("<title>{QUERY}</title><input value=\"{QUERY}\">{RESULTS}</body>");
        assert_eq!(
            split(&html),
            vec![
                Piece::Text("<title>".into()),
                Piece::Query,
                Piece::Text("</title><input value=\"".into()),
                Piece::Query,
                Piece::Text("\">".into()),
                Piece::Results,
                Piece::Text("</body>".into()),
            ]
        );
        assert_eq!(
            fill(&split(&html), "q&amp;", "<p>r</p>"),
            "<title>q&amp;</title><input value=\"q&amp;\"><p>r</p></body>"
        );
    }
}
