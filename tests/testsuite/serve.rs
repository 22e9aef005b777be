//! `bookshelf serve` end to end: start it on a free port over a copy of a fixture, edit a
//! page and get the new content, break a file and keep the old page with the error shown,
//! fix it and recover; search on the server; paths out of the site refused.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::Fixture;

pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A raw HTTP/1.1 GET; returns status and body.
pub(crate) fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

pub(crate) fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

pub(crate) fn start(f: &Fixture) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_bookshelf"))
        .args(["serve", "--port", &port.to_string(), "--out"])
        .arg(f.out())
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let server = Server { child, port };
    wait_for("the server", || {
        get(port, "/").is_some_and(|(s, _)| s == 200)
    });
    server
}

#[test]
fn edit_break_and_fix_while_serving() {
    let f = Fixture::new("small");
    let server = start(&f);
    let port = server.port;
    let (status, home) = get(port, "/").unwrap();
    assert_eq!(status, 200);
    assert!(
        home.contains("/__bookshelf/reload.js"),
        "the reload script is added in serve mode"
    );
    assert!(
        !std::fs::read_to_string(f.out().join("index.html"))
            .unwrap()
            .contains("__bookshelf"),
        "never written to disk"
    );

    // Edit: the new words are served.
    let page = f.root().join("content/guides/meetings.md");
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{original}\nA brand new sentence.\n")).unwrap();
    wait_for("the edit", || {
        get(port, "/guides/meetings/").is_some_and(|(_, b)| b.contains("A brand new sentence."))
    });

    // Break: the last good page is still served, with the error shown.
    std::fs::write(&page, "---\ntitle: Meetings\n---\n\n[broken](nope.md)\n").unwrap();
    wait_for("the error overlay", || {
        get(port, "/guides/meetings/")
            .is_some_and(|(_, b)| b.contains("nope.md") && b.contains("A brand new sentence."))
    });

    // Fix: the overlay goes and the fixed page is served.
    std::fs::write(&page, format!("{original}\nFixed again.\n")).unwrap();
    wait_for("the fix", || {
        get(port, "/guides/meetings/")
            .is_some_and(|(_, b)| b.contains("Fixed again.") && !b.contains("nope.md"))
    });
}

#[test]
fn search_on_the_server_and_paths_out_of_the_site() {
    let f = Fixture::new("small");
    let server = start(&f);
    let port = server.port;
    wait_for("search", || {
        get(port, "/search/?q=EHCP")
            .is_some_and(|(s, b)| s == 200 && b.contains("Education, Health and Care plan"))
    });
    let (_, json) = get(port, "/search.json?q=meetngs").unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(v["corrected"].is_string(), "{v}");
    let (_, easy) = get(port, "/easy-read/search/?q=meeting").unwrap();
    assert!(
        easy.contains("easy-read/") || easy.contains("Meetings"),
        "{easy}"
    );
    for bad in [
        "/../book/book.toml",
        "/%2e%2e/book/book.toml",
        "/..%2fbook.toml",
        "/%00",
        "/a\\..\\..\\book.toml",
    ] {
        let (status, body) = get(port, bad).unwrap_or((400, String::new()));
        assert!(status == 400 || status == 404, "{bad} gave {status}");
        assert!(!body.contains("[book]"), "{bad} leaked a file");
    }
    let (status, body) = get(port, "/no/such/page/").unwrap();
    assert_eq!(status, 404);
    assert!(
        body.contains("could not find that page"),
        "the site's helpful 404 page"
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let f = Fixture::new("small");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let run = f.run(&["serve", "--port", &port.to_string()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
}

/// Issue 22: the files that list every page (the sitemap and the offline list) and the service
/// worker's version follow pages as they come and go while serving.
#[test]
fn the_sitemap_and_the_offline_list_follow_pages_while_serving() {
    let f = Fixture::new("small");
    let server = start(&f);
    let port = server.port;
    let read = |rel: &str| std::fs::read_to_string(f.out().join(rel)).unwrap_or_default();
    wait_for("the offline list", || {
        read("offline.json").contains("\"guides/meetings/\"") && read("sw.js").contains("VERSION")
    });
    assert!(
        read("offline.json").contains("\"search/meta.json\""),
        "with the search index"
    );
    let version = read("sw.js").lines().next().unwrap_or_default().to_string();
    f.write(
        "content/guides/packing-a-bag.md",
        "---\ntitle: Packing a bag\n---\n\nPut your papers in a bag.\n",
    );
    wait_for("the new page in the lists", || {
        read("sitemap.xml").contains("<loc>/guides/packing-a-bag/</loc>")
            && read("offline.json").contains("\"easy-read/guides/packing-a-bag/\"")
    });
    wait_for("a new version", || {
        read("sw.js").lines().next().unwrap_or_default() != version
    });
    assert_eq!(get(port, "/sw.js").map(|(s, _)| s), Some(200));
    std::fs::remove_file(f.root().join("content/guides/packing-a-bag.md")).unwrap();
    wait_for("the page gone from the lists", || {
        !read("sitemap.xml").contains("packing-a-bag")
            && !read("offline.json").contains("packing-a-bag")
    });
}
