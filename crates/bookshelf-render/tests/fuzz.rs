//! The York bookshelf, mutated (punctuation pasted after glossary words, files cut short,
//! brackets nested deep, raw HTML), loaded, checked and rendered into a temporary folder:
//! every step answers with a site or with errors, never a panic. The mutations are the
//! content readers' (`bookshelf-content/tests/common/mutate.rs`); this test takes them
//! through the renderer too. `PROPTEST_CASES` sets how many books are tried (64 by default).

use std::path::{Path, PathBuf};

use proptest::prelude::*;

#[path = "../../bookshelf-content/tests/common/mutate.rs"]
mod mutate;

/// The repository's root, which holds the York bookshelf (`book.toml`, `content/`).
fn york() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file of the York bookshelf, relative to its root, in a stable order.
fn york_files() -> Vec<PathBuf> {
    let root = york();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("the York content can be read"))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    files.push(PathBuf::from("book.toml"));
    files
}

/// Copy York to a temporary folder, apply each list of edits to one of its files, then load,
/// check and render it.
fn mutate_and_render(files: &[PathBuf], which: &[(usize, Vec<mutate::Edit>)]) {
    let dir = tempfile::tempdir().unwrap();
    let root = york();
    for rel in files {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(rel), &to).unwrap();
    }
    for (i, edits) in which {
        let rel = &files[i % files.len()];
        let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        std::fs::write(dir.path().join(rel), mutate::apply(&text, edits)).unwrap();
    }
    let loaded = bookshelf_content::Loader::new(dir.path()).load();
    for d in &loaded.diagnostics {
        let _ = bookshelf_content::report::human(d, &loaded.sources, false);
    }
    let theme = bookshelf_render::check::theme(dir.path(), loaded.book.as_ref());
    assert!(theme.expect("the built-in theme loads").is_empty());
    let Some(book) = loaded.book else {
        assert!(loaded.has_errors(), "a failed load says why");
        return;
    };
    let (warnings, _) = bookshelf_render::check::check(&book, &loaded.sources);
    for d in &warnings {
        let _ = bookshelf_content::report::human(d, &loaded.sources, false);
    }
    let renderer = bookshelf_render::Renderer::new(dir.path()).expect("the built-in theme loads");
    let out = tempfile::tempdir().unwrap();
    let rendered = renderer.render(&book, out.path());
    // Rendering a book that loaded can only fail on the file system (the theme is built in).
    assert!(rendered.is_ok(), "{:?}", rendered.err());
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_york_loads_checks_and_renders_without_panic(
        which in proptest::collection::vec((any::<usize>(), mutate::edits(10)), 1..4)
    ) {
        mutate_and_render(&york_files(), &which);
    }
}
