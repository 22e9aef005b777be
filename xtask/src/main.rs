//! xtask: project tasks run with `cargo run --release -p xtask -- TASK`: `bench`, the
//! benchmark of bookshelf against mdBook, Hugo and Pagefind (BENCHMARKS.md), and
//! `query-latency`, the benchmark's server-side search timing alone on one built site, and
//! `compare`, two bookshelf binaries' full builds run alternately (speed, memory, bytes).
#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

mod bench;
mod builds;
mod compare;
mod corpus;
mod doc;
mod measure;
mod report;
mod rows;
mod search;
mod serve;
mod stats;
mod tools;

#[derive(Debug, Parser)]
#[command(name = "xtask", about = "Project tasks for bookshelf")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Benchmark bookshelf against mdBook, Hugo and Pagefind and write BENCHMARKS.md.
    Bench(BenchArgs),
    /// Time the benchmark's 50 search queries on a built site (server side, as `bench` does):
    /// p50, p99 and the slowest queries by their median.
    QueryLatency(QueryLatencyArgs),
    /// Build the generated corpora with two bookshelf binaries, alternately (old, new, new,
    /// old, …): median wall time, CPU time and peak memory of each, and whether their sites
    /// are the same bytes.
    Compare(CompareArgs),
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The binary before the change (a release build of main).
    #[arg(long)]
    old: PathBuf,
    /// The binary after it.
    #[arg(long)]
    new: PathBuf,
    /// Corpus sizes, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    pages: Vec<usize>,
    /// Runs of each binary per size.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Stop any one build after this many seconds.
    #[arg(long, default_value_t = 900)]
    timeout: u64,
    /// Work folder for corpora, sites and logs (default: `bookshelf-compare` in the
    /// temporary folder).
    #[arg(long)]
    work: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct QueryLatencyArgs {
    /// The built site (the folder holding `search/`).
    #[arg(long)]
    site: PathBuf,
    /// Timed passes over the 50 queries, after one warm pass.
    #[arg(long, default_value_t = 20)]
    passes: usize,
    /// How many of the slowest queries to list.
    #[arg(long, default_value_t = 10)]
    slowest: usize,
}

#[derive(Debug, clap::Args)]
struct BenchArgs {
    /// Corpus sizes, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    pages: Vec<usize>,
    /// Rounds of cold builds per size.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Edits per tool in the rebuild test.
    #[arg(long, default_value_t = 5)]
    edits: usize,
    /// A smoke run: 1,000 pages, one round, three edits.
    #[arg(long)]
    quick: bool,
    /// Leave mdBook out above this many pages (it grows close to quadratically).
    #[arg(long, default_value_t = 3000)]
    mdbook_max_pages: usize,
    /// Stop any one build or server start after this many seconds.
    #[arg(long, default_value_t = 900)]
    timeout: u64,
    /// Timed passes over the 50 search queries.
    #[arg(long, default_value_t = 20)]
    passes: usize,
    /// Work folder for corpora, outputs and logs (default: `bookshelf-bench` in the temporary
    /// folder). Keep it outside any git-ignored folder of a repository: mdBook's server
    /// ignores edits to files that its enclosing repository's `.gitignore` names.
    #[arg(long)]
    work: Option<PathBuf>,
    /// Do not install missing tools; fail instead.
    #[arg(long)]
    no_install: bool,
    /// Where to write the report (default: BENCHMARKS.md in the workspace root).
    #[arg(long)]
    output: Option<PathBuf>,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Bench(args) => bench(args),
        Task::QueryLatency(args) => query_latency(&args),
        Task::Compare(args) => compare(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn query_latency(args: &QueryLatencyArgs) -> anyhow::Result<()> {
    let lat = search::latency(&args.site, args.passes.max(1))?;
    println!(
        "{} queries: p50 {:.0} µs, p99 {:.0} µs (index opened in {:.1} ms)",
        lat.queries, lat.p50_us, lat.p99_us, lat.open_ms
    );
    let mut slowest = lat.per_query_us;
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("slowest queries (median µs):");
    for (query, us) in slowest.iter().take(args.slowest) {
        println!("  {us:>8.0}  {query}");
    }
    Ok(())
}

fn compare(args: CompareArgs) -> anyhow::Result<()> {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("xtask has no parent folder")?
        .to_path_buf();
    let work = args
        .work
        .unwrap_or_else(|| std::env::temp_dir().join("bookshelf-compare"));
    std::fs::create_dir_all(&work)
        .with_context(|| format!("could not create `{}`", work.display()))?;
    let lines = compare::run(&compare::Options {
        old: args.old,
        new: args.new,
        pages: args.pages,
        runs: args.runs.max(1),
        timeout: Duration::from_secs(args.timeout),
        workspace,
        work: work.canonicalize()?,
    })?;
    for line in lines {
        println!("{line}");
    }
    Ok(())
}

fn bench(args: BenchArgs) -> anyhow::Result<()> {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("xtask has no parent folder")?
        .to_path_buf();
    let work = args
        .work
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("bookshelf-bench"));
    std::fs::create_dir_all(&work)
        .with_context(|| format!("could not create `{}`", work.display()))?;
    let work = work.canonicalize()?;
    let (pages, runs, edits) = if args.quick {
        (vec![1000], 1, 3)
    } else {
        (args.pages.clone(), args.runs.max(1), args.edits.max(1))
    };
    let tools = tools::ensure(&workspace, &work, !args.no_install)?;
    let opts = bench::Options {
        pages,
        runs,
        edits,
        mdbook_max_pages: args.mdbook_max_pages,
        timeout: Duration::from_secs(args.timeout),
        passes: args.passes.max(1),
        workspace: workspace.clone(),
        work: work.clone(),
    };
    let outcome = bench::run(&opts, &tools)?;
    let table = report::table(&outcome.rows);
    println!("{table}");
    for line in &outcome.details {
        println!("{line}");
    }
    let invocation = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let invocation = format!("cargo run --release -p xtask -- {invocation}");
    let document = doc::Document {
        invocation: &invocation,
        date: doc::now(),
        machine: doc::machine(),
        versions: tools::versions(&tools, &workspace),
        corpus_commands: [
            corpus::Format::Bookshelf,
            corpus::Format::Mdbook,
            corpus::Format::Hugo,
        ]
        .iter()
        .map(|f| corpus::command_line("N", *f, &format!("DIR-{f:?}").to_lowercase()))
        .collect(),
        tool_commands: tools::command_lines(),
        rows: &outcome.rows,
        details: &outcome.details,
        paths: bench::describe_paths(&work),
    };
    let path = args
        .output
        .unwrap_or_else(|| workspace.join("BENCHMARKS.md"));
    let old = std::fs::read_to_string(&path).ok();
    std::fs::write(&path, doc::render(&document, old.as_deref()))
        .with_context(|| format!("could not write `{}`", path.display()))?;
    eprintln!("wrote `{}`", path.display());
    Ok(())
}
