//! Search figures: query latency through `bookshelf_search::Searcher`, index sizes, and the
//! bytes a browser downloads for a first query from bookshelf's static index and Pagefind's.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context as _};
use bookshelf_search::{Query, Searcher};

use crate::stats::{percentile, Summary};

/// Fifty queries in the corpus' vocabulary: words, phrases, glossary terms, abbreviations,
/// misspellings and words it does not hold.
pub(crate) const QUERIES: [&str; 50] = [
    "short breaks",
    "EHCP",
    "annual review",
    "key worker",
    "personal budget",
    "transition",
    "co-production",
    "panel decision",
    "survey of families",
    "young person",
    "SENCO",
    "working together",
    "plan for the first term",
    "social worker",
    "parent carer forum",
    "timeline for the review",
    "easy read",
    "interpreter",
    "accessible room",
    "agenda",
    "feedback from the forum",
    "independent supporter",
    "family hub",
    "commissioning",
    "charter",
    "training for new staff",
    "ground rules",
    "what matters most",
    "next steps",
    "consultation",
    "preparing for adulthood",
    "health visitor",
    "therapist",
    "budget",
    "minutes",
    "service redesign",
    "working group",
    "disagree",
    "tribunal",
    "mediation",
    "annual reveiw",
    "co-producton",
    "speshal needs",
    "carers",
    "decisions",
    "children",
    "practise",
    "send",
    "local offer",
    "zebra crossing",
];

/// How long the server-side search takes: p50 and p99 over every query, in microseconds.
pub(crate) struct Latency {
    pub(crate) p50_us: f64,
    pub(crate) p99_us: f64,
    pub(crate) queries: usize,
    pub(crate) open_ms: f64,
    /// Each query's median time in microseconds, in [`QUERIES`] order.
    pub(crate) per_query_us: Vec<(&'static str, f64)>,
}

/// Opens the index of a built site and runs every query `passes` times after one warm pass.
pub(crate) fn latency(site: &Path, passes: usize) -> anyhow::Result<Latency> {
    let start = Instant::now();
    let searcher = Searcher::open(site)
        .with_context(|| format!("could not open the search index of `{}`", site.display()))?;
    let open_ms = start.elapsed().as_secs_f64() * 1e3;
    let queries: Vec<Query> = QUERIES.iter().map(|q| Query::new(*q)).collect();
    for q in &queries {
        searcher.search(q)?;
    }
    let mut times = Vec::with_capacity(passes * queries.len());
    let mut by_query = vec![Vec::with_capacity(passes); queries.len()];
    for _ in 0..passes {
        for (q, mine) in queries.iter().zip(&mut by_query) {
            let t = Instant::now();
            let results = searcher.search(q)?;
            let us = t.elapsed().as_secs_f64() * 1e6;
            times.push(us);
            mine.push(us);
            std::hint::black_box(results);
        }
    }
    Ok(Latency {
        p50_us: percentile(&times, 50.0).unwrap_or(0.0),
        p99_us: percentile(&times, 99.0).unwrap_or(0.0),
        queries: times.len(),
        open_ms,
        per_query_us: QUERIES
            .iter()
            .zip(&by_query)
            .map(|(q, t)| (*q, percentile(t, 50.0).unwrap_or(0.0)))
            .collect(),
    })
}

/// Bytes of a built site's search folder: the tantivy part and the static part.
pub(crate) fn index_bytes(site: &Path) -> (u64, u64) {
    let search = site.join("search");
    let tantivy = crate::measure::dir_bytes(&search.join("index"));
    (
        tantivy,
        crate::measure::dir_bytes(&search).saturating_sub(tantivy),
    )
}

/// The script that replays a first query with file reads standing in for `fetch`.
const SCRIPT: &str = include_str!("first_query.mjs");

/// What the first query of a fresh browser downloads, one row a query.
pub(crate) struct FirstQuery {
    pub(crate) query: String,
    pub(crate) files: Vec<String>,
    pub(crate) gzip: u64,
}

/// How long one replayed query may take before it counts as not answered.
const REPLAY_TIMEOUT: &str = "20";

/// Replays every query as a first query against `site` with `node`, for `engine`
/// (`bookshelf` or `pagefind`), one process a query. Returns the answered queries and the
/// ones that did not finish within the time limit.
pub(crate) fn first_queries(
    work: &Path,
    engine: &str,
    site: &Path,
) -> anyhow::Result<(Vec<FirstQuery>, Vec<String>)> {
    let script = work.join("first_query.mjs");
    std::fs::write(&script, SCRIPT)
        .with_context(|| format!("could not write `{}`", script.display()))?;
    let site = site
        .canonicalize()
        .with_context(|| format!("no site at `{}`", site.display()))?;
    let mut rows = Vec::new();
    let mut unanswered = Vec::new();
    for query in QUERIES {
        let output = Command::new("timeout")
            .args([REPLAY_TIMEOUT, "node", "--no-warnings"])
            .arg(&script)
            .arg(engine)
            .arg(&site)
            .arg(query)
            .output()
            .context("could not run `node`")?;
        let text = String::from_utf8_lossy(&output.stdout);
        let Some(line) = text.lines().next().filter(|_| output.status.success()) else {
            if output.status.code() == Some(124) {
                unanswered.push(query.to_string());
                continue;
            }
            bail!(
                "first-query replay of `{query}` for {engine} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("bad line from first_query.mjs: {line}"))?;
        rows.push(FirstQuery {
            query: v["query"].as_str().unwrap_or_default().to_string(),
            files: v["files"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f.as_str().map(String::from))
                .collect(),
            gzip: v["gzip"].as_u64().unwrap_or(0),
        });
    }
    Ok((rows, unanswered))
}

/// Compressed kilobytes over all the first queries (median and range).
pub(crate) fn first_query_kb(rows: &[FirstQuery]) -> Option<Summary> {
    Summary::of(
        &rows
            .iter()
            .map(|r| r.gzip as f64 / 1000.0)
            .collect::<Vec<_>>(),
    )
}

/// Runs Pagefind over a built site (writing `SITE/pagefind/`).
pub(crate) fn pagefind_command(pagefind: &Path, site: &Path) -> Command {
    let mut cmd = Command::new(pagefind);
    cmd.arg("--site").arg(site);
    cmd
}
