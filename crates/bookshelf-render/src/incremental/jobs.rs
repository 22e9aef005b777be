//! One job of a rebuild: rendered, and written when its bytes changed (the print page writes
//! itself), with what the rebuild's bookkeeping needs of it.

use std::collections::HashMap;
use std::path::Path;

use super::keys::hash_of;
use crate::site::{write_new_file, Job, JobOutput, Shared};
use crate::urls::file_for;
use crate::{PageText, RenderError};

/// A job rendered and written: what the rebuild's bookkeeping needs of it.
pub(super) struct Done {
    /// Its site path.
    pub(super) path: String,
    /// The hash of its bytes, and whether they changed (written again); `None` for the
    /// print page, which writes itself.
    pub(super) hash: Option<(u64, bool)>,
    /// The symbol files it uses.
    pub(super) symbols: Vec<String>,
    /// Its text for search.
    pub(super) text: Option<PageText>,
}

/// The symbol files a page links to.
fn symbols_in(html: &str) -> Vec<String> {
    let mut out: Vec<String> = html
        .split("symbols/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|name| !name.is_empty() && !name.contains('/'))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Replace a page the server may be sending: written beside it, then renamed over it, so a
/// request never reads it half written.
fn replace_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
    let path = out.join(rel);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.bookshelf-tmp"));
    let io = |source| RenderError::Io {
        path: path.clone(),
        source,
    };
    let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(io)
}

/// Render `job` (its output file `file`) and write it under `out` when its bytes differ from
/// those `written` before.
pub(super) fn run_job(
    shared: &Shared<'_>,
    job: Job,
    file: &str,
    out: &Path,
    written: &HashMap<String, u64>,
) -> Result<Done, RenderError> {
    match job {
        Job::Print(v) => {
            let path = crate::urls::site_path(v, &shared.route(job));
            shared.write_print(v, &out.join(file_for(&path)))?;
            Ok(Done {
                path,
                hash: None,
                symbols: Vec::new(),
                text: None,
            })
        }
        _ => {
            let (path, html, text): JobOutput = shared.render(job)?;
            let h = hash_of(html.as_bytes());
            let exists = out.join(file).is_file();
            let changed = written.get(file) != Some(&h) || !exists;
            if changed && exists {
                replace_file(out, file, html.as_bytes())?;
            } else if changed {
                write_new_file(out, file, html.as_bytes())?;
            }
            Ok(Done {
                path,
                hash: Some((h, changed)),
                symbols: symbols_in(&html),
                text,
            })
        }
    }
}
