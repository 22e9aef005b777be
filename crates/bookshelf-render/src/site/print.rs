//! The print book: every page, checklist and the glossary on one page per variant, written
//! part by part as the pages are rendered.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::{Job, Shared};
use crate::context::*;
use crate::markdown::{escape, Parsed, Place, Target};
use crate::urls::{file_for, site_path, Variant};
use crate::RenderError;

impl Shared<'_> {
    /// The site path of the print page of `variant`.
    pub(super) fn print_path(&self, variant: Variant) -> String {
        site_path(variant, &self.route(Job::Print(variant)))
    }

    /// The start of page `i`'s part of the print page, with room for `len` bytes of body.
    pub(super) fn print_part_head(&self, i: usize, variant: Variant, len: usize) -> String {
        let page = &self.book.pages[i];
        let title = match (variant, &page.easy) {
            (Variant::Easy, Some(e)) => &e.title,
            _ => &page.title,
        };
        Self::part_head(i + 1, title, len)
    }

    /// The start of part `n` of the print page: its section and heading.
    fn part_head(n: usize, title: &str, len: usize) -> String {
        let mut part = String::with_capacity(len + 160);
        part.push_str("<section class=\"print-part\" aria-labelledby=\"part-");
        part.push_str(&n.to_string());
        part.push_str("\"><h2 id=\"part-");
        part.push_str(&n.to_string());
        part.push_str("\">");
        part.push_str(&escape(title));
        part.push_str("</h2>\n");
        part
    }

    /// Part `n` of the print page with its heading and `inner`, written for the print page.
    fn print_part(n: usize, title: &str, inner: &str) -> String {
        let mut part = Self::part_head(n, title, inner.len());
        part.push_str(inner);
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

    /// Page `i`'s part of the print page, emitted from its parsed body (the model its web
    /// page is written from, [`Shared::body_parsed`]) for the print page: its glossary terms
    /// as plain words, its ids prefixed with the part's number, its `h2`s as `h3`s. (A full
    /// build makes the same part with the page's web page, `Parsed::html_and_print`.)
    pub(super) fn print_page_part(
        &self,
        i: usize,
        variant: Variant,
        parsed: &Parsed<'_>,
    ) -> String {
        let print_path = self.print_path(variant);
        let place = Place {
            path: &print_path,
            variant,
            skip_term: None,
            link_terms: true,
        };
        let mut part = self.print_part_head(i, variant, parsed.text.len() * 2);
        let mode = Self::body_mode(&self.book.pages[i], variant);
        let target = Target::Print { part: i + 1 };
        parsed.html_into(&self.ctx(), place, mode, target, &mut part);
        part.push_str("</section>\n");
        part
    }

    /// Page `i`'s part of the print page, parsed on its own (the incremental path).
    pub(super) fn print_page_part_alone(&self, i: usize, variant: Variant) -> String {
        self.print_page_part(i, variant, &self.body_parsed(i, variant))
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
    use std::path::Path;

    use crate::markdown::Place;
    use crate::site::Shared;
    use crate::theme::Theme;
    use crate::urls::Variant;

    /// A page with a term in its text and one inside a link, a heading with an id and a link
    /// to it, in the small fixture book. (In-page links, `#x`, are tested in `markdown::emit`.)
    const PAGE: &str = "---\ntitle: Print test\nsummary: A page for the print book.\n\
        audience: [parents]\n---\n\nAsk the SENCO.\n\n## Why it matters {#why}\n\n\
        Read [the EHCP guide](meetings.md) and [why](#why).\n";

    fn small_book() -> (tempfile::TempDir, bookshelf_content::Book) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/small");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        std::fs::write(dir.path().join("content/guides/print-test.md"), PAGE).unwrap();
        let loaded = bookshelf_content::Loader::new(dir.path()).load();
        let book = loaded.book.expect("the small book loads");
        (dir, book)
    }

    /// The print part of the test page in `variant`, its number and the page's web body.
    fn part(variant: Variant) -> (String, usize, String) {
        let (dir, book) = small_book();
        let theme = Theme::load(dir.path()).unwrap();
        let shared = Shared::new(&book, &theme).unwrap();
        let i = book
            .pages
            .iter()
            .position(|p| p.route == "guides/print-test/")
            .expect("the test page");
        let parsed = shared.body_parsed(i, variant);
        let path = crate::urls::site_path(variant, &book.pages[i].route);
        let place = Place {
            path: &path,
            variant,
            skip_term: None,
            link_terms: true,
        };
        let mode = Shared::body_mode(&book.pages[i], variant);
        let web = parsed.html(&shared.ctx(), place, mode);
        (shared.print_page_part(i, variant, &parsed), i + 1, web)
    }

    #[test]
    fn a_print_part_prints_terms_as_words_and_prefixes_its_ids() {
        let (part, n, web) = part(Variant::Standard);
        assert!(part.starts_with(&format!(
            "<section class=\"print-part\" aria-labelledby=\"part-{n}\"><h2 id=\"part-{n}\">Print test</h2>\n"
        )));
        assert!(part.ends_with("</section>\n"));
        // The web page links the term; on paper it is the word, with its expansion.
        assert!(web.contains("class=\"term-link\""), "{web}");
        assert!(part.contains(
            "<p>Ask the <abbr title=\"Special educational needs coordinator\">SENCO</abbr>.</p>"
        ));
        assert!(!part.contains("term-tip") && !part.contains("aria-describedby"));
        // A term inside a link is never linked: the link is printed as on the web.
        assert!(part.contains("<a href=\"../../guides/meetings/\">the EHCP guide</a>"));
        // The heading steps down under the part's own, its id and the link to it prefixed.
        assert!(web.contains("<h2 id=\"why\">Why it matters</h2>"), "{web}");
        assert!(part.contains(&format!("<h3 id=\"p{n}-why\">Why it matters</h3>")));
        // A link to a heading of the page goes to the page, as its web page's does.
        assert!(
            part.contains("<a href=\"../../guides/print-test/#why\">why</a>"),
            "{part}"
        );
        assert!(!part.contains(&format!("<h2 id=\"p{n}-")));
        assert!(!part.contains("<h2 id=\"why\""));
    }

    #[test]
    fn an_easy_read_print_part_keeps_its_rows_and_explains_its_terms_in_words() {
        let (part, n, web) = part(Variant::Easy);
        // The same rows as the web page, the term's explanation row among them.
        assert!(part.matches("<div class=\"er-row").count() > 1);
        assert_eq!(
            part.matches("<div class=\"er-row").count(),
            web.matches("<div class=\"er-row").count()
        );
        assert!(part.contains(
            "<div class=\"er-row er-explain\"><p class=\"er-text\"><strong>Special educational needs coordinator</strong> means:"
        ));
        assert!(web.contains("class=\"term-link\""));
        assert!(!part.contains("term-link") && !part.contains("term-tip"));
        assert!(part.contains("<abbr title=\"Special educational needs coordinator\">SENCO</abbr>"));
        assert!(part.contains(&format!("<h3 id=\"p{n}-why\">")));
    }
}
