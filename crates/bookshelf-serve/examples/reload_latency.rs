//! Measures the serve crate's own share of edit-to-reload latency: file write → `reload` event.
//!
//! The rebuild does no work, so the figure is watching + debouncing + classification + the
//! event's way to the browser; the real rebuild time adds to it.
//!
//! `cargo run -p bookshelf-serve --example reload_latency -- [FILES] [EDITS]`

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use bookshelf_serve::{start, Change, RebuildReport, ServeConfig};

fn main() {
    let mut args = std::env::args().skip(1);
    let files: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let edits: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().canonicalize().expect("a canonical path");
    let content = root.join("content");
    for i in 0..files {
        let folder = content.join(format!("part-{}", i / 100));
        std::fs::create_dir_all(&folder).expect("a folder");
        std::fs::write(folder.join(format!("page-{i}.md")), format!("page {i}")).expect("a page");
    }
    std::fs::create_dir_all(root.join("site")).expect("a site folder");
    std::fs::write(root.join("site/index.html"), "<html><body>hi</body></html>").expect("a page");

    let config = ServeConfig {
        port: 0,
        site_dir: root.join("site"),
        watch: vec![content.clone()],
        ignore: vec![root.join("site")],
        ..ServeConfig::default()
    };
    let rebuild = Box::new(|_: &[Change]| {
        Ok(RebuildReport {
            changed_urls: vec!["/".into()],
        })
    });
    let started = Instant::now();
    let server = start(config, Ok(()), rebuild, None).expect("the server starts");
    let startup = started.elapsed();

    let mut stream = TcpStream::connect(server.addr).expect("a connection");
    stream
        .write_all(b"GET /__bookshelf/events HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .expect("a request");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while line != "\r\n" {
        line.clear();
        reader.read_line(&mut line).expect("the response head");
    }

    let mut times = Vec::with_capacity(edits);
    for edit in 0..edits {
        let page = content.join(format!("part-0/page-{}.md", edit % files.min(100)));
        let written = Instant::now();
        std::fs::write(&page, format!("edit {edit}")).expect("an edit");
        loop {
            line.clear();
            reader.read_line(&mut line).expect("an event");
            if line.starts_with("event: reload") {
                times.push(written.elapsed());
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    server.shutdown();

    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{files} files: start {:.1} ms; write → reload over {edits} edits: median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        ms(startup),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1]),
    );
}
