//! The cold full builds: every tool in turn, the order rotating each round, with Pagefind run
//! over bookshelf's fresh site at the end of each round.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::corpus::Corpus;
use crate::measure::{self, Ended};
use crate::tools::{self, Tool, Tools};

/// One build job of a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Job {
    Build(Tool),
    /// bookshelf on the copy with search turned off (to time the index by difference).
    NoSearch,
    /// bookshelf or Hugo writing into a folder on tmpfs, where a new file costs no disk
    /// bookkeeping: the tools' own cost, apart from the file system's.
    Tmpfs(Tool),
}

/// Wall times (s) and peak memory (MiB) of one job over the rounds, or why it has none.
#[derive(Debug, Clone, Default)]
pub(crate) struct Series {
    pub(crate) wall: Vec<f64>,
    pub(crate) rss: Vec<f64>,
    pub(crate) cpu: Vec<f64>,
    pub(crate) note: Option<String>,
}

impl Series {
    fn push(&mut self, ended: Ended, timeout: Duration) {
        match ended {
            Ended::Done(run) => {
                self.wall.push(run.wall.as_secs_f64());
                self.rss.push(run.max_rss_kib as f64 / 1024.0);
                self.cpu.push(run.cpu);
            }
            Ended::TimedOut => self.note = Some(format!("stopped after {} s", timeout.as_secs())),
        }
    }
}

/// The corpora of one page count.
pub(crate) struct Corpora {
    pub(crate) bookshelf: Corpus,
    pub(crate) no_search: Corpus,
    pub(crate) mdbook: Corpus,
    pub(crate) hugo: Corpus,
}

impl Corpora {
    pub(crate) fn of(&self, tool: Tool) -> &Corpus {
        match tool {
            Tool::Bookshelf => &self.bookshelf,
            Tool::Mdbook => &self.mdbook,
            Tool::Hugo => &self.hugo,
        }
    }
}

/// Every series of one page count.
#[derive(Debug, Default)]
pub(crate) struct Builds {
    pub(crate) bookshelf: Series,
    pub(crate) no_search: Series,
    pub(crate) mdbook: Series,
    pub(crate) hugo: Series,
    pub(crate) pagefind: Series,
    /// bookshelf and Hugo with their output on tmpfs (when the machine has `/dev/shm`).
    pub(crate) tmpfs_bookshelf: Series,
    pub(crate) tmpfs_hugo: Series,
    /// bookshelf's last site, with Pagefind's index in it.
    pub(crate) site: PathBuf,
}

/// `jobs` rotated left by `round`, so each tool takes each place in turn.
pub(crate) fn rotated<T: Copy>(jobs: &[T], round: usize) -> Vec<T> {
    let mut out = jobs.to_vec();
    if !out.is_empty() {
        let k = round % out.len();
        out.rotate_left(k);
    }
    out
}

/// Runs `rounds` rounds of cold builds. mdBook is left out when `run_mdbook` is false.
pub(crate) fn run(
    tools: &Tools,
    corpora: &Corpora,
    work: &Path,
    pages: usize,
    rounds: usize,
    run_mdbook: bool,
    timeout: Duration,
) -> anyhow::Result<Builds> {
    let logs = work.join("logs");
    std::fs::create_dir_all(&logs)?;
    let site = work.join(format!("out/bookshelf-{pages}"));
    let no_search_site = work.join(format!("out/bookshelf-nosearch-{pages}"));
    let mut jobs = vec![
        Job::Build(Tool::Bookshelf),
        Job::NoSearch,
        Job::Build(Tool::Hugo),
    ];
    if run_mdbook {
        jobs.push(Job::Build(Tool::Mdbook));
    }
    let tmpfs = tmpfs_dir(pages);
    if let Some(t) = &tmpfs {
        std::fs::create_dir_all(t)?;
        jobs.extend([Job::Tmpfs(Tool::Bookshelf), Job::Tmpfs(Tool::Hugo)]);
    }
    let mut b = Builds {
        site: site.clone(),
        ..Builds::default()
    };
    if !run_mdbook {
        b.mdbook.note = Some(format!("not run at {pages} pages (close to quadratic)"));
    }
    for round in 0..rounds {
        for job in rotated(&jobs, round) {
            let (cmd, clear, series, name) = match job {
                Job::Build(tool) => {
                    let (cmd, clear) = tools::build(tools, tool, &corpora.of(tool).dir, &site);
                    let series = match tool {
                        Tool::Bookshelf => &mut b.bookshelf,
                        Tool::Mdbook => &mut b.mdbook,
                        Tool::Hugo => &mut b.hugo,
                    };
                    (cmd, clear, series, tool.name())
                }
                Job::NoSearch => {
                    let (cmd, clear) = tools::build(
                        tools,
                        Tool::Bookshelf,
                        &corpora.no_search.dir,
                        &no_search_site,
                    );
                    (cmd, clear, &mut b.no_search, "bookshelf (no search)")
                }
                Job::Tmpfs(tool) => {
                    let out = tmpfs.as_ref().expect("a tmpfs job").join(tool.name());
                    let (mut cmd, mut clear) =
                        tools::build(tools, tool, &corpora.of(tool).dir, &out);
                    if tool == Tool::Hugo {
                        cmd.arg("--destination").arg(&out);
                        clear.push(out.clone());
                    }
                    let series = if tool == Tool::Hugo {
                        &mut b.tmpfs_hugo
                    } else {
                        &mut b.tmpfs_bookshelf
                    };
                    (cmd, clear, series, tmpfs_name(tool))
                }
            };
            if series.note.is_some() {
                continue;
            }
            for dir in clear {
                remove(&dir)?;
            }
            eprintln!(
                "  round {}/{rounds}: {name} build, {pages} pages",
                round + 1
            );
            let log = logs.join(format!(
                "build-{}-{pages}-{round}.log",
                name.replace([' ', '(', ')'], "")
            ));
            match measure::run(cmd, &log, timeout) {
                Ok(ended) => series.push(ended, timeout),
                Err(e) => {
                    eprintln!("  {name} failed: {e:#}");
                    series.note = Some(format!("failed (see `{}`)", log.display()));
                }
            }
        }
        if b.bookshelf.note.is_none() && site.join("index.html").is_file() {
            eprintln!(
                "  round {}/{rounds}: Pagefind over bookshelf's site",
                round + 1
            );
            remove(&site.join("pagefind"))?;
            let cmd = crate::search::pagefind_command(&tools.pagefind, &site);
            match measure::run(
                cmd,
                &logs.join(format!("pagefind-{pages}-{round}.log")),
                timeout,
            ) {
                Ok(ended) => b.pagefind.push(ended, timeout),
                Err(e) => b.pagefind.note = Some(format!("failed: {e:#}")),
            }
        }
    }
    if let Some(t) = &tmpfs {
        // Memory, not disk: give it back now.
        remove(t)?;
    }
    Ok(b)
}

/// The name of a tmpfs job in the log.
fn tmpfs_name(tool: Tool) -> &'static str {
    match tool {
        Tool::Hugo => "Hugo (tmpfs)",
        _ => "bookshelf (tmpfs)",
    }
}

/// The folder for the builds on tmpfs, when `/dev/shm` is a tmpfs with room for them.
fn tmpfs_dir(pages: usize) -> Option<PathBuf> {
    let shm = Path::new("/dev/shm");
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    let is_tmpfs = mounts.lines().any(|l| {
        l.split_whitespace()
            .take(3)
            .eq(["tmpfs", "/dev/shm", "tmpfs"])
    });
    // bookshelf writes ~70 kB a page (both variants, print, search), Hugo ~12 kB.
    let room = 100_000 * pages as u64 + (256 << 20);
    (is_tmpfs && crate::measure::free_bytes(shm).is_some_and(|free| free > room))
        .then(|| shm.join(format!("bookshelf-bench-{}-{pages}", std::process::id())))
}

fn remove(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(anyhow::anyhow!("could not remove `{}`: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_job_takes_each_place() {
        let jobs = [1, 2, 3];
        assert_eq!(rotated(&jobs, 0), vec![1, 2, 3]);
        assert_eq!(rotated(&jobs, 1), vec![2, 3, 1]);
        assert_eq!(rotated(&jobs, 4), vec![2, 3, 1]);
        assert!(rotated::<u8>(&[], 3).is_empty());
    }
}
