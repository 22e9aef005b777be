//! `serve` under load: 200 concurrent clients on the York bookshelf, over loopback, asking for
//! pages, assets, `search.json`, the server-rendered `/search/?q=` page, with live-reload
//! (SSE) streams held open. Asserts that every request succeeds, and the server's peak memory
//! (VmHWM) and p99 latency.
//!
//! The suite runs 4,000 requests (some 20 s on two cores in a debug build). The full run of
//! 20,000 is `#[ignore]`d; BENCHMARKS.md gives its figures and the command. Linux only: the
//! figures come from `/proc`.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::helpers::Fixture;

const CLIENTS: usize = 200;
/// Clients that also hold a live-reload stream open, as an open browser tab does.
const SSE_CLIENTS: usize = 20;
const QUERIES: [&str; 8] = [
    "ehcp",
    "co-production",
    "annual+review",
    "parents",
    "checklist",
    "transition",
    "coproduction",
    "meeting",
];
const MIB: u64 = 1024 * 1024;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CPU seconds (user + system) used so far by process `pid` (`self` for this one).
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc stat");
    // Fields 14 and 15 (utime, stime), counted after the command name's closing bracket.
    let rest = &stat[stat.rfind(')').expect("a command name") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    // SAFETY: sysconf only reads a constant.
    ticks / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
}

impl Server {
    /// A `/proc/PID/status` field in bytes (`VmHWM`: the peak resident memory).
    fn memory(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        let line = status
            .lines()
            .find(|l| l.starts_with(field))
            .unwrap_or_else(|| panic!("{field} in /proc status"));
        let kib: u64 = line
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("a number of kB");
        kib * 1024
    }
}

/// What a run measured.
#[derive(Debug)]
struct Figures {
    requests: usize,
    errors: Vec<String>,
    /// Each answered request's kind (see `kind_of`) and latency.
    latencies: Vec<(&'static str, Duration)>,
    elapsed: Duration,
    peak_before: u64,
    peak_after: u64,
    threads: usize,
    /// CPU seconds the server and this process (the clients) used during the load.
    server_cpu: f64,
    client_cpu: f64,
}

impl Figures {
    fn percentile(&self, p: f64) -> Duration {
        self.percentile_of(None, p)
    }

    /// Nearest-rank percentile of one kind of request, or of all.
    fn percentile_of(&self, kind: Option<&str>, p: f64) -> Duration {
        let mut sorted: Vec<Duration> = self
            .latencies
            .iter()
            .filter(|(k, _)| kind.is_none_or(|kind| kind == *k))
            .map(|(_, d)| *d)
            .collect();
        sorted.sort();
        let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[at]
    }

    fn report(&self) -> String {
        format!(
            "{} requests from {CLIENTS} clients ({SSE_CLIENTS} with a live-reload stream) in {:.2} s: \
             {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} errors; \
             server peak RSS {:.1} MiB after the first build, {:.1} MiB after the load; {} threads; \
             CPU: server {:.2} s, clients {:.2} s",
            self.requests,
            self.elapsed.as_secs_f64(),
            self.requests as f64 / self.elapsed.as_secs_f64(),
            self.percentile(0.50).as_secs_f64() * 1e3,
            self.percentile(0.99).as_secs_f64() * 1e3,
            self.percentile(1.0).as_secs_f64() * 1e3,
            self.errors.len(),
            self.peak_before as f64 / MIB as f64,
            self.peak_after as f64 / MIB as f64,
            self.threads,
            self.server_cpu,
            self.client_cpu,
        ) + &KINDS
            .iter()
            .map(|kind| {
                format!(
                    "\n  {kind}: p50 {:.1} ms, p99 {:.1} ms",
                    self.percentile_of(Some(kind), 0.50).as_secs_f64() * 1e3,
                    self.percentile_of(Some(kind), 0.99).as_secs_f64() * 1e3
                )
            })
            .collect::<String>()
    }
}

/// The binary under test: `BOOKSHELF_LOAD_BIN` (a release build, for the figures) or the
/// one cargo built for this suite.
fn binary() -> std::path::PathBuf {
    std::env::var_os("BOOKSHELF_LOAD_BIN")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_bookshelf").into())
}

fn start(f: &Fixture) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(binary())
        .args([
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--out",
        ])
        .arg(f.out())
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .env_remove("BOOKSHELF_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    Server { child, port }
}

/// One GET on a connection; the status and body.
async fn fetch(
    sender: &mut http1::SendRequest<Empty<Bytes>>,
    port: u16,
    path: &str,
) -> Result<(u16, Bytes), String> {
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, format!("127.0.0.1:{port}"))
        .body(Empty::<Bytes>::new())
        .map_err(|e| e.to_string())?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((status, body))
}

async fn connect(port: u16) -> Result<http1::SendRequest<Empty<Bytes>>, String> {
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .map_err(|e| e.to_string())?;
    let (sender, connection) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    Ok(sender)
}

/// Pages and assets of the built site, as URL paths.
fn site_paths(out: &Path) -> (Vec<String>, Vec<String>) {
    let (mut pages, mut assets) = (Vec::new(), Vec::new());
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.expect("walk the site");
        let rel = entry.path().strip_prefix(out).expect("inside");
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.starts_with("search/index") || !entry.file_type().is_file() {
            continue;
        }
        if let Some(folder) = rel.strip_suffix("index.html") {
            pages.push(format!("/{folder}"));
        } else if [".css", ".js", ".svg"].iter().any(|e| rel.ends_with(e)) {
            assets.push(format!("/{rel}"));
        }
    }
    (pages, assets)
}

const KINDS: [&str; 4] = ["page", "asset", "search.json", "search page"];

/// What request `i` asks for (one of `KINDS`).
fn kind_of(i: usize) -> &'static str {
    match i % 20 {
        0..=9 => KINDS[0],
        10..=14 => KINDS[1],
        15 | 16 | 19 => KINDS[2],
        _ => KINDS[3],
    }
}

/// The path of request `i` and a piece of text its body must hold.
fn request_for(i: usize, pages: &[String], assets: &[String]) -> (String, &'static str) {
    let q = QUERIES[i / 20 % QUERIES.len()];
    match i % 20 {
        0..=9 => (pages[i / 20 % pages.len()].clone(), "</html>"),
        10..=14 => (assets[i / 20 % assets.len()].clone(), ""),
        15 | 16 => (format!("/search.json?q={q}"), "\"hits\""),
        17 => (format!("/search/?q={q}"), "search-results"),
        18 => (format!("/easy-read/search/?q={q}"), "search-results"),
        _ => (format!("/easy-read/search.json?q={q}&limit=5"), "\"hits\""),
    }
}

async fn hold_events(port: u16) -> Result<(), String> {
    let mut sender = connect(port).await?;
    let request = hyper::Request::get("/__bookshelf/events")
        .header(hyper::header::HOST, format!("localhost:{port}"))
        .body(Empty::<Bytes>::new())
        .map_err(|e| e.to_string())?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let content_type = response.headers().get(hyper::header::CONTENT_TYPE);
    if response.status() != 200 || content_type.is_none_or(|c| c != "text/event-stream") {
        return Err(format!("events: {} {content_type:?}", response.status()));
    }
    // Held open (unread) until the run ends and this task is dropped.
    let _body = response.into_body();
    std::future::pending::<()>().await;
    Ok(())
}

fn run_load(requests: usize) -> (Figures, Server, Fixture) {
    let fixture = Fixture::york();
    let server = start(&fixture);
    let port = server.port;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        // Ready when the search route answers from the index (built after the pages).
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(mut sender) = connect(port).await {
                if let Ok((200, body)) = fetch(&mut sender, port, "/search.json?q=ehcp").await {
                    if body.windows(6).any(|w| w == b"\"hits\"") {
                        break;
                    }
                }
            }
            assert!(Instant::now() < deadline, "serve did not start in time");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let peak_before = server.memory("VmHWM:");
    let (pages, assets) = site_paths(&fixture.out());
    assert!(pages.len() > 20 && assets.len() > 3, "{pages:?} {assets:?}");
    let (pages, assets) = (Arc::new(pages), Arc::new(assets));
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(Mutex::new(Vec::new()));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(requests)));
    let pid = server.child.id().to_string();
    let cpu_before = (cpu_seconds(&pid), cpu_seconds("self"));
    let started = Instant::now();
    runtime.block_on(async {
        let streams: Vec<_> = (0..SSE_CLIENTS)
            .map(|_| {
                let errors = Arc::clone(&errors);
                tokio::spawn(async move {
                    if let Err(e) = hold_events(port).await {
                        errors.lock().unwrap().push(e);
                    }
                })
            })
            .collect();
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let (pages, assets, next) = (pages.clone(), assets.clone(), next.clone());
                let (errors, latencies) = (errors.clone(), latencies.clone());
                tokio::spawn(async move {
                    let mut sender = None;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= requests {
                            return;
                        }
                        let (path, expected) = request_for(i, &pages, &assets);
                        let sent = Instant::now();
                        if sender.is_none() {
                            sender = connect(port)
                                .await
                                .map_err(|e| errors.lock().unwrap().push(e))
                                .ok();
                        }
                        let Some(s) = sender.as_mut() else { continue };
                        match fetch(s, port, &path).await {
                            Ok((200, body))
                                if body
                                    .windows(expected.len().max(1))
                                    .any(|w| expected.is_empty() || w == expected.as_bytes()) =>
                            {
                                latencies.lock().unwrap().push((kind_of(i), sent.elapsed()));
                            }
                            Ok((status, body)) => errors.lock().unwrap().push(format!(
                                "{path}: {status}, {} bytes without `{expected}`",
                                body.len()
                            )),
                            Err(e) => {
                                errors.lock().unwrap().push(format!("{path}: {e}"));
                                sender = None;
                            }
                        }
                    }
                })
            })
            .collect();
        for client in clients {
            client.await.expect("a client task");
        }
        for stream in &streams {
            assert!(!stream.is_finished(), "a live-reload stream ended early");
            stream.abort();
        }
    });
    let elapsed = started.elapsed();
    let (server_cpu, client_cpu) = (
        cpu_seconds(&pid) - cpu_before.0,
        cpu_seconds("self") - cpu_before.1,
    );
    let threads = std::fs::read_dir(format!("/proc/{}/task", server.child.id()))
        .map(|d| d.count())
        .unwrap_or(0);
    let figures = Figures {
        requests,
        errors: std::mem::take(&mut errors.lock().unwrap()),
        latencies: std::mem::take(&mut latencies.lock().unwrap()),
        elapsed,
        peak_before,
        peak_after: server.memory("VmHWM:"),
        threads,
        server_cpu,
        client_cpu,
    };
    (figures, server, fixture)
}

fn check(figures: &Figures) {
    eprintln!("{}", figures.report());
    assert!(
        figures.errors.is_empty(),
        "{} errors, first: {:?}",
        figures.errors.len(),
        &figures.errors[..figures.errors.len().min(5)]
    );
    assert_eq!(figures.latencies.len(), figures.requests);
    assert!(
        figures.peak_after < 300 * MIB,
        "peak RSS {} MiB",
        figures.peak_after / MIB
    );
    // With 200 clients each sending its next request as soon as the last one is answered,
    // latency is about 200 ÷ throughput. An unoptimised build of our crates, sharing two
    // cores with the rest of the suite, answers 500-1,500 a second (p99 0.3-1.05 s), so it
    // gets a loose bound; the 200 ms goal is asserted on a release binary
    // (`BOOKSHELF_LOAD_BIN`, as BENCHMARKS.md runs it).
    let optimised = std::env::var_os("BOOKSHELF_LOAD_BIN").is_some() || !cfg!(debug_assertions);
    let p99_limit = if optimised { 200 } else { 3000 };
    assert!(
        figures.percentile(0.99) < Duration::from_millis(p99_limit),
        "p99 {:?} (limit {p99_limit} ms)",
        figures.percentile(0.99)
    );
}

/// Fault 4 of issue 20: under 200 concurrent clients the server grew to 5.3 GB on hundreds
/// of threads, and each `/search/?q=` rebuilt the whole render context.
#[test]
fn serve_under_two_hundred_clients_answers_all_in_bounded_memory_and_time() {
    let (figures, _server, _fixture) = run_load(4_000);
    check(&figures);
}

/// The full run behind BENCHMARKS.md:
/// `cargo test --release --test testsuite serve_load_full -- --ignored --nocapture`
/// (an optimised client too: a debug-built one uses more CPU than the server).
#[test]
#[ignore = "20,000 requests: a benchmark, run by hand"]
fn serve_load_full_twenty_thousand_requests() {
    let (figures, _server, _fixture) = run_load(20_000);
    check(&figures);
}
