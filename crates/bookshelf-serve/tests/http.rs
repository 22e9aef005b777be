//! The HTTP server over a real socket: pages, headers, 404, HEAD, traversal attempts, load, port in use.

mod common;

use std::sync::Arc;

use bookshelf_serve::{start, DynamicResponse, ServeConfig, ServeError};
use common::{get, raw, serve, Book};

#[tokio::test(flavor = "multi_thread")]
async fn pages_and_folders_are_served_with_the_reload_script_injected() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let home = get(server.addr, "/").await;
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("<p>first version</p>"));
    assert!(home
        .text()
        .contains("<script src=\"/__bookshelf/reload.js\" defer></script></body>"));
    assert!(
        !home.text().contains("alertdialog"),
        "no overlay while the build is fine"
    );
    // Injected at response time only: the file on disk is untouched.
    assert!(!std::fs::read_to_string(book.site().join("index.html"))
        .unwrap()
        .contains("reload.js"));

    let guides = get(server.addr, "/guides/").await;
    assert_eq!(guides.status, 200);
    assert!(guides.text().contains("<p>Guides</p>"));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_without_its_slash_redirects_keeping_the_query() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let response = get(server.addr, "/guides?q=1").await;
    assert_eq!(response.status, 301);
    assert_eq!(response.header("location"), Some("/guides/?q=1"));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn content_types_and_security_and_cache_headers_are_set() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let cases = [
        ("/style.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/logo.png", "image/png"),
        ("/search.json", "application/json"),
        ("/fonts/a.woff2", "font/woff2"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/sitemap.xml", "application/xml"),
        ("/favicon.ico", "image/x-icon"),
        ("/__bookshelf/reload.js", "text/javascript; charset=utf-8"),
        ("/__bookshelf/overlay.css", "text/css; charset=utf-8"),
    ];
    for (path, content_type) in cases {
        let response = get(server.addr, path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            response.header("content-security-policy"),
            Some("default-src 'self'"),
            "{path}"
        );
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
    let css = get(server.addr, "/style.css").await;
    assert_eq!(
        css.text(),
        "body { color: #0b0c0c; }",
        "non-HTML files are served unchanged"
    );
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn head_gives_the_headers_and_length_without_a_body() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let full = get(server.addr, "/style.css").await;
    let head = raw(
        server.addr,
        b"HEAD /style.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        head.header("content-length"),
        Some(full.body.len().to_string().as_str())
    );
    let post = raw(
        server.addr,
        b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(post.status, 405);
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_pages_get_the_built_in_404_then_the_sites_own() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let missing = get(server.addr, "/no/such/page/").await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(missing.text().contains("<h1>Page not found</h1>"));
    assert!(missing
        .text()
        .contains("<a href=\"/\">Go to the home page</a>"));
    assert!(missing.text().contains("/__bookshelf/reload.js"));

    std::fs::write(
        book.site().join("404.html"),
        common::page("Our own lost page"),
    )
    .unwrap();
    let custom = get(server.addr, "/still/missing").await;
    assert_eq!(custom.status, 404);
    assert!(custom.text().contains("<p>Our own lost page</p>"));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn every_traversal_attempt_is_refused() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let secret = book.root.join("secret.txt");
    let attempts = [
        "/../secret.txt".to_owned(),
        "/guides/../../secret.txt".to_owned(),
        "/%2e%2e/secret.txt".to_owned(),
        "/%2E%2E/secret.txt".to_owned(),
        "/.%2e/secret.txt".to_owned(),
        "/%2e%2e%2fsecret.txt".to_owned(),
        "/guides/..%2f..%2fsecret.txt".to_owned(),
        "/..%5csecret.txt".to_owned(),
        "/%5c..%5csecret.txt".to_owned(),
        "//etc/passwd".to_owned(),
        "/%2fetc/passwd".to_owned(),
        format!("/{}", secret.display()),
        format!("/{}", secret.display()).replace('/', "%2f"),
        "/index.html%00".to_owned(),
        "/secret.txt%00.html".to_owned(),
        "/%c0%ae%c0%ae/secret.txt".to_owned(),
    ];
    for path in &attempts {
        let response = get(server.addr, path).await;
        assert!(
            matches!(response.status, 400 | 404),
            "{path}: {}",
            response.status
        );
        assert!(!response.text().contains("TOP SECRET"), "{path}");
        assert!(!response.text().contains("root:"), "{path}");
    }
    // A raw backslash and a raw NUL in the request line: refused by the HTTP parser or by us.
    for request in [
        &b"GET /..\\secret.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"[..],
        b"GET /\0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    ] {
        let response = raw(server.addr, request).await;
        assert!(matches!(response.status, 400 | 404), "{}", response.status);
        assert!(!response.text().contains("TOP SECRET"));
    }
    server.shutdown();
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn a_symlink_leading_out_of_the_site_is_not_served() {
    let book = Book::new();
    std::os::unix::fs::symlink(book.root.join("secret.txt"), book.site().join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(&book.root, book.site().join("up")).unwrap();
    let (server, _) = serve(&book, Ok(()), None);
    for path in ["/leak.txt", "/up/secret.txt", "/up/", "/up"] {
        let response = get(server.addr, path).await;
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.text().contains("TOP SECRET"), "{path}");
    }
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn dynamic_routes_answer_before_static_files_and_fall_through_otherwise() {
    let book = Book::new();
    let dynamic: bookshelf_serve::Dynamic = Arc::new(|request| {
        (request.path == "/search/").then(|| DynamicResponse {
            status: 200,
            content_type: "text/html; charset=utf-8".into(),
            body: format!(
                "<html><body><p>results for {}</p></body></html>",
                request.query
            )
            .into_bytes(),
        })
    });
    let (server, _) = serve(&book, Ok(()), Some(dynamic));
    let search = get(server.addr, "/search/?q=ehcp").await;
    assert_eq!(search.status, 200);
    assert!(
        search.text().contains("<p>results for q=ehcp</p><link"),
        "{}",
        search.text()
    );
    let file = get(server.addr, "/style.css").await;
    assert_eq!(file.status, 200);
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_concurrent_clients_each_get_a_correct_response() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let addr = server.addr;
    let clients: Vec<_> = (0..200)
        .map(|i| {
            tokio::spawn(async move {
                let (path, expected) = if i % 2 == 0 {
                    ("/guides/", "<p>Guides</p>")
                } else {
                    ("/style.css", "color")
                };
                let response = get(addr, path).await;
                (response.status, response.text().contains(expected))
            })
        })
        .collect();
    for client in clients {
        assert_eq!(client.await.unwrap(), (200, true));
    }
    server.shutdown();
}

#[test]
fn a_port_in_use_is_a_clear_error_that_suggests_port() {
    let book = Book::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let config = ServeConfig {
        port,
        ..book.config()
    };
    let (rebuild, _) = common::fake_rebuild(&book);
    let error = start(config, Ok(()), rebuild, None).unwrap_err();
    assert!(
        matches!(error, ServeError::PortInUse { port: p } if p == port),
        "{error:?}"
    );
    assert!(error.to_string().contains("`--port`"), "{error}");
}

/// A request with `Host` set as written, over HTTP/1.1 (`None`: no `Host` line, HTTP/1.0).
async fn get_for_host(
    addr: std::net::SocketAddr,
    path: &str,
    host: Option<&str>,
) -> common::Response {
    let request = match host {
        Some(host) => format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        None => format!("GET {path} HTTP/1.0\r\n\r\n"),
    };
    raw(addr, request.as_bytes()).await
}

fn search_json() -> bookshelf_serve::Dynamic {
    Arc::new(|request| {
        (request.path == "/search.json").then(|| DynamicResponse {
            status: 200,
            content_type: "application/json".into(),
            body: b"{\"hits\":[\"draft\"]}".to_vec(),
        })
    })
}

/// Fault 12 of issue 20: the server answered any `Host`, so a page on another site could
/// point its own name at 127.0.0.1 (DNS rebinding) and read drafts, search and the overlay.
#[tokio::test(flavor = "multi_thread")]
async fn requests_for_other_host_names_are_refused_against_dns_rebinding() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), Some(search_json()));
    let port = server.addr.port();
    let paths = [
        "/",
        "/style.css",
        "/search.json?q=draft",
        "/__bookshelf/events",
        "/__bookshelf/reload.js",
        "/missing/",
    ];
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("192.168.1.20:{port}"),
        String::new(),
    ] {
        for path in paths {
            let response = get_for_host(server.addr, path, Some(&host)).await;
            assert_eq!(response.status, 421, "{host} {path}");
            assert_eq!(
                response.header("content-type"),
                Some("text/plain; charset=utf-8")
            );
            let text = response.text();
            assert!(text.contains("DNS rebinding"), "{text}");
            assert!(text.contains("--allow-host"), "{text}");
            assert!(!text.contains("draft") && !text.contains("<p>"), "{text}");
        }
    }
    let response = get_for_host(server.addr, "/", None).await;
    assert_eq!(response.status, 421);
    assert!(response.text().contains("no `Host` header"));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_listening_address_and_localhost_are_answered_with_or_without_the_port() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), Some(search_json()));
    let port = server.addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_owned(),
        format!("localhost:{port}"),
        "LocalHost".to_owned(),
        format!("[::1]:{port}"),
    ] {
        for (path, expected) in [
            ("/", "first version"),
            ("/style.css", "color"),
            ("/search.json?q=draft", "draft"),
        ] {
            let response = get_for_host(server.addr, path, Some(&host)).await;
            assert_eq!(response.status, 200, "{host} {path}");
            assert!(response.text().contains(expected), "{host} {path}");
        }
    }
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn names_given_with_allow_host_are_answered() {
    let book = Book::new();
    let (rebuild, _calls) = common::fake_rebuild(&book);
    let config = ServeConfig {
        allowed_hosts: vec!["Shelf.Test".into()],
        ..book.config()
    };
    let server = start(config, Ok(()), rebuild, None).unwrap();
    let port = server.addr.port();
    let ok = get_for_host(server.addr, "/", Some(&format!("shelf.test:{port}"))).await;
    assert_eq!(ok.status, 200);
    let refused = get_for_host(server.addr, "/", Some(&format!("other.test:{port}"))).await;
    assert_eq!(refused.status, 421);
    assert!(
        refused.text().contains("`shelf.test:"),
        "{}",
        refused.text()
    );
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_file_is_streamed_whole_with_its_type() {
    let book = Book::new();
    let bytes: Vec<u8> = (0..300 * 1024).map(|i| (i % 251) as u8).collect();
    std::fs::write(book.site().join("guide.pdf"), &bytes).unwrap();
    let (server, _) = serve(&book, Ok(()), None);
    let response = get(server.addr, "/guide.pdf").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("application/pdf"));
    assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    assert!(response.body == bytes, "{} bytes", response.body.len());
    server.shutdown();
}
