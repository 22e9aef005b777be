//! How the allocator hands freed memory back to the system.

use libmimalloc_sys::{mi_collect, mi_option_get, mi_option_set, mi_option_t};

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e` (mimalloc.h, v2 and v3),
/// for which libmimalloc-sys names no constant. A test checks it by its default (1,000 ms in
/// mimalloc 3, which the `mimalloc` crate builds; no other option has that default).
const PURGE_DELAY: mi_option_t = 15;

/// While alive, memory freed is kept for reuse rather than handed back to the system.
///
/// By default mimalloc returns free pages a second after they empty. A full build frees and
/// allocates at a great rate on every thread, so pages went back and came in again, each
/// time zeroed by the kernel (a huge page is 2 MiB): at 10,000 pages that was about 8,000
/// page faults and a tenth of the build's CPU time, against under 700 faults held. The peak
/// memory is the same.
pub(crate) struct HoldFreed {
    before: std::ffi::c_long,
}

impl HoldFreed {
    pub(crate) fn new() -> Self {
        // SAFETY: setting and reading an option is thread-safe in mimalloc.
        let before = unsafe { mi_option_get(PURGE_DELAY) };
        unsafe { mi_option_set(PURGE_DELAY, -1) };
        HoldFreed { before }
    }
}

impl Drop for HoldFreed {
    fn drop(&mut self) {
        // SAFETY: as above; collecting returns this thread's free pages to the system.
        unsafe {
            mi_option_set(PURGE_DELAY, self.before);
            mi_collect(true);
        }
    }
}

/// For the rest of the process, back the heap with small (4 KiB) pages only, not transparent
/// huge pages (2 MiB), which mimalloc asks for. A build touches every page of its heap once:
/// a huge page is zeroed whole on first touch, used or not, and partly used ones doubled a
/// 1,000-page build's memory (123 MB against 67 MB) and cost more kernel time than the extra
/// page faults of small pages (0.33 against 0.31 s). For `bookshelf build`, which ends when
/// the build does; a long-running server keeps the default.
pub(crate) fn small_pages_only() {
    #[cfg(target_os = "linux")]
    // SAFETY: the call takes plain integers and changes only this process's paging policy.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Whether this process has transparent huge pages turned off (`small_pages_only`).
#[cfg(all(test, target_os = "linux"))]
fn huge_pages_off() -> bool {
    // SAFETY: as above; the call only reads the flag.
    (unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) }) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_is_mimallocs_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, 1000);
        }
        let held = HoldFreed::new();
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, -1);
        let before = held.before;
        drop(held);
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, before);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn small_pages_only_turns_huge_pages_off_for_the_process() {
        // Run in a child process: the flag lasts as long as the process does.
        if std::env::var_os("BOOKSHELF_TEST_SMALL_PAGES").is_some() {
            small_pages_only();
            assert!(huge_pages_off());
            return;
        }
        assert!(
            !huge_pages_off(),
            "the test process starts with the default"
        );
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "memory::tests::small_pages_only_turns_huge_pages_off_for_the_process",
            ])
            .env("BOOKSHELF_TEST_SMALL_PAGES", "1")
            .status()
            .unwrap();
        assert!(status.success());
    }
}
