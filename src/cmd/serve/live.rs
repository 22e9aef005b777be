//! What `/search/?q=` needs from each language's site ([`Live`], swapped as the site changes)
//! and the route that answers it (and `search.json`) from the language's own index.

use std::sync::{Arc, OnceLock, RwLock};

use bookshelf_content::Book;
use bookshelf_render::{Prepared, Renderer, SearchFrame, Variant};
use bookshelf_serve::{DynamicRequest, DynamicResponse};

/// What the search route needs, swapped as the site changes.
pub(super) struct Live {
    pub(super) book: Option<Arc<Book>>,
    /// What the rebuild of `book` prepared for all its pages, reused by the search page and
    /// the background thread (never made again per request).
    pub(super) prepared: Option<Arc<Prepared>>,
    pub(super) renderer: Arc<Renderer>,
    pub(super) searcher: Option<Arc<bookshelf_search::Searcher>>,
    /// The results page's frame for this book and renderer, made by the first search (or
    /// the background thread) and shared by all; `None` inside if it could not be made.
    pub(super) frame: Arc<OnceLock<Option<SearchFrame>>>,
}

impl Live {
    pub(super) fn set_book(&mut self, book: Arc<Book>, prepared: Option<Arc<Prepared>>) {
        self.book = Some(book);
        self.prepared = prepared;
        self.frame = Arc::default();
    }

    pub(super) fn set_renderer(&mut self, renderer: Arc<Renderer>) {
        self.renderer = renderer;
        // Made with the old theme's templates: the next rebuild prepares anew.
        self.prepared = None;
        self.frame = Arc::default();
    }
}

/// The frame for this state of the book, made once.
pub(super) fn frame<'a>(
    cell: &'a OnceLock<Option<SearchFrame>>,
    renderer: &Renderer,
    book: &Book,
    prepared: Option<&Prepared>,
) -> Option<&'a SearchFrame> {
    cell.get_or_init(|| {
        match prepared {
            Some(p) => renderer.search_frame_with(book, p),
            None => renderer.search_frame(book),
        }
        .map_err(|e| tracing::warn!("the search page: {e}"))
        .ok()
    })
    .as_ref()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == name).then(|| decode(v))
    })
}

/// The search state of each language's site, by its folder (`""` for the source language,
/// `pl` for `/pl/`).
pub(super) type Lives = RwLock<std::collections::BTreeMap<String, Arc<RwLock<Live>>>>;

/// `/search/?q=` and `/LANG/search/?q=` (and `search.json`): the language's own index.
pub(super) fn search_route(lives: &Lives, req: &DynamicRequest) -> Option<DynamicResponse> {
    let path = req.path.trim_start_matches('/');
    let (live, path) = {
        let lives = lives.read().ok()?;
        match path
            .split_once('/')
            .and_then(|(first, rest)| Some((lives.get(first).filter(|_| !first.is_empty())?, rest)))
        {
            Some((live, rest)) => (live.clone(), rest),
            None => (lives.get("")?.clone(), path),
        }
    };
    let live = &*live;
    let (variant, rest) = match path.strip_prefix("easy-read/") {
        Some(r) => (Variant::Easy, r),
        None => (Variant::Standard, path),
    };
    let json = rest == "search.json";
    if !(json || rest == "search" || rest == "search/") {
        return None;
    }
    let q = param(&req.query, "q").unwrap_or_default();
    if q.trim().is_empty() && !json {
        return None; // the static search page
    }
    // Taken out of the lock, which a rebuild may want while the search runs.
    let (searcher, book, renderer, cell, prepared) = {
        let live = live.read().ok()?;
        let parts = (live.searcher.clone()?, live.book.clone()?);
        (
            parts.0,
            parts.1,
            live.renderer.clone(),
            live.frame.clone(),
            live.prepared.clone(),
        )
    };
    let query = bookshelf_search::Query {
        text: q.clone(),
        limit: param(&req.query, "limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(20)
            .min(100),
        variant: match variant {
            Variant::Easy => bookshelf_search::Variant::Easy,
            Variant::Standard => bookshelf_search::Variant::Standard,
        },
        level: param(&req.query, "level").filter(|s| !s.is_empty()),
        audience: param(&req.query, "audience").filter(|s| !s.is_empty()),
        kind: None,
    };
    let results = match searcher.search(&query) {
        Ok(r) => r,
        Err(e) => {
            return Some(DynamicResponse {
                status: 500,
                content_type: "text/plain; charset=utf-8".into(),
                body: crate::shell::chain(&e).into_bytes(),
            })
        }
    };
    if json {
        let body = serde_json::to_vec_pretty(&results).unwrap_or_default();
        return Some(DynamicResponse {
            status: 200,
            content_type: "application/json".into(),
            body,
        });
    }
    let to_root = if variant == Variant::Easy {
        "../../"
    } else {
        "../"
    };
    let loc = renderer.localized(&book.config.book.language).ok()?;
    let results_html =
        super::super::search::results_html(&results, &q, to_root, &loc.strings, &book.config);
    let framed = frame(&cell, &renderer, &book, prepared.as_deref())
        .and_then(|f| f.page(variant, &q, &results_html));
    let html = match (framed, &prepared) {
        (Some(html), _) => html,
        (None, Some(p)) => renderer
            .search_page_with(&book, p, variant, &q, &results_html)
            .ok()?,
        (None, None) => renderer
            .search_page(&book, variant, &q, &results_html)
            .ok()?,
    };
    Some(DynamicResponse {
        status: 200,
        content_type: "text/html; charset=utf-8".into(),
        body: html.into_bytes(),
    })
}
