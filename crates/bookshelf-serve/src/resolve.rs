//! Maps a request path to a file inside the site folder, refusing anything that could leave it.
//!
//! The path is percent-decoded *before* it is split, so `%2e%2e`, `%2f` and `%5c` are judged as
//! the characters they stand for. `..`, `.`, empty segments (`//etc/passwd`), backslashes,
//! drive letters, NUL and other control bytes are refused outright (400). What survives is
//! joined to the site folder, canonicalised (which follows symlinks) and must still lie inside
//! the canonical site folder, or it is "not found" (404).

use std::fs;
use std::path::{Path, PathBuf};

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A regular file inside the site folder (its canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this path.
    Redirect(String),
    /// Nothing inside the site folder answers to it.
    NotFound,
    /// The path is malformed or tries to leave the site folder.
    BadRequest,
}

/// Resolves `raw_path` (the request's path, still percent-encoded, without the query) against
/// `site_dir`. Folders resolve to their `index.html`.
pub(crate) fn resolve(site_dir: &Path, raw_path: &str) -> Resolved {
    let Some(segments) = safe_segments(raw_path) else {
        return Resolved::BadRequest;
    };
    let Ok(root) = site_dir.canonicalize() else {
        return Resolved::NotFound;
    };
    let mut joined = root.clone();
    joined.extend(&segments);
    let Some(target) = inside(&root, &joined) else {
        return Resolved::NotFound;
    };
    let Ok(meta) = fs::metadata(&target) else {
        return Resolved::NotFound;
    };
    let wants_folder = raw_path.ends_with('/');
    if meta.is_dir() {
        if !wants_folder {
            return Resolved::Redirect(format!("{raw_path}/"));
        }
        return match inside(&root, &target.join("index.html")) {
            Some(index) if index.is_file() => Resolved::File(index),
            _ => Resolved::NotFound,
        };
    }
    if wants_folder || !meta.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(target)
}

/// Canonicalises `path` and returns it only if it is `root` or lies under it.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let canonical = path.canonicalize().ok()?;
    canonical.starts_with(root).then_some(canonical)
}

/// Decodes and splits a request path into plain file-name segments, or `None` when any part of
/// it could name something other than a child of the site folder.
fn safe_segments(raw_path: &str) -> Option<Vec<String>> {
    let rest = raw_path.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(rest)?).ok()?;
    if decoded
        .chars()
        .any(|c| c.is_control() || c == '\\' || c == ':')
    {
        return None;
    }
    let parts: Vec<&str> = decoded.split('/').collect();
    let last = parts.len() - 1;
    let mut segments = Vec::with_capacity(parts.len());
    for (i, part) in parts.into_iter().enumerate() {
        match part {
            // A trailing slash asks for a folder; an empty segment anywhere else is `//`.
            "" if i == last => {}
            "" | "." | ".." => return None,
            _ => segments.push(part.to_owned()),
        }
    }
    Some(segments)
}

/// Decodes `%XX` escapes; `None` for a malformed escape.
fn percent_decode(input: &str) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder `site/` with a secret file beside it (outside the site).
    fn fixture() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("guides")).unwrap();
        fs::create_dir_all(dir.path().join("outside")).unwrap();
        fs::write(site.join("index.html"), "home").unwrap();
        fs::write(site.join("guides/index.html"), "guides").unwrap();
        fs::write(site.join("style.css"), "body{}").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        fs::write(dir.path().join("outside/secret.txt"), "secret").unwrap();
        (dir, site)
    }

    fn file(site: &Path, rel: &str) -> Resolved {
        Resolved::File(site.join(rel).canonicalize().unwrap())
    }

    #[test]
    fn folders_serve_their_index_and_files_themselves() {
        let (_dir, site) = fixture();
        assert_eq!(resolve(&site, "/"), file(&site, "index.html"));
        assert_eq!(resolve(&site, "/guides/"), file(&site, "guides/index.html"));
        assert_eq!(resolve(&site, "/style.css"), file(&site, "style.css"));
        assert_eq!(resolve(&site, "/st%79le.css"), file(&site, "style.css"));
    }

    #[test]
    fn a_folder_without_its_slash_redirects() {
        let (_dir, site) = fixture();
        assert_eq!(
            resolve(&site, "/guides"),
            Resolved::Redirect("/guides/".into())
        );
    }

    #[test]
    fn missing_paths_and_files_asked_for_as_folders_are_not_found() {
        let (_dir, site) = fixture();
        assert_eq!(resolve(&site, "/missing.html"), Resolved::NotFound);
        assert_eq!(resolve(&site, "/style.css/"), Resolved::NotFound);
        assert_eq!(resolve(&site, "/index.html/"), Resolved::NotFound);
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(resolve(&empty.path().join("nope"), "/"), Resolved::NotFound);
    }

    #[test]
    fn dot_dot_segments_are_refused() {
        let (_dir, site) = fixture();
        for path in [
            "/../secret.txt",
            "/guides/../../secret.txt",
            "/./index.html",
            "/..",
        ] {
            assert_eq!(resolve(&site, path), Resolved::BadRequest, "{path}");
        }
    }

    #[test]
    fn percent_encoded_dots_and_slashes_are_refused() {
        let (_dir, site) = fixture();
        for path in [
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/%2e%2E%2fsecret.txt",
            "/.%2e/secret.txt",
            "/guides/..%2f..%2fsecret.txt",
            "/guides%2f..%2f..%2fsecret.txt",
        ] {
            assert_eq!(resolve(&site, path), Resolved::BadRequest, "{path}");
        }
        // Double encoding decodes once, to a harmless literal name.
        assert_eq!(resolve(&site, "/%252e%252e/secret.txt"), Resolved::NotFound);
    }

    #[test]
    fn backslashes_and_drive_letters_are_refused() {
        let (_dir, site) = fixture();
        for path in [
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/guides\\index.html",
            "/C:/x",
            "/c%3a/x",
        ] {
            assert_eq!(resolve(&site, path), Resolved::BadRequest, "{path}");
        }
    }

    #[test]
    fn absolute_paths_are_refused() {
        let (dir, site) = fixture();
        let secret = dir.path().join("secret.txt");
        for path in [
            "//etc/passwd".to_owned(),
            "/%2fetc/passwd".to_owned(),
            format!("/{}", secret.display()),
            "etc/passwd".to_owned(),
            String::new(),
        ] {
            assert_eq!(resolve(&site, &path), Resolved::BadRequest, "{path}");
        }
    }

    #[test]
    fn nul_and_control_bytes_and_bad_escapes_are_refused() {
        let (_dir, site) = fixture();
        for path in [
            "/index.html%00",
            "/index.html%00.css",
            "/%00",
            "/a%0d%0aSet-Cookie:x",
            "/%zz",
            "/%2",
            "/%ff",
        ] {
            assert_eq!(resolve(&site, path), Resolved::BadRequest, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leading_out_are_not_found_and_inside_ones_work() {
        let (dir, site) = fixture();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside"), site.join("out")).unwrap();
        std::os::unix::fs::symlink(site.join("style.css"), site.join("alias.css")).unwrap();
        for path in ["/leak.txt", "/out", "/out/", "/out/secret.txt"] {
            assert_eq!(resolve(&site, path), Resolved::NotFound, "{path}");
        }
        assert_eq!(resolve(&site, "/alias.css"), file(&site, "style.css"));
    }
}
