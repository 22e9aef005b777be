//! The lock that lets one process at a time write an output folder.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use super::{io, name_of, parent_of, sibling, spread_folders, Staging};
use crate::RenderError;

/// The right to write one output folder, held from before the first file is written until
/// the process lets go of it: an exclusive `flock` on `.NAME.lock` beside the folder, deleted
/// as the lock is let go. A second build or `serve` on the same folder is refused instead of
/// renaming away a staging folder another process is still writing. The kernel drops the
/// lock when its process ends, however it ends, so a killed build never leaves the folder
/// locked.
#[derive(Debug)]
pub struct OutputLock {
    out: PathBuf,
    path: PathBuf,
    file: File,
}

impl OutputLock {
    /// Take the lock on `out`, or fail with [`RenderError::Busy`] naming the process that
    /// holds it. Once held, it removes what interrupted builds left beside the folder, and
    /// puts back the last site if a build was stopped between the two renames of a swap on
    /// a file system that cannot exchange folders.
    pub fn acquire(out: &Path) -> Result<Self, RenderError> {
        let parent = parent_of(out);
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let path = out.with_file_name(format!(".{}.lock", name_of(out)));
        let mut file = loop {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io(&path))?;
            if !file.try_lock_exclusive().map_err(io(&path))? {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(RenderError::Busy {
                    out: out.to_path_buf(),
                    holder: describe_holder(holder.trim()),
                });
            }
            // The holder deletes the file as it lets go: a lock taken on a file it had just
            // deleted locks nothing, so take it again on the file now at the path.
            if still_at(&file, &path) {
                break file;
            }
        };
        // Who holds it, for the message another process gives.
        let args: Vec<String> = std::env::args().collect();
        let _ = file
            .set_len(0)
            .and_then(|()| write!(file, "{}\n{}\n", std::process::id(), args.join(" ")));
        let lock = Self {
            out: out.to_path_buf(),
            path,
            file,
        };
        lock.clear_leftovers();
        Ok(lock)
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// With the lock held, nothing beside the folder is in use: remove staging folders and
    /// replaced sites of builds that were killed, after putting back a site a fallback swap
    /// was stopped in the middle of.
    fn clear_leftovers(&self) {
        let parent = parent_of(&self.out);
        let name = name_of(&self.out);
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        let mut leftovers: Vec<(String, PathBuf)> = entries
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(n, _)| {
                [".tmp-", ".old-", ".gone-"]
                    .iter()
                    .any(|tag| n.starts_with(&format!(".{name}{tag}")))
            })
            .collect();
        leftovers.sort();
        if std::fs::symlink_metadata(&self.out).is_err() {
            if let Some(i) = leftovers
                .iter()
                .position(|(n, _)| n.starts_with(&format!(".{name}.old-")))
            {
                let (_, old) = leftovers.remove(i);
                if std::fs::rename(&old, &self.out).is_ok() {
                    tracing::warn!(
                        "put back the last site in `{}`: a build was stopped while swapping it",
                        self.out.display()
                    );
                }
            }
        }
        for (_, path) in leftovers {
            let _ = std::fs::remove_dir_all(path);
        }
    }

    /// Make a fresh staging folder beside the output to build into.
    pub fn stage(&self) -> Result<Staging<'_>, RenderError> {
        let dir = sibling(&self.out, "tmp");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        spread_folders(&dir);
        Ok(Staging {
            lock: self,
            dir,
            done: false,
        })
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Nothing is left beside the site: the file goes while it is still locked (a process
        // that opened it meanwhile finds it gone once it gets the lock, see `acquire`). Where
        // open files cannot be deleted it stays, empty of meaning once unlocked.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        // (Named in full: newer std has an `unlock` of its own.)
        let _ = FileExt::unlock(&self.file);
    }
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, _: &Path) -> bool {
    true
}

/// "process 1234 (`bookshelf serve`)", from what the holder wrote in the lock file.
fn describe_holder(text: &str) -> String {
    let mut lines = text.lines();
    match (
        lines.next().and_then(|l| l.trim().parse::<u32>().ok()),
        lines.next(),
    ) {
        (Some(pid), Some(cmd)) if !cmd.trim().is_empty() => {
            format!("process {pid}, `{}`", cmd.trim())
        }
        (Some(pid), _) => format!("process {pid}"),
        (None, _) => "another process".into(),
    }
}
