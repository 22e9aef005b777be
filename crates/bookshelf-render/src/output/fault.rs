//! Fault injection for the end-to-end tests, compiled only into test builds (the test suite
//! turns on the `fault-injection` feature): `BOOKSHELF_FAULT=POINT` kills the process at
//! `POINT`, as a power cut or `kill -9` would; `BOOKSHELF_FAULT=POINT:wait:FILE` writes `FILE`
//! there and waits until it is deleted, so a test can act while a build holds its lock.

#[cfg(any(test, feature = "fault-injection"))]
pub(crate) fn active(point: &str) -> bool {
    std::env::var("BOOKSHELF_FAULT").is_ok_and(|v| {
        v.split(',')
            .any(|p| p == point || p.starts_with(&format!("{point}:")))
    })
}

#[cfg(not(any(test, feature = "fault-injection")))]
pub(crate) fn active(_: &str) -> bool {
    false
}

#[cfg(any(test, feature = "fault-injection"))]
pub(crate) fn point(point: &str) {
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
pub(crate) fn point(_: &str) {}
