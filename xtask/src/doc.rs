//! BENCHMARKS.md: the machine, the versions, the exact commands, the table and the goals.

use std::fmt::Write as _;
use std::process::Command;

use crate::report::{self, Row};

/// The machine the figures come from: cores, CPU model, memory, kernel.
pub(crate) fn machine() -> Vec<(String, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or("unknown".into(), |kb| {
            format!("{:.1} GiB", kb / 1024.0 / 1024.0)
        });
    let cores = std::thread::available_parallelism().map_or("unknown".into(), |n| n.to_string());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .unwrap_or_default()
        .trim()
        .to_string();
    vec![
        ("cores (nproc)".into(), cores),
        ("CPU".into(), model),
        ("memory".into(), memory),
        ("kernel".into(), kernel),
    ]
}

/// Today's date and time in UTC, from `date`.
pub(crate) fn now() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Everything the document shows.
pub(crate) struct Document<'a> {
    pub(crate) invocation: &'a str,
    pub(crate) date: String,
    pub(crate) machine: Vec<(String, String)>,
    pub(crate) versions: Vec<(String, String)>,
    pub(crate) corpus_commands: Vec<String>,
    pub(crate) tool_commands: Vec<(&'static str, &'static str)>,
    pub(crate) rows: &'a [Row],
    pub(crate) details: &'a [String],
    pub(crate) paths: String,
}

/// The document's text, ending with the kept hand-written notes of `old` (if any).
pub(crate) fn render(d: &Document<'_>, old: Option<&str>) -> String {
    let mut out = String::from("# Benchmarks\n\n");
    let _ = writeln!(
        out,
        "bookshelf against mdBook, Hugo and Pagefind, measured side by side in one run of\n`{}` on {}. \
         Written by `xtask`; do not edit above the marker line at the end.\n",
        d.invocation, d.date
    );
    out.push_str(
        "The machine's two cores are shared with other engineers' builds and tests, so the figures \
         are noisy: read the medians and the ranges (min–max over the rounds), not single runs.\n\n",
    );
    out.push_str("## Results\n\n");
    out.push_str(&report::table(d.rows));
    out.push_str("\n## Goals\n\n");
    out.push_str("- Full build (both variants + search index): at most half of Hugo's wall time at 1,000 and 10,000 pages, and linear in pages.\n");
    out.push_str("- Peak memory at 10,000 pages: under 500 MiB.\n");
    out.push_str("- Edit → new page served at 10,000 pages: under 100 ms.\n");
    out.push_str("- Static search: what the first query downloads at 1,000 pages, under 50 KB compressed.\n\n");
    if !d.details.is_empty() {
        out.push_str("## Details\n\n");
        for line in d.details {
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }
    out.push_str("## Machine\n\n");
    for (k, v) in &d.machine {
        let _ = writeln!(out, "- {k}: {v}");
    }
    out.push_str("\n## Versions\n\n");
    for (k, v) in &d.versions {
        let _ = writeln!(out, "- {k}: {v}");
    }
    out.push_str("\n## How it is measured\n\n```sh\n");
    for c in &d.corpus_commands {
        let _ = writeln!(out, "{c}");
    }
    for (what, c) in &d.tool_commands {
        let _ = writeln!(out, "{c:<90} # {what}");
    }
    out.push_str("```\n\n");
    let _ = writeln!(out, "Work folder: {}.\n", d.paths);
    out.push_str(METHOD);
    match old.and_then(report::kept_notes) {
        Some(notes) => out.push_str(notes),
        None => {
            out.push('\n');
            out.push_str(report::KEEP_MARKER);
            out.push('\n');
        }
    }
    out
}

const METHOD: &str = "\
- **Cold full build**: each tool's output folder is deleted first; the OS file cache is warm \
(the corpora were just written). Wall time and peak resident memory (`ru_maxrss` from `wait4`) of \
the process. The tools take turns, the order rotating each round. bookshelf builds both variants \
and the search index (tantivy and static); mdBook and Hugo run with their defaults (mdBook's \
default includes its search index). gen-corpus's bookshelf layout is brought in line with the \
content contract first (`[book]` table; ids for repeated checklist items).
- **Cold full build, output on tmpfs**: bookshelf and Hugo again, in the same rounds, writing \
into a fresh folder under `/dev/shm` (Hugo with `--destination`) when the machine has it. A new \
file there costs no disk bookkeeping, so these rows show the tools' own cost apart from the \
file system's: on ext4 without a journal each new file or folder can cost tens of microseconds \
of system time, and bookshelf writes about twice Hugo's files.
- **Search index build**: CPU time (wall-time differences drown in the noise) of bookshelf's \
full build minus its build of the same corpus with `[search] enabled = false` (difference of \
medians); Pagefind: `pagefind --site` over bookshelf's \
built site (both variants), after each round.
- **Query latency**: `bookshelf_search::Searcher` opened once on the built site, 50 fixed queries \
(see `xtask/src/search.rs`) after one warm pass; nearest-rank p50 and p99 of single queries.
- **First query download**: `node` replays each query as the first search of a fresh page, with \
file reads standing in for `fetch`: bookshelf's `search.js` engine (script, `meta.json`, the \
posting shards of the query's terms, `glossary.json` when the query names a term, the document \
chunks of the top 10 hits) and Pagefind's `pagefind.js` (its script, entry, meta, WebAssembly, index \
chunks, and the fragments of the first 5 results, which its UI loads). Each file counts as \
gzip -9 size or its raw size if smaller (Pagefind's files are gzip already). Pagefind's UI script \
and CSS are not counted; bookshelf's `search.js` includes its UI.
- **Edit → served**: each tool's development server on a free loopback port; after the first \
page is served, one guide page (gen-corpus's `edit_page`) gets a sentence appended in one write, \
and the page's URL is polled every 2 ms until the sentence is in the served HTML. The tools take \
turns, with a 1.5 s pause after each edit. The source file is restored afterwards.
- The work folder lies outside the repository on purpose: inside the git-ignored `target/`, `mdbook serve` never saw an edit (it honours the enclosing repository's `.gitignore`).
";
