//! Atomic output: a build writes into a staging folder beside `--out` and swaps it in only
//! when everything succeeded, so a failed or interrupted build leaves the last site intact.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use crate::RenderError;

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
        let out = &self.lock.out;
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

/// Fault injection for the end-to-end tests, compiled only into test builds (the test suite
/// turns on the `fault-injection` feature): `BOOKSHELF_FAULT=POINT` kills the process at
/// `POINT`, as a power cut or `kill -9` would; `BOOKSHELF_FAULT=POINT:wait:FILE` writes `FILE`
/// there and waits until it is deleted, so a test can act while a build holds its lock.
mod fault {
    #[cfg(any(test, feature = "fault-injection"))]
    pub(super) fn active(point: &str) -> bool {
        std::env::var("BOOKSHELF_FAULT").is_ok_and(|v| {
            v.split(',')
                .any(|p| p == point || p.starts_with(&format!("{point}:")))
        })
    }

    #[cfg(not(any(test, feature = "fault-injection")))]
    pub(super) fn active(_: &str) -> bool {
        false
    }

    #[cfg(any(test, feature = "fault-injection"))]
    pub(super) fn point(point: &str) {
        let Ok(spec) = std::env::var("BOOKSHELF_FAULT") else {
            return;
        };
        for p in spec.split(',') {
            if p == point {
                #[cfg(target_os = "linux")]
                // SAFETY: sends a signal to this process; SIGKILL cannot be caught.
                unsafe {
                    libc::kill(libc::getpid(), libc::SIGKILL);
                }
                std::process::abort();
            }
            if let Some(file) = p.strip_prefix(&format!("{point}:wait:")) {
                let file = std::path::Path::new(file);
                let _ = std::fs::write(file, std::process::id().to_string());
                let start = std::time::Instant::now();
                while file.exists() && start.elapsed() < std::time::Duration::from_secs(120) {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
        }
    }

    #[cfg(not(any(test, feature = "fault-injection")))]
    pub(super) fn point(_: &str) {}
}

// linux/fs.h: FS_IOC_GETFLAGS, FS_IOC_SETFLAGS (on a `long`) and FS_TOPDIR_FL.
#[cfg(target_os = "linux")]
const GET_FLAGS: libc::c_ulong = 0x8008_6601;
#[cfg(target_os = "linux")]
const SET_FLAGS: libc::c_ulong = 0x4008_6602;
#[cfg(target_os = "linux")]
const TOPDIR: libc::c_long = 0x0002_0000;

/// A folder's inode flags (`lsattr`), where its file system has them.
#[cfg(target_os = "linux")]
fn flags(folder: &std::fs::File) -> Option<libc::c_long> {
    use std::os::fd::AsRawFd;
    let mut flags: libc::c_long = 0;
    // SAFETY: the call writes one `long` through a pointer to a live local, on an open file
    // descriptor; a file system without flags answers with an error.
    (unsafe { libc::ioctl(folder.as_raw_fd(), GET_FLAGS, &mut flags) } == 0).then_some(flags)
}

/// Hint the file system that the folders made in `dir` hold unrelated trees, so it spreads
/// them over the disk: on ext4 this sets the Orlov allocator's "top directory" flag
/// (`chattr +T`). Elsewhere, and on file systems without the flag, it does nothing.
///
/// Why: a site's folders are made in one burst, thousands to a section, and a rebuild makes
/// them again just after the last site's were deleted. ext4 without a journal will not reuse
/// an inode freed in the last minute or more, and checks every such inode in a block group one
/// by one before each new file it puts there; with every page folder packed into the block
/// groups the last build just emptied, each `mkdir` and `open` walked thousands of them (at
/// 10,000 pages, a build's kernel time grew by about 2 s with each rebuild). Spread, the page
/// folders land in many groups, each with few such inodes.
pub(crate) fn spread_folders(dir: &Path) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let Ok(folder) = std::fs::File::open(dir) else {
            return;
        };
        if let Some(flags) = flags(&folder).filter(|f| f & TOPDIR == 0) {
            // SAFETY: as in `flags`, reading one `long`. An error is ignored: it is a hint.
            unsafe { libc::ioctl(folder.as_raw_fd(), SET_FLAGS, &(flags | TOPDIR)) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
}

/// Whether `dir` is marked to spread its folders (`spread_folders`): `None` unless it is on
/// ext4 (or ext2/3), the file systems with the flag.
#[cfg(all(test, target_os = "linux"))]
pub(crate) fn spreads(dir: &Path) -> Option<bool> {
    use std::os::unix::ffi::OsStrExt;
    const EXT4_SUPER_MAGIC: libc::c_long = 0xEF53;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: `statfs` fills the zeroed struct it is given for a NUL-terminated path.
    let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(path.as_ptr(), &mut fs) } != 0
        || fs.f_type as libc::c_long != EXT4_SUPER_MAGIC
    {
        return None;
    }
    Some(flags(&std::fs::File::open(dir).ok()?)? & TOPDIR != 0)
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
