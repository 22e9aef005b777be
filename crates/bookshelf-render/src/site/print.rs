//! The print book: every page, checklist and the glossary on one page per variant, written
//! part by part as the pages are rendered.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::{Job, Shared};
use crate::context::*;
use crate::markdown::escape;
use crate::urls::{file_for, site_path, to_root, Variant};
use crate::RenderError;

impl Shared<'_> {
    /// One part of the print page: its heading and body, with ids made unique.
    pub(super) fn print_part(n: usize, title: &str, inner: &str) -> String {
        let inner = strip_term_tips(inner);
        let mut part = format!(
            "<section class=\"print-part\" aria-labelledby=\"part-{n}\"><h2 id=\"part-{n}\">{}</h2>\n",
            escape(title)
        );
        // The body is copied once, into the part (the print pages hold every page's body).
        part.reserve(inner.len() + inner.len() / 16 + 11);
        prefix_ids_into(&mut part, &inner, &format!("p{n}-"));
        part.push_str("</section>\n");
        part
    }

    /// The print page of a variant, split where the parts go.
    pub(crate) fn print_frame(&self, variant: Variant) -> Result<(String, String), RenderError> {
        const MARK: &str = "<!--bookshelf:print-parts-->";
        let job = Job::Print(variant);
        let path = site_path(variant, &self.route(job));
        let mut c = self.base_context(job, variant, &path, "", "print");
        c.insert(
            "page",
            &PageCtx {
                title: self
                    .loc
                    .strings
                    .fill("print_title", &[("title", &self.book.config.book.title)]),
                summary: Some(self.t("print_summary").into()),
                html: MARK.into(),
                ..Default::default()
            },
        );
        let page = self.render_template("print.html", &c)?;
        // The parts are written where the template shows the body: it must do so once, as it
        // is, or the parts would land outside the page.
        match page.split_once(MARK) {
            Some((head, tail)) if !tail.contains(MARK) => Ok((head.to_string(), tail.to_string())),
            _ => Err(self.theme.error_at(
                "print.html",
                "the print page shows every page where the template has \
                 `{{ page.html | safe }}`; write it there once, without other filters",
                "page.html",
            )),
        }
    }

    /// Page `i`'s part of the print page. `body` is the page's body as rendered at
    /// `page_path`; it is used as it is when the page sits as deep as the print page (its
    /// relative links then work there too), and rendered again for the print page if not.
    pub(super) fn print_page_part(
        &self,
        i: usize,
        variant: Variant,
        page_path: &str,
        body: &str,
    ) -> String {
        let page = &self.book.pages[i];
        let print_path = site_path(variant, &self.route(Job::Print(variant)));
        let title = match (variant, &page.easy) {
            (Variant::Easy, Some(e)) => &e.title,
            _ => &page.title,
        };
        if to_root(page_path) == to_root(&print_path) {
            Self::print_part(i + 1, title, body)
        } else {
            let (body, ..) = self.page_body(page, variant, &print_path, None);
            Self::print_part(i + 1, title, &body.html)
        }
    }

    /// Page `i`'s part of the print page, rendered on its own.
    pub(super) fn print_page_part_alone(&self, i: usize, variant: Variant) -> String {
        let page = &self.book.pages[i];
        let path = site_path(variant, &page.route);
        let (body, ..) = self.page_body(page, variant, &path, None);
        self.print_page_part(i, variant, &path, &body.html)
    }

    /// The parts after the pages: every checklist, then the glossary.
    pub(super) fn print_end_parts(&self, variant: Variant) -> String {
        let path = site_path(variant, &self.route(Job::Print(variant)));
        let mut out = String::new();
        let mut n = self.book.pages.len();
        for cl in &self.book.checklists {
            let mut inner = format!("<p>{}</p>", escape(&cl.summary));
            for s in &cl.sections {
                inner.push_str(&format!(
                    "<h3>{}</h3><ul class=\"print-boxes\">",
                    escape(&s.title)
                ));
                for it in &s.items {
                    inner.push_str(&format!("<li>{}</li>", escape(&it.text)));
                }
                inner.push_str("</ul>");
            }
            n += 1;
            out.push_str(&Self::print_part(n, &cl.title, &inner));
        }
        let mut gl = String::from("<dl>");
        for i in 0..self.book.glossary.terms.len() {
            let t = self.term_ctx(i, variant, &path, false);
            gl.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>",
                escape(&t.term),
                escape(&t.definition)
            ));
        }
        gl.push_str("</dl>");
        out.push_str(&Self::print_part(n + 1, self.t("print_glossary"), &gl));
        out
    }

    /// Write the whole-book print page to `file` on its own (the incremental path), streaming
    /// it part by part: the parts are rendered in parallel a chunk at a time, so memory stays
    /// small on big books. A full build writes the same bytes from its page jobs instead
    /// (`outputs::PrintBook`).
    pub(crate) fn write_print(&self, variant: Variant, file: &Path) -> Result<(), RenderError> {
        let mut w = PrintWriter::create(self, variant, file)?;
        let pages = self.book.pages.len();
        for start in (0..pages).step_by(256) {
            let parts: Vec<String> = (start..(start + 256).min(pages))
                .into_par_iter()
                .map(|i| self.print_page_part_alone(i, variant))
                .collect();
            for part in parts {
                w.write(&part)?;
            }
        }
        w.finish()
    }
}

/// A print page being written: its head is out, the parts follow in order, then the tail.
struct PrintWriter {
    file: std::path::PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    /// The parts after the pages (checklists, glossary) and the page's end. Made up front:
    /// in a full build the writer is idle then, and the build need not wait for them after
    /// its last page.
    tail: String,
}

impl PrintWriter {
    fn create(shared: &Shared<'_>, variant: Variant, file: &Path) -> Result<Self, RenderError> {
        let (head, end) = shared.print_frame(variant)?;
        let mut tail = shared.print_end_parts(variant);
        tail.push_str(&end);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| RenderError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        let out = std::fs::File::create(file).map_err(|e| RenderError::Io {
            path: file.to_path_buf(),
            source: e,
        })?;
        let mut w = Self {
            file: file.to_path_buf(),
            out: std::io::BufWriter::with_capacity(1 << 20, out),
            tail,
        };
        w.write(&head)?;
        Ok(w)
    }

    fn write(&mut self, text: &str) -> Result<(), RenderError> {
        use std::io::Write;
        self.out
            .write_all(text.as_bytes())
            .map_err(|e| RenderError::Io {
                path: self.file.clone(),
                source: e,
            })
    }

    fn finish(mut self) -> Result<(), RenderError> {
        use std::io::Write;
        let tail = std::mem::take(&mut self.tail);
        self.write(&tail)?;
        self.out.flush().map_err(|e| RenderError::Io {
            path: self.file.clone(),
            source: e,
        })
    }
}

/// A page body without its glossary links and tips (see `markdown::term_html`): on paper the
/// word is printed as it is, and the glossary is printed at the end.
fn strip_term_tips(html: &str) -> std::borrow::Cow<'_, str> {
    use memchr::memmem::Finder;
    const OPEN: &str = "<span class=\"term\"><a class=\"term-link\" ";
    const TIP: &str = "</a><span class=\"term-tip\" ";
    const CLOSE: &str = "</span></span>";
    // Built once: the print pages strip every page body of both variants.
    static FINDERS: std::sync::OnceLock<[Finder<'static>; 3]> = std::sync::OnceLock::new();
    let [open, tip, close] =
        FINDERS.get_or_init(|| [Finder::new(OPEN), Finder::new(TIP), Finder::new(CLOSE)]);
    if open.find(html.as_bytes()).is_none() {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = open.find(rest.as_bytes()) {
        let after = &rest[at + OPEN.len()..];
        let (Some(word), Some(t)) = (after.find('>'), tip.find(after.as_bytes())) else {
            break;
        };
        let Some(c) = close.find(&after.as_bytes()[t..]) else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push_str(&after[word + 1..t]);
        rest = &after[t + c + CLOSE.len()..];
    }
    out.push_str(rest);
    out.into()
}

/// A page body as a part of the print page: its ids and in-page links get `prefix`, so they
/// stay unique beside the other pages', and its `h2` headings become `h3` under the part's own.
#[cfg(test)]
fn prefix_ids(html: &str, prefix: &str) -> String {
    let mut out = String::new();
    prefix_ids_into(&mut out, html, prefix);
    out
}

/// [`prefix_ids`], written at the end of `out`.
fn prefix_ids_into(out: &mut String, html: &str, prefix: &str) {
    use memchr::memmem::Finder;
    const PATTERNS: [&str; 5] = [" id=\"", "href=\"#", "aria-describedby=\"", "<h2", "</h2>"];
    // One fast pass per pattern (each is rare in the text) instead of one slow pass for all:
    // no two patterns can match at the same place, so the matches merge by position.
    static FINDERS: std::sync::OnceLock<Vec<Finder<'static>>> = std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| PATTERNS.iter().map(Finder::new).collect());
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (k, f) in finders.iter().enumerate() {
        found.extend(f.find_iter(html.as_bytes()).map(|at| (at, k)));
    }
    found.sort_unstable();
    out.reserve(html.len() + found.len() * (prefix.len() + 1));
    let mut last = 0;
    for (at, k) in found {
        out.push_str(&html[last..at]);
        match k {
            3 => out.push_str("<h3"),
            4 => out.push_str("</h3>"),
            _ => {
                out.push_str(PATTERNS[k]);
                out.push_str(prefix);
            }
        }
        last = at + PATTERNS[k].len();
    }
    out.push_str(&html[last..]);
}

/// The print pages' writer: creates each variant's print page, writes the page parts it is
/// handed in page order (holding those that come early), then the end parts and the tail.
pub(super) fn write_print_parts(
    shared: &Shared<'_>,
    out: &Path,
    printed: &[Variant],
    parts: std::sync::mpsc::Receiver<(Variant, usize, String)>,
) -> Result<(), RenderError> {
    let mut files = Vec::new();
    for &v in printed {
        let file = out.join(file_for(&site_path(v, &shared.route(Job::Print(v)))));
        files.push((
            v,
            PrintWriter::create(shared, v, &file)?,
            0usize,
            BTreeMap::new(),
        ));
    }
    for (v, i, part) in parts {
        let Some((_, w, due, waiting)) = files.iter_mut().find(|f| f.0 == v) else {
            continue;
        };
        waiting.insert(i, part);
        while let Some(part) = waiting.remove(due) {
            w.write(&part)?;
            *due += 1;
        }
    }
    for (_, w, ..) in files {
        w.finish()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{prefix_ids, prefix_ids_into, strip_term_tips};

    #[test]
    fn print_parts_prefix_ids_and_links_and_step_headings_down() {
        let html = "<h2 id=\"why\">Why</h2>\n<p>See <a href=\"#why\">why</a> and \
                    <a href=\"../x/#y\">x</a>, <span aria-describedby=\"tip-a\">a</span>.</p>\n\
                    <h3 id=\"more\">More</h3><p data-id=\"k\">&quot; id=&quot;</p>";
        assert_eq!(
            prefix_ids(html, "p7-"),
            "<h3 id=\"p7-why\">Why</h3>\n<p>See <a href=\"#p7-why\">why</a> and \
             <a href=\"../x/#y\">x</a>, <span aria-describedby=\"p7-tip-a\">a</span>.</p>\n\
             <h3 id=\"p7-more\">More</h3><p data-id=\"k\">&quot; id=&quot;</p>"
        );
        assert_eq!(prefix_ids("<p>Plain.</p>", "p1-"), "<p>Plain.</p>");
        let mut out = String::from("<section>");
        prefix_ids_into(&mut out, "<h2 id=\"a\">A</h2>", "p2-");
        assert_eq!(out, "<section><h3 id=\"p2-a\">A</h3>");
    }

    #[test]
    fn print_keeps_the_term_words_and_drops_their_tips() {
        let tip = |word: &str, def: &str| {
            format!(
                "<span class=\"term\"><a class=\"term-link\" href=\"../g/x/\" aria-describedby=\"tip-x\">{word}</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-x\">{def}</span></span>"
            )
        };
        let html = format!(
            "<p>Ask for an {} before the {}.</p>",
            tip(
                "<abbr title=\"Education, Health and Care plan\">EHCP</abbr>",
                "<strong>EHCP</strong>: A plan."
            ),
            tip("annual review", "A meeting once a year.")
        );
        assert_eq!(
            strip_term_tips(&html),
            "<p>Ask for an <abbr title=\"Education, Health and Care plan\">EHCP</abbr> before the annual review.</p>"
        );
        // Nothing to strip: the text is borrowed as it is.
        assert!(matches!(
            strip_term_tips("<p>No terms.</p>"),
            std::borrow::Cow::Borrowed("<p>No terms.</p>")
        ));
        // A broken tip is left as written rather than cut short.
        let broken = "<p><span class=\"term\"><a class=\"term-link\" href=\"x\">word</a></p>";
        assert_eq!(strip_term_tips(broken), broken);
    }
}
