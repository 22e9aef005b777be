//! Threads under load: slow requests wait for a few blocking threads instead of each taking
//! one. In a test binary of its own, so that no other test's server adds threads.

mod common;

use std::sync::Arc;
use std::time::Duration;

use bookshelf_serve::DynamicResponse;
use common::{get, serve, Book};

/// The server's threads (tokio names its workers and blocking threads `bookshelf-serve`).
#[cfg(target_os = "linux")]
fn server_threads() -> usize {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .flatten()
        .filter(|task| {
            std::fs::read_to_string(task.path().join("comm"))
                .is_ok_and(|name| name.trim() == "bookshelf-serve")
        })
        .count()
}

/// Fault 4 of issue 20: each request in flight took a thread of tokio's blocking pool (up to
/// 512), and the server grew to gigabytes under 200 clients.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_slow_requests_use_a_bounded_number_of_threads() {
    let book = Book::new();
    let dynamic: bookshelf_serve::Dynamic = Arc::new(|request| {
        std::thread::sleep(Duration::from_millis(50));
        (request.path == "/search.json").then(|| DynamicResponse {
            status: 200,
            content_type: "application/json".into(),
            body: b"[]".to_vec(),
        })
    });
    let (server, _) = serve(&book, Ok(()), Some(dynamic));
    let addr = server.addr;
    let clients: Vec<_> = (0..200)
        .map(|i| {
            tokio::spawn(async move {
                let path = ["/search.json?q=a", "/", "/style.css", "/logo.png"][i % 4];
                get(addr, path).await.status
            })
        })
        .collect();
    for client in clients {
        assert_eq!(client.await.unwrap(), 200);
    }
    // Idle blocking threads live on for 10 s, so the count now is the peak.
    let threads = server_threads();
    assert!(
        threads <= 4 + 4,
        "{threads} server threads (at most 4 workers and 4 blocking threads expected)"
    );
    server.shutdown();
}
