//! Times `analyse` over the sample passages repeated as 10,000 pages of about 500 words.
//! Run with `cargo run --release -p bookshelf-text --example analyse_speed`.

use std::time::Instant;

fn main() {
    let fixture = include_str!("../tests/fixtures/passages.txt");
    let prose: String = fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("==="))
        .collect::<Vec<_>>()
        .join("\n\n");
    let page = format!("{prose}\n\n{prose}");
    let opts = bookshelf_text::Options::default();
    let start = Instant::now();
    let mut findings = 0;
    for _ in 0..10_000 {
        findings += bookshelf_text::analyse(&page, &opts).findings.len();
    }
    let words = bookshelf_text::words(&page).len();
    eprintln!(
        "10,000 pages of {words} words: {:.2?} ({findings} findings)",
        start.elapsed()
    );
}
