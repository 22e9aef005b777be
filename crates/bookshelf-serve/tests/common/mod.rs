//! Test helpers: a small book in a temporary folder, a fake rebuild, a raw HTTP client and an SSE reader.

#![allow(dead_code, unreachable_pub)]

use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use bookshelf_serve::{
    start, BuildFailure, Change, Dynamic, RebuildReport, ServeConfig, ServerHandle,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long to wait for something that should happen; a guard against hanging, not a timing
/// assertion.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// A book (`book.toml`, `content/`) and its built `site/` in a temporary folder.
pub struct Book {
    pub dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Book {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::create_dir_all(root.join("site/guides")).unwrap();
        fs::create_dir_all(root.join("site/fonts")).unwrap();
        fs::write(
            root.join("book.toml"),
            "[book]\ntitle = \"Test\"\nlanguage = \"en-GB\"\n",
        )
        .unwrap();
        fs::write(root.join("content/index.md"), "first version").unwrap();
        render("first version", &root.join("site"));
        fs::write(root.join("site/guides/index.html"), page("Guides")).unwrap();
        fs::write(root.join("site/style.css"), "body { color: #0b0c0c; }").unwrap();
        fs::write(root.join("site/app.js"), "console.log(1);").unwrap();
        fs::write(
            root.join("site/logo.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .unwrap();
        fs::write(root.join("site/logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
        fs::write(root.join("site/search.json"), "{\"docs\":[]}").unwrap();
        fs::write(root.join("site/fonts/a.woff2"), b"wOF2").unwrap();
        fs::write(root.join("site/robots.txt"), "User-agent: *\n").unwrap();
        fs::write(root.join("site/sitemap.xml"), "<urlset/>").unwrap();
        fs::write(root.join("site/favicon.ico"), b"\0\0\x01\0").unwrap();
        fs::write(root.join("secret.txt"), "TOP SECRET").unwrap();
        Self { dir, root }
    }

    pub fn site(&self) -> PathBuf {
        self.root.join("site")
    }

    pub fn config(&self) -> ServeConfig {
        ServeConfig {
            port: 0,
            site_dir: self.site(),
            watch: vec![
                self.root.join("book.toml"),
                self.root.join("content"),
                self.root.join("themes"),
            ],
            ignore: vec![self.site()],
            ..ServeConfig::default()
        }
    }
}

pub fn page(text: &str) -> String {
    format!("<!doctype html>\n<html lang=\"en\"><head><title>{text}</title></head><body><p>{text}</p></body></html>\n")
}

fn render(text: &str, site: &Path) {
    fs::write(site.join("index.html"), page(text)).unwrap();
}

/// A rebuild that renders `content/index.md` into `site/index.html`, fails when the text
/// contains `BROKEN`, and reports every call on the returned channel.
pub fn fake_rebuild(book: &Book) -> (bookshelf_serve::Rebuild, mpsc::Receiver<Vec<Change>>) {
    let (sender, receiver) = mpsc::channel();
    let root = book.root.clone();
    let rebuild = Box::new(move |changes: &[Change]| {
        let text = fs::read_to_string(root.join("content/index.md")).unwrap_or_default();
        let outcome = if text.contains("BROKEN") {
            Err(BuildFailure {
                text: "content/index.md:1:1: error[E001]: the page is broken".into(),
                html: "<p><code>content/index.md:1:1</code>: the page is broken</p>".into(),
            })
        } else {
            render(&text, &root.join("site"));
            Ok(RebuildReport {
                changed_urls: vec!["index.html".into()],
            })
        };
        // Reported once the site is written, so a test that hears of it can fetch the result.
        let _ = sender.send(changes.to_vec());
        outcome
    });
    (rebuild, receiver)
}

/// Starts a server over the book with the fake rebuild.
pub fn serve(
    book: &Book,
    initial: Result<(), BuildFailure>,
    dynamic: Option<Dynamic>,
) -> (ServerHandle, mpsc::Receiver<Vec<Change>>) {
    let (rebuild, calls) = fake_rebuild(book);
    (
        start(book.config(), initial, rebuild, dynamic).unwrap(),
        calls,
    )
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `GET path` exactly as written (no normalisation) and reads the whole response.
pub async fn get(addr: SocketAddr, path: &str) -> Response {
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await
}

/// Sends raw bytes and reads until the server closes the connection.
pub async fn raw(addr: SocketAddr, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut bytes = Vec::new();
    tokio::time::timeout(PATIENCE, stream.read_to_end(&mut bytes))
        .await
        .expect("response in time")
        .unwrap();
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Response {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}

/// A Server-Sent Events client over raw TCP (HTTP/1.0, so the body is not chunked).
pub struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    /// Connects and waits for the response head: from then on, no event is missed.
    pub async fn connect(addr: SocketAddr) -> Self {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /__bookshelf/events HTTP/1.0\r\nHost: localhost\r\n\r\n")
            .await
            .unwrap();
        let mut events = Self {
            stream,
            buffer: String::new(),
        };
        while !events.buffer.contains("\r\n\r\n") {
            events.fill().await;
        }
        let head_end = events.buffer.find("\r\n\r\n").unwrap();
        assert!(
            events.buffer.starts_with("HTTP/1.0 200") || events.buffer.starts_with("HTTP/1.1 200")
        );
        assert!(events.buffer[..head_end]
            .to_ascii_lowercase()
            .contains("content-type: text/event-stream"));
        events.buffer.drain(..head_end + 4);
        events
    }

    /// Whether the server has closed the stream (reads until end of stream or an event).
    pub async fn closed(&mut self) -> bool {
        let mut chunk = [0u8; 4096];
        loop {
            match tokio::time::timeout(PATIENCE, self.stream.read(&mut chunk))
                .await
                .expect("an end in time")
            {
                Ok(0) | Err(_) => return true,
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
            }
        }
    }

    async fn fill(&mut self) {
        let mut chunk = [0u8; 4096];
        let n = tokio::time::timeout(PATIENCE, self.stream.read(&mut chunk))
            .await
            .expect("an event in time")
            .unwrap();
        assert!(n > 0, "the event stream ended");
        self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
    }

    /// The next event as (name, data), skipping keep-alive comments.
    pub async fn next(&mut self) -> (String, String) {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = String::from("message");
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim_start().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push(v.strip_prefix(' ').unwrap_or(v).to_owned());
                    }
                }
                if !data.is_empty() {
                    return (name, data.join("\n"));
                }
            }
            self.fill().await;
        }
    }
}
