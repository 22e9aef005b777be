//! The loader after an edit (`Loader::load_changed`, what `serve` calls) finds the same
//! problems as a fresh load: YAML twins, links out of `content/`, skipped folders.

use std::path::{Path, PathBuf};

use bookshelf_content::Loader;

const BOOK: &str = "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\n";
const PAGE: &str = "---\ntitle: A page\n---\n\nSee [the list](/checklists/c/).\n";
const CHECKLIST: &str = "title: C\nlevel: individual\nsummary: S.\nwhen: W.\nsections:\n  - title: One\n    items:\n      - id: a\n        text: Do it.\n";

fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    write("book.toml", BOOK);
    write("content/index.md", PAGE);
    write("content/checklists/c.yaml", CHECKLIST);
    dir
}

fn codes(loaded: &bookshelf_content::Loaded) -> Vec<(String, Option<PathBuf>)> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code.clone(), d.file.clone()))
        .collect()
}

#[test]
fn a_yml_twin_added_while_serving_is_an_error() {
    let dir = book();
    let mut loader = Loader::new(dir.path());
    assert_eq!(codes(&loader.load()), []);
    let twin = dir.path().join("content/checklists/c.yml");
    std::fs::write(&twin, CHECKLIST).expect("write");
    let loaded = loader.load_changed(std::slice::from_ref(&twin));
    assert_eq!(
        codes(&loaded),
        [(
            "duplicate-file".into(),
            Some("content/checklists/c.yml".into())
        )]
    );
    std::fs::remove_file(&twin).expect("remove");
    assert_eq!(codes(&loader.load_changed(&[twin])), []);
}

#[cfg(unix)]
#[test]
fn links_out_of_content_and_skipped_folders_while_serving() {
    let dir = book();
    let mut loader = Loader::new(dir.path());
    assert_eq!(codes(&loader.load()), []);
    // A drafts folder with a loop and a dangling link appears: nothing to report.
    let drafts = dir.path().join("content/_drafts");
    std::fs::create_dir_all(&drafts).expect("mkdir");
    std::os::unix::fs::symlink("..", drafts.join("loop")).expect("loop");
    std::os::unix::fs::symlink("nowhere", drafts.join("gone.md")).expect("dangling");
    let loop_event = drafts.join("loop");
    assert_eq!(codes(&loader.load_changed(&[drafts, loop_event])), []);
    // A page that is a link to a file outside `content/`: an error at the link.
    std::fs::write(dir.path().join("secret.md"), PAGE).expect("write");
    let link = dir.path().join("content/secret.md");
    std::os::unix::fs::symlink(dir.path().join("secret.md"), &link).expect("link");
    let loaded = loader.load_changed(&[link]);
    assert_eq!(
        codes(&loaded),
        [(
            "link-outside-content".into(),
            Some(Path::new("content/secret.md").into())
        )]
    );
}
