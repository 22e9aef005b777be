//! Fixture copying, running the binary and hashing output folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture copied into a temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("make folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Fixture {
    /// Copy `tests/fixtures/NAME` (a folder path relative to fixtures).
    pub fn new(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(
            &repo().join("tests/fixtures").join(name),
            &dir.path().join("book"),
        );
        Self { dir }
    }

    /// Copy the York bookshelf (book.toml and content/).
    pub fn york() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let book = dir.path().join("book");
        copy_tree(&repo().join("content"), &book.join("content"));
        std::fs::copy(repo().join("book.toml"), book.join("book.toml")).expect("copy book.toml");
        Self { dir }
    }

    /// Lay the files of `tests/fixtures/NAME` over the book.
    pub fn overlay(&self, name: &str) -> &Self {
        copy_tree(&repo().join("tests/fixtures").join(name), &self.root());
        self
    }

    /// The book root.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("book")
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Write a file in the book.
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    /// Run `bookshelf ARGS` in the book root, without colour.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_bookshelf"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .env_remove("BOOKSHELF_LOG")
            .output()
            .expect("run bookshelf");
        let tmp = self.dir.path().to_string_lossy().into_owned();
        let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&tmp, "[TMP]");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: clean(&out.stdout),
            stderr: clean(&out.stderr),
        }
    }

    /// `bookshelf build --out OUT`.
    pub fn build(&self) -> Run {
        let out = self.out();
        self.run(&[
            "build",
            "--quiet",
            "--out",
            out.to_str().expect("utf-8 path"),
        ])
    }
}

/// Every file under `dir` with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).expect("read output"));
        }
    }
    out
}
