//! One benchmark run: for each page count, generate the corpora, run the builds, the search
//! figures and the edits, and turn them into table rows.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::builds::{self, Corpora};
use crate::corpus::{self, Format};
use crate::report::{Cell, Row, Unit};
use crate::rows;
use crate::serve;
use crate::stats::Summary;
use crate::tools::{Tool, Tools};

/// What the command line asked for.
pub(crate) struct Options {
    pub(crate) pages: Vec<usize>,
    pub(crate) runs: usize,
    pub(crate) edits: usize,
    pub(crate) mdbook_max_pages: usize,
    pub(crate) timeout: Duration,
    pub(crate) passes: usize,
    pub(crate) workspace: PathBuf,
    pub(crate) work: PathBuf,
}

/// The rows, plus detail lines for the notes.
#[derive(Default)]
pub(crate) struct Outcome {
    pub(crate) rows: Vec<Row>,
    pub(crate) details: Vec<String>,
}

fn corpora(opts: &Options, pages: usize) -> anyhow::Result<Corpora> {
    let gen = corpus::generator(&opts.workspace)?;
    let dir = |name: &str| opts.work.join(format!("corpus/{name}-{pages}"));
    eprintln!(
        "corpora of {pages} pages in `{}`",
        opts.work.join("corpus").display()
    );
    Ok(Corpora {
        bookshelf: corpus::generate(&gen, &dir("bookshelf"), pages, Format::Bookshelf)?,
        no_search: corpus::without_search(&gen, &dir("bookshelf-nosearch"), pages)?,
        mdbook: corpus::generate(&gen, &dir("mdbook"), pages, Format::Mdbook)?,
        hugo: corpus::generate(&gen, &dir("hugo"), pages, Format::Hugo)?,
    })
}

/// Runs everything for every page count.
pub(crate) fn run(opts: &Options, tools: &Tools) -> anyhow::Result<Outcome> {
    let mut out = Outcome::default();
    let largest = opts.pages.iter().copied().max().unwrap_or(0);
    let mut per_thousand = Vec::new();
    for &pages in &opts.pages {
        let corpora = corpora(opts, pages)?;
        let run_mdbook = pages <= opts.mdbook_max_pages;
        eprintln!("cold builds, {pages} pages, {} rounds", opts.runs);
        let b = builds::run(
            tools,
            &corpora,
            &opts.work,
            pages,
            opts.runs,
            run_mdbook,
            opts.timeout,
        )?;
        out.rows.extend(rows::build_rows(pages, &b, largest));
        if let Some(m) = Summary::of(&b.bookshelf.wall) {
            per_thousand.push((pages, m.median * 1000.0 / pages as f64));
        }
        eprintln!("search, {pages} pages");
        out.rows
            .extend(rows::search_rows(opts, pages, &b, &mut out.details)?);
        let mut serving = vec![Tool::Bookshelf, Tool::Hugo];
        if run_mdbook {
            serving.insert(1, Tool::Mdbook);
        }
        eprintln!("edit → served, {pages} pages, {} edits each", opts.edits);
        let served = serve::run(
            tools,
            &corpora,
            &opts.work,
            pages,
            &serving,
            opts.edits,
            opts.timeout,
        )?;
        out.rows
            .extend(rows::serve_rows(pages, &served, run_mdbook, largest));
    }
    if let (Some(first), Some(last)) = (per_thousand.first(), per_thousand.last()) {
        if per_thousand.len() > 1 {
            let growth = last.1 / first.1;
            out.details.push(format!(
                "Linearity: bookshelf's full build takes {:.2} s per 1,000 pages at {} pages and {:.2} s per 1,000 at {} pages ({growth:.2}× per page; 1.00 is linear).",
                first.1, crate::report::thousands(first.0), last.1, crate::report::thousands(last.0)
            ));
            let mut row = Row::new(
                last.0,
                "full build per 1,000 pages, against the smallest run",
                Unit::Seconds,
            );
            row.cells[0] = Cell::Value(Summary::of(&[last.1]).expect("one value"));
            row.goal = rows::goal(
                &format!(
                    "linear: ≤ 1.25× the {}-page figure ({:.2} s)",
                    crate::report::thousands(first.0),
                    first.1
                ),
                Some(growth <= 1.25),
            );
            out.rows.push(row);
        }
    }
    Ok(out)
}

/// The work folder's corpus and output paths, as shown in BENCHMARKS.md.
pub(crate) fn describe_paths(work: &Path) -> String {
    format!(
        "corpora in `{}/corpus/FORMAT-PAGES`, bookshelf's site in `{}/out/bookshelf-PAGES`",
        work.display(),
        work.display()
    )
}
