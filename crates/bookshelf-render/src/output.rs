//! Atomic output: a build writes into a staging folder beside `--out` and swaps it in only
//! when everything succeeded, so a failed or interrupted build leaves the last site intact.

use std::path::{Path, PathBuf};

use crate::RenderError;

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    done: bool,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RenderError + '_ {
    move |e| RenderError::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

impl Staging {
    /// Make a fresh staging folder beside `out`, clearing any left by interrupted builds.
    pub fn new(out: &Path) -> Result<Self, RenderError> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        // Folders left by earlier builds (an interrupted build's staging folder, the site a
        // build replaced) are removed on a thread of their own while this build renders.
        let mut stale = Vec::new();
        if let Ok(entries) = std::fs::read_dir(parent) {
            for e in entries.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.starts_with(&format!(".{name}.tmp-"))
                    || n.starts_with(&format!(".{name}.old-"))
                {
                    // Rename first, so a new folder of the same name cannot clash.
                    let doomed = parent.join(format!(".{name}.gone-{}-{n}", std::process::id()));
                    if std::fs::rename(e.path(), &doomed).is_ok() {
                        stale.push(doomed);
                    }
                } else if n.starts_with(&format!(".{name}.gone-")) {
                    stale.push(e.path());
                }
            }
        }
        if !stale.is_empty() {
            std::thread::spawn(move || {
                for dir in stale {
                    let _ = std::fs::remove_dir_all(dir);
                }
            });
        }
        let dir = sibling(out, "tmp");
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        Ok(Self {
            out: out.to_path_buf(),
            dir,
            done: false,
        })
    }

    /// The folder to write into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swap the staging folder in as the output.
    pub fn commit(mut self) -> Result<(), RenderError> {
        let old = sibling(&self.out, "old");
        let had_old = self.out.exists();
        if had_old {
            std::fs::rename(&self.out, &old).map_err(io(&self.out))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(RenderError::Io {
                path: self.out.clone(),
                source: e,
            });
        }
        self.done = true;
        // The replaced site is left as `.NAME.old-PID`; the next build removes it in the
        // background, so this build does not wait for thousands of files to be deleted.
        let _ = had_old;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
