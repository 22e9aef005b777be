//! Rebuild after an edit: each tool's development server on a free loopback port, one page's
//! source appended to, and the served page polled until the new sentence is there.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::builds::{rotated, Corpora};
use crate::corpus::Restore;
use crate::measure::{self, Server};
use crate::tools::{self, Tool, Tools};

/// The longest wait for one edit to be served.
const EDIT_TIMEOUT: Duration = Duration::from_secs(60);
/// The pause after each edit, so that no tool is still busy with the last one.
const SETTLE: Duration = Duration::from_millis(1500);

/// Figures of one tool: time to first page (s) and edit → served times (ms), or why not.
#[derive(Debug, Clone, Default)]
pub(crate) struct Served {
    pub(crate) startup: Vec<f64>,
    pub(crate) edits: Vec<f64>,
    /// Why the server gave no figures at all.
    pub(crate) note: Option<String>,
    /// Edits whose new text was not served within the time limit.
    pub(crate) timeouts: usize,
}

/// Starts the servers of `tools_to_run` one after another, then runs `edits` rounds of edits,
/// the tools taking turns. Returns one entry a tool, in the order given.
pub(crate) fn run(
    tools: &Tools,
    corpora: &Corpora,
    work: &Path,
    pages: usize,
    tools_to_run: &[Tool],
    edits: usize,
    timeout: Duration,
) -> anyhow::Result<Vec<(Tool, Served)>> {
    let logs = work.join("logs");
    std::fs::create_dir_all(&logs)?;
    let mut results: Vec<(Tool, Served)> = tools_to_run
        .iter()
        .map(|t| (*t, Served::default()))
        .collect();
    let mut restores = Vec::new();
    let mut servers: Vec<Option<(Server, String)>> = Vec::new();
    for (tool, served) in &mut results {
        let corpus = corpora.of(*tool);
        restores.push(Restore::new(&corpus.edit_source)?);
        let port = measure::free_port()?;
        let (cmd, path) = tools::serve(tools, *tool, &corpus.dir, port, &corpus.edit_id);
        let log = logs.join(format!("serve-{}-{pages}.log", tool.name()));
        eprintln!("  starting {} serve, {pages} pages", tool.name());
        match Server::start(cmd, port, &path, &log, timeout) {
            Ok((server, took)) => {
                served.startup.push(took.as_secs_f64());
                servers.push(Some((server, path)));
            }
            Err(e) => {
                eprintln!("  {} serve is not available: {e:#}", tool.name());
                let said = std::fs::read_to_string(&log).unwrap_or_default();
                let last = said
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("no output")
                    .to_string();
                served.note = Some(format!("not available: `{}`", first_line(&last)));
                servers.push(None);
            }
        }
    }
    let order: Vec<usize> = (0..results.len())
        .filter(|i| servers[*i].is_some())
        .collect();
    for round in 0..edits {
        for i in rotated(&order, round) {
            let (tool, served) = &mut results[i];
            let Some((server, path)) = &servers[i] else {
                continue;
            };
            let corpus = corpora.of(*tool);
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let marker = format!("xtask{round}x{i}x{nanos}");
            match measure::edit_to_served(server, &corpus.edit_source, path, &marker, EDIT_TIMEOUT)?
            {
                Some(took) => {
                    eprintln!(
                        "  edit {}/{edits}: {} served it in {:.0} ms",
                        round + 1,
                        tool.name(),
                        took.as_secs_f64() * 1e3
                    );
                    served.edits.push(took.as_secs_f64() * 1e3);
                }
                None => {
                    eprintln!(
                        "  edit {}/{edits}: {} did not serve it within {EDIT_TIMEOUT:?}",
                        round + 1,
                        tool.name()
                    );
                    served.timeouts += 1;
                }
            }
            std::thread::sleep(SETTLE);
        }
    }
    drop(servers);
    drop(restores);
    for (_, served) in &mut results {
        if served.note.is_none() && served.edits.is_empty() && served.timeouts > 0 {
            served.note = Some(format!(
                "no edit served within {} s",
                EDIT_TIMEOUT.as_secs()
            ));
        }
    }
    Ok(results)
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut short: String = line.chars().take(120).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}
