//! Atomic output: a build writes into a staging folder beside `--out` and swaps it in only
//! when everything succeeded, so a failed or interrupted build leaves the last site intact.

use std::path::{Path, PathBuf};

use crate::RenderError;

mod fault;
mod lock;
mod spread;

pub use lock::OutputLock;
pub(crate) use spread::spread_folders;
#[cfg(all(test, target_os = "linux"))]
pub(crate) use spread::spreads;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RenderError + '_ {
    move |e| RenderError::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

/// The output folder's name, which names everything kept beside it.
fn name_of(out: &Path) -> String {
    out.file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned())
}

fn parent_of(out: &Path) -> &Path {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    out.with_file_name(format!(".{}.{tag}-{}", name_of(out), std::process::id()))
}
/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging<'a> {
    lock: &'a OutputLock,
    dir: PathBuf,
    done: bool,
}

impl Staging<'_> {
    /// The folder to write into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swap the staging folder in as the output: one atomic exchange of the two folders
    /// where the file system can (Linux's `renameat2(RENAME_EXCHANGE)`), so there is always
    /// a whole site at the output's path; elsewhere two renames, with the last site put back
    /// by the next build if the process is stopped between them. The replaced site is handed
    /// back to be removed ([`Replaced`]).
    pub fn commit(mut self) -> Result<Replaced, RenderError> {
        let out = self.lock.out();
        fault::point("before-swap");
        if std::fs::symlink_metadata(out).is_err() {
            std::fs::rename(&self.dir, out).map_err(io(out))?;
            self.done = true;
            return Ok(Replaced(None));
        }
        let old = match exchange(&self.dir, out) {
            Ok(()) => {
                // The staging folder's name now holds the replaced site.
                self.done = true;
                fault::point("after-swap");
                self.dir.clone()
            }
            Err(e) if !exchange_unsupported(&e) => return Err(io(out)(e)),
            Err(_) => {
                let old = sibling(out, "old");
                std::fs::rename(out, &old).map_err(io(out))?;
                fault::point("between-renames");
                if let Err(e) = std::fs::rename(&self.dir, out) {
                    let _ = std::fs::rename(&old, out);
                    return Err(io(out)(e));
                }
                self.done = true;
                old
            }
        };
        Ok(Replaced(Some(old)))
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The site a commit replaced, still beside the output under a hidden name. Removing it can
/// take longer than the whole build (it is thousands of files), so the caller chooses when:
/// now ([`Replaced::remove`]), on a thread of a process that lives on
/// ([`Replaced::remove_in_background`]), or by a process that outlives this one
/// ([`Replaced::into_path`] and [`remove_replaced`]). Dropped, it is removed at once, so old
/// copies never pile up; whatever a killed process leaves, the next build removes.
#[derive(Debug)]
#[must_use = "dropping it removes the replaced site at once"]
pub struct Replaced(Option<PathBuf>);

impl Replaced {
    /// Remove it now.
    pub fn remove(mut self) {
        if let Some(old) = self.0.take() {
            let _ = std::fs::remove_dir_all(old);
        }
    }

    /// Remove it on a thread of its own, without waiting.
    pub fn remove_in_background(mut self) {
        if let Some(old) = self.0.take() {
            std::thread::spawn(move || {
                let _ = std::fs::remove_dir_all(old);
            });
        }
    }

    /// Its path, for the caller to remove (`None` when no site was replaced).
    pub fn into_path(mut self) -> Option<PathBuf> {
        self.0.take()
    }
}

impl Drop for Replaced {
    fn drop(&mut self) {
        if let Some(old) = self.0.take() {
            let _ = std::fs::remove_dir_all(old);
        }
    }
}

/// Remove a replaced site handed over by [`Replaced::into_path`]. Refuses any folder whose
/// name is not one a swap leaves (`.NAME.tmp-PID` or `.NAME.old-PID`), so it can never be
/// pointed at anything else.
pub fn remove_replaced(path: &Path) -> Result<(), RenderError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let ours = name.as_deref().is_some_and(|n| {
        n.starts_with('.')
            && [".tmp-", ".old-"].iter().any(|tag| {
                n.rsplit_once(tag).is_some_and(|(_, pid)| {
                    !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
                })
            })
    });
    if !ours {
        return Err(io(path)(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a site replaced by a build",
        )));
    }
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(path)(e)),
        _ => Ok(()),
    }
}

/// Exchange two folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    if fault::active("no-exchange") {
        return Err(std::io::Error::from_raw_os_error(libc::EINVAL));
    }
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether `exchange` failed because the system or file system cannot do it (then the two
/// renames are used), rather than for a reason the renames would hit too.
fn exchange_unsupported(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if let Some(code) = e.raw_os_error() {
        return [libc::EINVAL, libc::ENOSYS, libc::EOPNOTSUPP].contains(&code);
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hidden command that removes a replaced site removes only folders a swap leaves.
    #[test]
    fn only_a_replaced_site_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "site",
            ".site.tmp-",
            ".site.tmp-12x",
            "content",
            ".site.lock-1",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir(&path).unwrap();
            assert!(remove_replaced(&path).is_err(), "`{name}` is refused");
            assert!(path.is_dir(), "`{name}` is kept");
        }
        for name in [".site.tmp-123", ".my-site.old-9"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.join("guides/a")).unwrap();
            std::fs::write(path.join("guides/a/index.html"), "x").unwrap();
            remove_replaced(&path).unwrap();
            assert!(!path.exists(), "`{name}` is removed");
            remove_replaced(&path).unwrap();
        }
    }

    /// A lock is refused while held, taken again once let go, and leaves no file behind.
    #[test]
    fn the_lock_is_exclusive_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let lock = OutputLock::acquire(&out).unwrap();
        match OutputLock::acquire(&out) {
            Err(RenderError::Busy { holder, .. }) => {
                assert!(holder.starts_with(&format!("process {}", std::process::id())))
            }
            other => panic!("not refused: {other:?}"),
        }
        drop(lock);
        assert!(!dir.path().join(".site.lock").exists());
        drop(OutputLock::acquire(&out).unwrap());
    }
}
