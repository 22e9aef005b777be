//! `compare`: two builds of bookshelf (say main's and a branch's) on the same generated
//! corpora, run alternately (old, new, new, old, …) so that a change in the machine's load
//! falls on both alike, with the median wall time, CPU time and peak memory of each, and
//! whether they wrote the same bytes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;

use crate::corpus::{self, Format};
use crate::measure::{self, Ended, Run};
use crate::stats::Summary;

/// What to compare.
#[derive(Debug)]
pub(crate) struct Options {
    pub(crate) old: PathBuf,
    pub(crate) new: PathBuf,
    pub(crate) pages: Vec<usize>,
    pub(crate) runs: usize,
    pub(crate) timeout: Duration,
    pub(crate) workspace: PathBuf,
    pub(crate) work: PathBuf,
}

/// The two binaries of a round, in the order they run: old first in even rounds, new first
/// in odd ones (old, new, new, old, old, new…).
pub(crate) fn order(round: usize) -> [usize; 2] {
    if round.is_multiple_of(2) {
        [0, 1]
    } else {
        [1, 0]
    }
}

/// Runs the comparison and returns the report's lines.
pub(crate) fn run(opts: &Options) -> anyhow::Result<Vec<String>> {
    let gen = corpus::generator(&opts.workspace)?;
    let bins = [&opts.old, &opts.new];
    for bin in bins {
        anyhow::ensure!(bin.is_file(), "no binary at `{}`", bin.display());
    }
    let mut lines = vec![
        format!("old: {}", opts.old.display()),
        format!("new: {}", opts.new.display()),
        format!(
            "{} alternating runs of each per corpus (old, new, new, old, …); medians, with the \
             range in brackets",
            opts.runs
        ),
        String::new(),
        "| pages | binary | wall (s) | CPU (s) | peak RSS (MiB) |".into(),
        "|---:|---|---:|---:|---:|".into(),
    ];
    let mut notes = Vec::new();
    for &pages in &opts.pages {
        let dir = opts.work.join(format!("corpus-{pages}"));
        let corpus = corpus::generate(&gen, &dir, pages, Format::Bookshelf)?;
        let mut runs: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
        for round in 0..opts.runs {
            for which in order(round) {
                let name = ["old", "new"][which];
                let out = opts.work.join(format!("out-{pages}-{name}"));
                let _ = std::fs::remove_dir_all(&out);
                let mut cmd = std::process::Command::new(bins[which]);
                cmd.arg("build")
                    .arg("--quiet")
                    .arg("--root")
                    .arg(&corpus.dir)
                    .arg("--out")
                    .arg(&out);
                let log = opts.work.join(format!("build-{pages}-{name}.log"));
                match measure::run(cmd, &log, opts.timeout)? {
                    Ended::Done(r) => {
                        eprintln!(
                            "{pages} pages, round {}, {name}: {:.2} s, {} MiB",
                            round + 1,
                            r.wall.as_secs_f64(),
                            r.max_rss_kib / 1024
                        );
                        runs[which].push(r);
                    }
                    Ended::TimedOut => anyhow::bail!(
                        "the {name} build of {pages} pages took over {:?}",
                        opts.timeout
                    ),
                }
            }
        }
        let mut medians = [0.0; 2];
        for (which, name) in ["old", "new"].iter().enumerate() {
            let wall = summary(runs[which].iter().map(|r| r.wall.as_secs_f64()));
            let cpu = summary(runs[which].iter().map(|r| r.cpu));
            let rss = summary(runs[which].iter().map(|r| r.max_rss_kib as f64 / 1024.0));
            medians[which] = wall.median;
            lines.push(format!(
                "| {pages} | {name} | {} | {} | {} |",
                cell(wall, 2),
                cell(cpu, 2),
                cell(rss, 0)
            ));
        }
        notes.push(format!(
            "{pages} pages: new/old median wall time {:.3}",
            medians[1] / medians[0]
        ));
        let same = first_difference(
            &opts.work.join(format!("out-{pages}-old")),
            &opts.work.join(format!("out-{pages}-new")),
        )?;
        notes.push(match same {
            None => format!("{pages} pages: the two sites are the same, byte for byte"),
            Some(path) => format!("{pages} pages: the sites differ, first at `{path}`"),
        });
    }
    lines.push(String::new());
    lines.extend(notes);
    Ok(lines)
}

fn summary(values: impl Iterator<Item = f64>) -> Summary {
    let values: Vec<f64> = values.collect();
    Summary::of(&values).unwrap_or(Summary {
        median: f64::NAN,
        min: f64::NAN,
        max: f64::NAN,
        n: 0,
    })
}

fn cell(s: Summary, digits: usize) -> String {
    if s.n > 1 {
        format!(
            "{:.digits$} [{:.digits$}–{:.digits$}]",
            s.median, s.min, s.max
        )
    } else {
        format!("{:.digits$}", s.median)
    }
}

/// The first file (site-relative) that is in one folder and not the other, or has other
/// bytes; `None` when the two trees are the same.
pub(crate) fn first_difference(a: &Path, b: &Path) -> anyhow::Result<Option<String>> {
    let (fa, fb) = (files(a)?, files(b)?);
    for (x, y) in fa.iter().zip(&fb) {
        if x != y {
            return Ok(Some(x.min(y).clone()));
        }
    }
    if fa.len() != fb.len() {
        let longer = if fa.len() > fb.len() { &fa } else { &fb };
        return Ok(Some(longer[fa.len().min(fb.len())].clone()));
    }
    for rel in &fa {
        let read = |root: &Path| {
            std::fs::read(root.join(rel))
                .with_context(|| format!("could not read `{}`", root.join(rel).display()))
        };
        if read(a)? != read(b)? {
            return Ok(Some(rel.clone()));
        }
    }
    Ok(None)
}

/// Every file under `root`, site-relative, sorted.
fn files(root: &Path) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .with_context(|| format!("could not list `{}`", dir.display()))?
        {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_alternate_old_new_new_old() {
        let seq: Vec<usize> = (0..4).flat_map(order).collect();
        assert_eq!(seq, [0, 1, 1, 0, 0, 1, 1, 0]);
    }

    #[test]
    fn the_first_difference_is_found() {
        let root = std::env::temp_dir().join(format!("xtask-compare-{}", std::process::id()));
        let (a, b) = (root.join("a"), root.join("b"));
        for d in [&a, &b] {
            std::fs::create_dir_all(d.join("x")).unwrap();
            std::fs::write(d.join("x/index.html"), "same").unwrap();
        }
        assert_eq!(first_difference(&a, &b).unwrap(), None);
        std::fs::write(b.join("x/index.html"), "other").unwrap();
        assert_eq!(
            first_difference(&a, &b).unwrap().as_deref(),
            Some("x/index.html")
        );
        std::fs::write(a.join("y.css"), "").unwrap();
        assert_eq!(first_difference(&a, &b).unwrap().as_deref(), Some("y.css"));
        let _ = std::fs::remove_dir_all(&root);
    }
}
