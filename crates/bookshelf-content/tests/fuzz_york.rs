//! The York bookshelf, mutated: a character or a line changed in one of its files, then the
//! whole book loaded. The loader answers with a book or located diagnostics, never a panic
//! or a hang (issue 20). A bounded number of cases, so it runs with every `cargo test`
//! (24 unless `PROPTEST_CASES` says otherwise).

use std::path::{Path, PathBuf};

use proptest::prelude::*;

fn york() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files a mutation may hit: the glossary, the symbols, a checklist and two pages.
const TARGETS: &[&str] = &[
    "content/glossary.yaml",
    "content/symbols.yaml",
    "content/checklists/before-a-meeting-with-a-family.yaml",
    "content/index.md",
    "content/sources.md",
];

#[derive(Debug, Clone)]
enum Op {
    /// Replace, insert or delete one character at a position.
    Char(usize, u8, char),
    /// Delete, repeat, indent or unindent one line.
    Line(usize, u8),
}

fn apply(text: &str, ops: &[Op]) -> String {
    let mut text = text.to_string();
    for op in ops {
        match *op {
            Op::Char(at, kind, c) => {
                let mut chars: Vec<char> = text.chars().collect();
                if chars.is_empty() {
                    chars.push(c);
                } else {
                    let i = at % chars.len();
                    match kind % 3 {
                        0 => chars[i] = c,
                        1 => chars.insert(i, c),
                        _ => {
                            chars.remove(i);
                        }
                    }
                }
                text = chars.into_iter().collect();
            }
            Op::Line(at, kind) => {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                if lines.is_empty() {
                    continue;
                }
                let i = at % lines.len();
                match kind % 4 {
                    0 => {
                        lines.remove(i);
                    }
                    1 => lines.insert(i, lines[i].clone()),
                    2 => lines[i].insert_str(0, "  "),
                    _ => lines[i] = lines[i].trim_start().to_string(),
                }
                text = lines.join("\n") + "\n";
            }
        }
    }
    text
}

fn copy_york(to: &Path) {
    let from = york();
    std::fs::copy(from.join("book.toml"), to.join("book.toml")).expect("book.toml");
    for entry in walkdir::WalkDir::new(from.join("content")) {
        let entry = entry.expect("walk York");
        let rel = entry.path().strip_prefix(&from).expect("inside");
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(to.join(rel)).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), to.join(rel)).expect("copy");
        }
    }
}

fn op() -> impl Strategy<Value = Op> {
    let c = prop_oneof![
        Just(':'),
        Just('-'),
        Just(' '),
        Just('\n'),
        Just('"'),
        Just('\''),
        Just('['),
        Just(']'),
        Just('{'),
        Just('#'),
        Just('&'),
        Just('*'),
        Just('|'),
        Just('é'),
        Just('—'),
        Just('…'),
        Just('€'),
        Just('\u{feff}'),
        Just('/'),
        Just('('),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>(), c).prop_map(|(a, k, c)| Op::Char(a, k, c)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, k)| Op::Line(a, k)),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    // 24 cases in every run; `PROPTEST_CASES=2000` for a longer hunt.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_york_files_load_or_say_why(which in 0..TARGETS.len(), ops in proptest::collection::vec(op(), 1..6)) {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_york(dir.path());
        let target = dir.path().join(TARGETS[which]);
        let text = std::fs::read_to_string(&target).expect("read");
        std::fs::write(&target, apply(&text, &ops)).expect("write");
        let loaded = bookshelf_content::load(dir.path());
        if loaded.book.is_none() {
            prop_assert!(loaded.diagnostics.iter().any(|d| d.is_error()), "a failed load says why");
        }
        for d in &loaded.diagnostics {
            prop_assert!(d.file.is_some(), "every diagnostic names its file: {d:?}");
            let _ = bookshelf_content::report::human(d, &loaded.sources, false);
            let _ = bookshelf_content::report::json_value(d, &loaded.sources);
        }
    }
}
