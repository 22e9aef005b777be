//! Reading without a connection (issue 22, point 4): the service worker `sw.js` at the site's
//! root and, in each language's folder, `offline.json`, the list of every file of that
//! language's site (both variants, the search index, the assets and symbols) that "Save this
//! bookshelf for offline use" puts in the cache.
//!
//! Both carry the build's version, a hash of every file of the site: a new build gives the
//! worker new bytes, so browsers install it, and it fetches the saved site again. Written once
//! the whole site is (after the search indexes): by `build` at its end and by `serve` after
//! its background work, so the lists follow pages as they come and go.

use std::path::{Path, PathBuf};

use bookshelf_content::Book;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use xxhash_rust::xxh3::xxh3_128;

use crate::RenderError;

/// The theme's files that are not text (see [`crate::theme::BINARY_ASSETS`]).
pub(crate) const BINARY_ASSETS: &[(&str, &[u8])] = &[
    (
        "assets/touch-icon.png",
        include_bytes!("../../../themes/default/assets/touch-icon.png"),
    ),
    (
        "assets/favicon.svg",
        include_bytes!("../../../themes/default/assets/favicon.svg"),
    ),
    (
        "assets/fonts/OFL.txt",
        include_bytes!("../../../themes/default/assets/fonts/OFL.txt"),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2"
        ),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-400-italic.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-400-italic.woff2"
        ),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-700-normal.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-700-normal.woff2"
        ),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-700-italic.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-700-italic.woff2"
        ),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-ext-400-normal.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-ext-400-normal.woff2"
        ),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-ext-400-italic.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-ext-400-italic.woff2"
        ),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-ext-700-normal.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-ext-700-normal.woff2"
        ),
    ),
    (
        "assets/fonts/atkinson-hyperlegible-latin-ext-700-italic.woff2",
        include_bytes!(
            "../../../themes/default/assets/fonts/atkinson-hyperlegible-latin-ext-700-italic.woff2"
        ),
    ),
];

/// The service worker's script; the build puts its version on the first line.
const SERVICE_WORKER: &str = include_str!("../../../themes/default/sw.js");

/// The files this module writes, left out of the lists and the version.
const OWN: &[&str] = &["sw.js", "offline.json"];

/// Files of a site that are not for readers: the output lock and the staging folders
/// (`.site.lock`, `.site.tmp-1`), and anything else hidden.
fn hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Every file of the language site in `dir` (relative, `/`-separated, sorted), leaving out
/// the folders of other languages (`skip`, at the top only) and this module's own files.
fn files_of(dir: &Path, skip: &[String]) -> Result<Vec<String>, RenderError> {
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() == 0 {
                return true;
            }
            !hidden(&name)
                && !(e.depth() == 1 && (skip.iter().any(|s| *s == name) || OWN.contains(&&*name)))
        });
    for entry in walk {
        let entry = entry.map_err(|e| RenderError::Io {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(files)
}

/// What a reader's browser asks for: a page's folder (`guides/x/`) rather than its
/// `index.html`, which a static host and `serve` both give for the folder.
fn url_of(file: &str) -> &str {
    if file == "index.html" {
        ""
    } else {
        file.strip_suffix("index.html").unwrap_or(file)
    }
}

/// The lists and worker for the site at `root`, whose languages other than the source's are
/// in the folders `langs`: (`offline.json` of each folder, `sw.js`).
pub(crate) fn build(
    root: &Path,
    langs: &[String],
) -> Result<(Vec<(PathBuf, String)>, String), RenderError> {
    let mut hash = Sha256::new();
    let mut lists = Vec::new();
    for folder in std::iter::once("").chain(langs.iter().map(String::as_str)) {
        let dir = root.join(folder);
        if !dir.is_dir() {
            continue;
        }
        let skip: &[String] = if folder.is_empty() { langs } else { &[] };
        let files = files_of(&dir, skip)?;
        // Each file read and hashed on the thread pool with XXH3-128, a hash made for telling
        // bytes apart quickly (the site's bytes, hundreds of megabytes for a big book, were
        // read and hashed with SHA-256 on one thread after the build); the version is the
        // SHA-256 of the files' names, sizes and hashes in order.
        let digests: Vec<(usize, [u8; 16])> = files
            .par_iter()
            .map(|f| {
                let path = dir.join(f);
                let bytes =
                    std::fs::read(&path).map_err(|e| RenderError::Io { path, source: e })?;
                Ok((bytes.len(), xxh3_128(&bytes).to_le_bytes()))
            })
            .collect::<Result<_, RenderError>>()?;
        for (f, (len, digest)) in files.iter().zip(&digests) {
            hash.update(format!("{folder}/{f}\0{len}\0").as_bytes());
            hash.update(digest);
        }
        lists.push((dir.join("offline.json"), files));
    }
    let digest = hash.finalize();
    let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let lists = lists
        .into_iter()
        .map(|(path, files)| {
            let mut urls: Vec<&str> = files.iter().map(|f| url_of(f)).collect();
            urls.sort_unstable();
            let json = serde_json::json!({ "version": version, "files": urls });
            (path, format!("{json}\n"))
        })
        .collect();
    let worker = format!("const VERSION = \"{version}\";\n{SERVICE_WORKER}");
    Ok((lists, worker))
}

/// Write `sw.js` and each language's `offline.json` for the whole site that `book`'s language
/// site in `dir` is part of (`dir` is the site's root, or `LANG/` in it for a translation).
/// Files whose bytes are the same are left alone.
pub fn write_for(book: &Book, dir: &Path) -> Result<(), RenderError> {
    let root = if crate::sitemap::is_source(book) {
        dir
    } else {
        dir.parent().unwrap_or(dir)
    };
    let langs: Vec<String> = book.config.languages.keys().cloned().collect();
    let (lists, worker) = build(root, &langs)?;
    for (path, text) in lists
        .into_iter()
        .chain(std::iter::once((root.join("sw.js"), worker)))
    {
        if std::fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            continue;
        }
        // Whole or not at all: a browser may be reading the old one.
        let temp = path.with_file_name(format!(
            ".{}.tmp-{}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        std::fs::write(&temp, text.as_bytes())
            .and_then(|()| std::fs::rename(&temp, &path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&temp);
                RenderError::Io {
                    path: path.clone(),
                    source: e,
                }
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn list(json: &str) -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn each_language_lists_its_own_files_as_readers_ask_for_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        put(root, "index.html", "home");
        put(root, "easy-read/guides/a/index.html", "a");
        put(root, "search/meta.json", "{}");
        put(root, "assets/bookshelf.css", "css");
        put(root, "pl/index.html", "dom");
        put(root, "pl/assets/bookshelf.css", "css");
        put(root, ".site.lock", "");
        let (lists, worker) = build(root, &["pl".to_string()]).unwrap();
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[0].0, root.join("offline.json"));
        assert_eq!(
            list(&lists[0].1),
            [
                "",
                "assets/bookshelf.css",
                "easy-read/guides/a/",
                "search/meta.json"
            ]
        );
        assert_eq!(list(&lists[1].1), ["", "assets/bookshelf.css"]);
        assert!(worker.starts_with("const VERSION = \""));
        assert!(worker.contains("self.addEventListener(\"fetch\""));
    }

    #[test]
    fn the_version_follows_every_byte_and_not_the_worker_itself() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        put(root, "index.html", "home");
        let (_, first) = build(root, &[]).unwrap();
        put(root, "sw.js", &first);
        put(root, "offline.json", "[]");
        assert_eq!(
            build(root, &[]).unwrap().1,
            first,
            "its own files leave it as it is"
        );
        put(root, "index.html", "home!");
        assert_ne!(build(root, &[]).unwrap().1, first);
        put(root, "index.html", "home");
        put(root, "guides/b/index.html", "b");
        let (lists, second) = build(root, &[]).unwrap();
        assert_ne!(second, first, "a page that comes changes the version");
        assert_eq!(list(&lists[0].1), ["", "guides/b/"]);
    }
}
