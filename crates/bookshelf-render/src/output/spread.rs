//! A hint to ext4 to spread a site's folders over the disk (`chattr +T`).

use std::path::Path;

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
