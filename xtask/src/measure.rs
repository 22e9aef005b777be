//! Measuring processes: wall time and peak memory of a run, servers on loopback ports, and
//! the time from an edit to the new text being served.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};

/// What one run of a command cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub(crate) wall: Duration,
    /// Peak resident memory of the process, in KiB (`ru_maxrss`).
    pub(crate) max_rss_kib: u64,
    /// User plus system CPU time, in seconds: less disturbed by other load than wall time.
    pub(crate) cpu: f64,
}

/// How a measured run ended.
pub(crate) enum Ended {
    Done(Run),
    TimedOut,
}

fn log_file(log: &Path) -> anyhow::Result<(Stdio, Stdio)> {
    let file = std::fs::File::create(log)
        .with_context(|| format!("could not create `{}`", log.display()))?;
    Ok((Stdio::from(file.try_clone()?), Stdio::from(file)))
}

/// Runs `cmd` to the end with its output in `log`; measures wall time and peak memory with
/// `wait4`. A run longer than `timeout` is killed.
pub(crate) fn run(mut cmd: Command, log: &Path, timeout: Duration) -> anyhow::Result<Ended> {
    let (out, err) = log_file(log)?;
    let start = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .with_context(|| format!("could not start {cmd:?}"))?;
    let pid = child.id() as libc::pid_t;
    let (done, watch) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if watch.recv_timeout(timeout).is_err() {
            // SAFETY: `pid` is our child, which has not been reaped yet (wait4 below is
            // still blocked on it), so the id cannot have been reused.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            return true;
        }
        false
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers to locals; `pid` is our un-reaped child.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    let _ = done.send(());
    let killed = watchdog.join().unwrap_or(false);
    drop(child);
    if got != pid {
        bail!(
            "wait4 failed for {cmd:?}: {}",
            std::io::Error::last_os_error()
        );
    }
    if killed {
        return Ok(Ended::TimedOut);
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        bail!(
            "{cmd:?} failed (wait status {status}); see `{}`",
            log.display()
        );
    }
    Ok(Ended::Done(Run {
        wall,
        max_rss_kib: usage.ru_maxrss as u64,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
    }))
}

fn seconds(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

/// A free loopback port (there is a small race between choosing it and using it).
pub(crate) fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// An HTTP/1.0 GET on loopback (so no chunked bodies): the status and the body.
pub(crate) fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw);
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    Some((status, body.to_string()))
}

/// A server process, killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
}

impl Server {
    /// Starts `cmd` and waits until `path` answers 200 on `port`.
    pub(crate) fn start(
        mut cmd: Command,
        port: u16,
        path: &str,
        log: &Path,
        timeout: Duration,
    ) -> anyhow::Result<(Server, Duration)> {
        let (out, err) = log_file(log)?;
        let start = Instant::now();
        let child = cmd
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("could not start {cmd:?}"))?;
        let mut server = Server { child, port };
        loop {
            if let Some((200, _)) = get(port, path) {
                return Ok((server, start.elapsed()));
            }
            if let Some(status) = server.child.try_wait()? {
                bail!(
                    "{cmd:?} stopped ({status}) before serving `{path}`; see `{}`",
                    log.display()
                );
            }
            if start.elapsed() > timeout {
                bail!(
                    "{cmd:?} did not serve `{path}` within {timeout:?}; see `{}`",
                    log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Appends a sentence with a fresh marker to `source` and polls `path` until the served page
/// holds it: the time from the write to the new text being served, or `None` on timeout.
pub(crate) fn edit_to_served(
    server: &Server,
    source: &Path,
    path: &str,
    marker: &str,
    timeout: Duration,
) -> anyhow::Result<Option<Duration>> {
    let start = Instant::now();
    crate::corpus::append_sentence(source, marker)?;
    while start.elapsed() < timeout {
        if let Some((200, body)) = get(server.port, path) {
            if body.contains(marker) {
                return Ok(Some(start.elapsed()));
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Ok(None)
}

/// Bytes free for an unprivileged user on the file system holding `path`.
pub(crate) fn free_bytes(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt as _;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a NUL-terminated path and `st` a properly sized, writable struct.
    let ok = unsafe { libc::statvfs(c.as_ptr(), &mut st) } == 0;
    ok.then(|| st.f_bavail as u64 * st.f_frsize as u64)
}

/// Bytes of every file under `dir`, recursively (0 when it does not exist).
pub(crate) fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            Ok(_) => e.metadata().map_or(0, |m| m.len()),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_process_that_allocates() {
        let dir = std::env::temp_dir().join(format!("xtask-measure-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cmd = Command::new("python3");
        cmd.args(["-c", "b = bytearray(64 * 1024 * 1024); print(len(b))"]);
        let Ended::Done(done) = run(cmd, &dir.join("log"), Duration::from_secs(60)).unwrap() else {
            panic!("timed out")
        };
        assert!(
            done.max_rss_kib > 64 * 1024,
            "peak {} KiB",
            done.max_rss_kib
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("log")).unwrap().trim(),
            "67108864"
        );
        let mut sleeper = Command::new("sleep");
        sleeper.arg("30");
        assert!(matches!(
            run(sleeper, &dir.join("log2"), Duration::from_millis(200)).unwrap(),
            Ended::TimedOut
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
