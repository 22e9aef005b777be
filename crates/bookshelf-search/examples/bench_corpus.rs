//! Measures build time, index size, query latency and static download on a `gen-corpus` tree.
//!
//! ```text
//! python3 /work/shared/bench/gen-corpus --pages 1000 --out /tmp/corpus1k
//! cargo run --release -p bookshelf-search --example bench_corpus -- /tmp/corpus1k /tmp/site1k
//! ```
//!
//! `--runs N` builds N times and prints the median; `--build-only` skips the queries and the
//! static download.
//!
//! It reads the Markdown and YAML crudely (for measurement only): every page becomes a
//! standard document and an easy read one made of its first three paragraphs.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use bookshelf_search::{build, Query, SearchDoc, Searcher, Term, Variant};
use serde_yaml::Value;

fn strip_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => {}
            ']' if chars.peek() == Some(&'(') => {
                for n in chars.by_ref() {
                    if n == ')' {
                        break;
                    }
                }
            }
            '|' | '*' | '#' | '`' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn str_of(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn list_of(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_sequence)
        .map(|s| {
            s.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn easy(doc: &SearchDoc) -> SearchDoc {
    let body: Vec<&str> = doc.body.split("\n\n").take(3).collect();
    SearchDoc {
        url: format!("easy-read/{}", doc.url),
        body: body.join("\n\n").into(),
        variant: Variant::Easy,
        ..doc.clone()
    }
}

fn markdown_doc(path: &Path, url: String, kind: &str) -> SearchDoc {
    let text = std::fs::read_to_string(path).unwrap();
    let (front, body) = text
        .trim_start_matches("---\n")
        .split_once("\n---\n")
        .unwrap();
    let front: Value = serde_yaml::from_str(front).unwrap();
    let headings = body
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect();
    SearchDoc {
        url,
        title: str_of(&front, "title"),
        headings,
        summary: str_of(&front, "summary"),
        body: strip_markdown(body).into(),
        kind: kind.to_string(),
        audience: list_of(&front, "audience"),
        level: None,
        variant: Variant::Standard,
    }
}

fn checklist_doc(path: &Path, url: String) -> SearchDoc {
    let v: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut headings = Vec::new();
    let mut body = vec![str_of(&v, "when")];
    for section in v
        .get("sections")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        headings.push(str_of(section, "title"));
        for item in section
            .get("items")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            for key in ["text", "why", "evidence"] {
                body.push(str_of(item, key));
            }
        }
    }
    SearchDoc {
        url,
        title: str_of(&v, "title"),
        headings,
        summary: str_of(&v, "summary"),
        body: body.join("\n\n").into(),
        kind: "checklist".into(),
        audience: list_of(&v, "audience"),
        level: Some(str_of(&v, "level")),
        variant: Variant::Standard,
    }
}

fn slug(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn read_corpus(dir: &Path) -> (Vec<SearchDoc>, Vec<Term>) {
    let content = dir.join("content");
    let mut docs = Vec::new();
    for (folder, kind) in [("guides", "guide"), ("model", "model")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(content.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            docs.push(markdown_doc(&f, format!("{folder}/{}/", slug(&f)), kind));
        }
    }
    docs.push(markdown_doc(
        &content.join("index.md"),
        String::new(),
        "page",
    ));
    let mut files: Vec<PathBuf> = std::fs::read_dir(content.join("checklists"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        docs.push(checklist_doc(&f, format!("checklists/{}/", slug(&f))));
    }
    let glossary: Value =
        serde_yaml::from_str(&std::fs::read_to_string(content.join("glossary.yaml")).unwrap())
            .unwrap();
    let mut terms = Vec::new();
    for entry in glossary.as_sequence().unwrap() {
        let term = str_of(entry, "term");
        let slug: String = term
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let url = format!("glossary/{slug}/");
        let plain = str_of(entry, "plain");
        docs.push(SearchDoc {
            url: url.clone(),
            title: term.clone(),
            headings: Vec::new(),
            summary: plain.clone(),
            body: format!("{plain}\n\n{}", str_of(entry, "more")).into(),
            kind: "glossary".into(),
            audience: Vec::new(),
            level: None,
            variant: Variant::Standard,
        });
        terms.push(Term {
            term,
            url,
            abbreviations: list_of(entry, "abbreviations"),
            aliases: list_of(entry, "aliases"),
            plain,
            easy: None,
            say_instead: None,
        });
    }
    let easy_docs: Vec<SearchDoc> = docs.iter().map(easy).collect();
    docs.extend(easy_docs);
    (docs, terms)
}

const QUERIES: &[&str] = &[
    "EHCP",
    "coprodcution",
    "meetng",
    "annual review",
    "education health care plan",
    "transition to college",
    "parent carer forum",
    "how do I complain",
    "personal budget",
    "survey of families",
    "young person decide",
    "organization",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    let t = Instant::now();
    let (docs, terms) = read_corpus(&corpus);
    let text_bytes: usize = docs
        .iter()
        .map(|d| d.body.len() + d.title.len() + d.summary.len())
        .sum();
    println!(
        "read {} docs ({} MB of text), {} terms in {:.2}s",
        docs.len(),
        text_bytes >> 20,
        terms.len(),
        t.elapsed().as_secs_f64()
    );
    println!("peak memory after reading: {} MiB", peak_mib());
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(1, |n| n.parse().unwrap());
    let mut secs = Vec::new();
    for _ in 0..runs {
        // A real build writes into a fresh folder: clearing the last run is not timed.
        let _ = std::fs::remove_dir_all(out.join("search"));
        let (t, cpu) = (Instant::now(), cpu_secs());
        let stats = build(&docs, &terms, &out).unwrap();
        secs.push(t.elapsed().as_secs_f64());
        let (user, sys) = (cpu_secs().0 - cpu.0, cpu_secs().1 - cpu.1);
        println!(
            "build: {:.2}s (cpu: user {user:.2}s, system {sys:.2}s) {stats:?}",
            secs[secs.len() - 1]
        );
    }
    secs.sort_by(f64::total_cmp);
    println!(
        "build median of {runs}: {:.2}s (min {:.2}s, max {:.2}s)",
        secs[runs / 2],
        secs[0],
        secs[runs - 1]
    );
    println!("peak memory after building: {} MiB", peak_mib());
    if args.iter().any(|a| a == "--build-only") {
        return;
    }

    let searcher = Searcher::open(&out).unwrap();
    let mut times = Vec::new();
    let mut server_urls: Vec<Vec<String>> = Vec::new();
    for round in 0..50 {
        for q in QUERIES {
            let t = Instant::now();
            let r = searcher.search(&Query::new(*q)).unwrap();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if round > 0 {
                times.push(ms);
            } else {
                server_urls.push(r.hits.iter().map(|h| h.url.clone()).collect());
                println!(
                    "  `{q}`: {} hits, corrected {:?}, first {:?}",
                    r.total,
                    r.corrected,
                    r.hits.first().map(|h| &h.url)
                );
            }
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "query latency over {} runs: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );

    let qfile = out.join("bench-queries.json");
    let qs: Vec<serde_json::Value> = QUERIES
        .iter()
        .map(|q| serde_json::json!({"text": q, "limit": 10}))
        .collect();
    std::fs::write(&qfile, serde_json::to_string(&qs).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/static.mjs");
    let node = Command::new("node")
        .arg(script)
        .arg(&out)
        .arg(&qfile)
        .output();
    let Some(node) = node.ok().filter(|o| o.status.success()) else {
        println!("node not available: static download not measured");
        return;
    };
    let results: Vec<serde_json::Value> = serde_json::from_slice(&node.stdout).unwrap();
    let same = results
        .iter()
        .zip(&server_urls)
        .filter(|(r, urls)| {
            let hits = r["hits"].as_array().unwrap();
            hits.len() == urls.len() && hits.iter().zip(*urls).all(|(h, u)| h["url"] == **u)
        })
        .count();
    println!(
        "static script: same hits as the server for {same} of {} queries",
        QUERIES.len()
    );
    let js_gz = gzip_len(&out.join("search/search.js"));
    println!("static first-query download (gzip -9), search.js {js_gz} B gz not included:");
    for (q, r) in QUERIES.iter().zip(&results) {
        let files = r["fetched"].as_array().unwrap();
        let raw: u64 = files.iter().map(|f| f["raw"].as_u64().unwrap()).sum();
        let gz: u64 = files.iter().map(|f| f["gzip"].as_u64().unwrap()).sum();
        let meta = files.iter().find(|f| f["path"] == "meta.json").unwrap();
        println!(
            "  `{q}`: {} files, {raw} B raw, {gz} B gz (meta {} B gz)",
            files.len(),
            meta["gzip"]
        );
    }
}

fn gzip_len(path: &Path) -> u64 {
    let out = Command::new("gzip").arg("-9c").arg(path).output().unwrap();
    out.stdout.len() as u64
}

/// The process's peak resident memory so far (Linux), in MiB.
fn peak_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb >> 10)
}

/// CPU seconds this process has used so far, (user, system), from `/proc/self/stat` (Linux).
fn cpu_secs() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
    let fields: Vec<f64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second).
    let tick = |i: usize| fields.get(i).copied().unwrap_or(0.0) / 100.0;
    (tick(11), tick(12))
}
