//! Turning the measurements of one page count into table rows, with the goals beside them.

use crate::bench::Options;
use crate::builds::{self, Series};
use crate::report::{Cell, Goal, Row, Unit};
use crate::search;
use crate::serve;
use crate::stats::Summary;
use crate::tools::Tool;

pub(crate) fn cell(values: &[f64], note: &Option<String>) -> Cell {
    match (Summary::of(values), note) {
        (_, Some(n)) => Cell::Note(n.clone()),
        (Some(s), None) => Cell::Value(s),
        (None, None) => Cell::Note("not measured".into()),
    }
}

pub(crate) fn goal(text: &str, met: Option<bool>) -> Option<Goal> {
    Some(Goal {
        text: text.to_string(),
        met,
    })
}

pub(crate) fn build_rows(pages: usize, b: &builds::Builds, largest: usize) -> Vec<Row> {
    let series: [&Series; 3] = [&b.bookshelf, &b.mdbook, &b.hugo];
    let mut wall = Row::new(pages, "cold full build, wall time", Unit::Seconds);
    let mut rss = Row::new(pages, "cold full build, peak memory", Unit::MiB);
    let mut cpu = Row::new(
        pages,
        "cold full build, CPU time (user + system)",
        Unit::Seconds,
    );
    for (c, s) in series.iter().enumerate() {
        wall.cells[c] = cell(&s.wall, &s.note);
        rss.cells[c] = cell(&s.rss, &s.note);
        cpu.cells[c] = cell(&s.cpu, &s.note);
    }
    let met = wall
        .median(0)
        .zip(wall.median(2))
        .map(|(ours, hugo)| ours <= hugo / 2.0);
    wall.goal = goal("≤ 0.5× Hugo", met);
    if pages == largest && pages >= 10_000 {
        rss.goal = goal("< 500 MiB", rss.median(0).map(|m| m < 500.0));
    }
    let mut plain = Row::new(
        pages,
        "bookshelf build without the search index",
        Unit::Seconds,
    );
    plain.cells[0] = cell(&b.no_search.wall, &b.no_search.note);
    let mut rows = vec![wall, cpu, rss, plain];
    if !b.tmpfs_bookshelf.wall.is_empty() || b.tmpfs_bookshelf.note.is_some() {
        let mut wall = Row::new(
            pages,
            "cold full build, output on tmpfs, wall time",
            Unit::Seconds,
        );
        let mut cpu = Row::new(
            pages,
            "cold full build, output on tmpfs, CPU time (user + system)",
            Unit::Seconds,
        );
        for (c, s) in [(0, &b.tmpfs_bookshelf), (2, &b.tmpfs_hugo)] {
            wall.cells[c] = cell(&s.wall, &s.note);
            cpu.cells[c] = cell(&s.cpu, &s.note);
        }
        rows.extend([wall, cpu]);
    }
    rows
}

pub(crate) fn search_rows(
    opts: &Options,
    pages: usize,
    b: &builds::Builds,
    details: &mut Vec<String>,
) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    let mut index = Row::new(
        pages,
        "search index build, CPU time (bookshelf: full − no-search build; Pagefind over bookshelf's site)",
        Unit::Seconds,
    );
    if let (Some(full), Some(bare)) = (Summary::of(&b.bookshelf.cpu), Summary::of(&b.no_search.cpu))
    {
        index.cells[0] =
            Cell::Value(Summary::of(&[(full.median - bare.median).max(0.0)]).expect("one value"));
    }
    index.cells[3] = cell(&b.pagefind.cpu, &b.pagefind.note);
    rows.push(index);
    let mut pf_rss = Row::new(pages, "Pagefind indexing, peak memory", Unit::MiB);
    pf_rss.cells[3] = cell(&b.pagefind.rss, &b.pagefind.note);
    rows.push(pf_rss);
    if !b.site.join("search/meta.json").is_file() {
        details.push(format!(
            "{pages} pages: bookshelf built no search index, so no search figures."
        ));
        return Ok(rows);
    }
    let (tantivy, static_bytes) = search::index_bytes(&b.site);
    let mut size = Row::new(
        pages,
        "static search index on disk (bookshelf: search/ without index/)",
        Unit::MB,
    );
    size.cells[0] = Cell::Value(Summary::of(&[static_bytes as f64 / 1e6]).expect("one value"));
    size.cells[3] = Cell::Value(
        Summary::of(&[crate::measure::dir_bytes(&b.site.join("pagefind")) as f64 / 1e6])
            .expect("one value"),
    );
    rows.push(size);
    let mut server = Row::new(
        pages,
        "server search index on disk (tantivy, search/index/)",
        Unit::MB,
    );
    server.cells[0] = Cell::Value(Summary::of(&[tantivy as f64 / 1e6]).expect("one value"));
    rows.push(server);
    let lat = search::latency(&b.site, opts.passes)?;
    for (name, v) in [("p50", lat.p50_us), ("p99", lat.p99_us)] {
        let mut row = Row::new(
            pages,
            &format!(
                "query latency {name}, server side (Searcher, 50 queries × {})",
                opts.passes
            ),
            Unit::Micros,
        );
        row.cells[0] = Cell::Value(Summary::of(&[v]).expect("one value"));
        rows.push(row);
    }
    details.push(format!(
        "{pages} pages: opening the Searcher took {:.1} ms; {} timed queries.",
        lat.open_ms, lat.queries
    ));
    let (ours, lost) = search::first_queries(&opts.work, "bookshelf", &b.site)?;
    note_unanswered(details, pages, "bookshelf", &lost);
    let theirs = if b.site.join("pagefind/pagefind.js").is_file() {
        let (rows, lost) = search::first_queries(&opts.work, "pagefind", &b.site)?;
        note_unanswered(details, pages, "Pagefind", &lost);
        Some(rows)
    } else {
        None
    };
    let mut first = Row::new(
        pages,
        "first query download, gzip (50 queries, each from an empty cache)",
        Unit::KB,
    );
    first.cells[0] = search::first_query_kb(&ours).map_or(Cell::Empty, Cell::Value);
    first.cells[3] = theirs
        .as_deref()
        .and_then(search::first_query_kb)
        .map_or(Cell::Note("not run".into()), Cell::Value);
    if pages == 1000 {
        first.goal = goal(
            "< 50 KB at 1,000 pages (worst query)",
            match &first.cells[0] {
                Cell::Value(s) => Some(s.max < 50.0),
                _ => None,
            },
        );
    }
    rows.push(first);
    for (engine, list) in [("bookshelf", Some(&ours)), ("Pagefind", theirs.as_ref())] {
        if let Some(q) = list.and_then(|l| l.first()) {
            details.push(format!(
                "{pages} pages, {engine}, first query `{}`: {:.1} KB gzip in {} files: {}.",
                q.query,
                q.gzip as f64 / 1000.0,
                q.files.len(),
                q.files.join(", ")
            ));
        }
    }
    Ok(rows)
}

fn note_unanswered(details: &mut Vec<String>, pages: usize, engine: &str, lost: &[String]) {
    if !lost.is_empty() {
        details.push(format!(
            "{pages} pages, {engine}: {} of 50 replayed first queries did not finish within 20 s in node and are left out of the figures: {}.",
            lost.len(),
            lost.iter().map(|q| format!("`{q}`")).collect::<Vec<_>>().join(", ")
        ));
    }
}

pub(crate) fn serve_rows(
    pages: usize,
    served: &[(Tool, serve::Served)],
    run_mdbook: bool,
    largest: usize,
) -> Vec<Row> {
    let mut start = Row::new(pages, "serve: start to first page served", Unit::Seconds);
    let mut edit = Row::new(pages, "edit one page → new text served", Unit::Millis);
    for (tool, s) in served {
        let c = match tool {
            Tool::Bookshelf => 0,
            Tool::Mdbook => 1,
            Tool::Hugo => 2,
        };
        start.cells[c] = cell(
            &s.startup,
            &s.startup.is_empty().then(|| s.note.clone()).flatten(),
        );
        edit.cells[c] = cell(&s.edits, &s.note);
    }
    if !run_mdbook {
        start.cells[1] = Cell::Note("not run".into());
        edit.cells[1] = Cell::Note("not run".into());
    }
    if pages == largest && pages >= 10_000 {
        edit.goal = goal("< 100 ms", edit.median(0).map(|m| m < 100.0));
    }
    vec![start, edit]
}
