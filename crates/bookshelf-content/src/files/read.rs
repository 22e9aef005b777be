//! Walking `content/` and reading a file: skipped names pruned, a link that leads out of
//! `content/` refused, and a file that cannot be read, is not UTF-8 or is empty reported.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{content_relative, is_ignored_name, is_ignored_path};
use crate::diagnostic::Diagnostic;

/// Every file under `content/`, relative to the book root, sorted; with an error for each
/// entry that could not be read.
pub(crate) fn walk(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    walk_under(root, &root.join("content"))
}

/// Every file under `dir` (a folder in `root`'s `content/`), relative to the book root,
/// sorted. Skipped names are pruned before they are read, so nothing inside `.git/` or
/// `_drafts/` (an editor's lock file, a link to nothing, a loop of links) can fail a build.
/// A folder link that leads out of `content/` is an error and is not followed.
pub(crate) fn walk_under(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let content = root.join("content");
    let real_content = std::fs::canonicalize(&content).ok();
    let rel_of = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut it = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let rel = rel_of(&path);
                // An entry walkdir could not follow is reported before it can be filtered.
                if is_ignored_path(&content_relative(&rel)) {
                    continue;
                }
                problems.push(walk_error(&rel, e, path == dir));
                continue;
            }
        };
        let rel = rel_of(entry.path());
        if entry.path_is_symlink() && entry.file_type().is_dir() {
            if let Some(d) = outside_link(real_content.as_deref(), entry.path(), &rel) {
                problems.push(d);
                it.skip_current_dir();
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push(rel);
        }
    }
    (files, problems)
}

fn walk_error(rel: &Path, e: walkdir::Error, top: bool) -> Diagnostic {
    let shown = rel.display();
    let dangling = e
        .path()
        .and_then(|p| std::fs::symlink_metadata(p).ok())
        .is_some_and(|m| m.file_type().is_symlink());
    if e.loop_ancestor().is_some() {
        return Diagnostic::error(
            "link-loop",
            format!("`{shown}` is a folder link that leads back into itself"),
        )
        .in_file(rel)
        .help("remove the link, or rename it to start with `_` so bookshelf skips it");
    }
    let io = e
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("unreadable"));
    if top {
        return Diagnostic::error("io", format!("could not read the folder `{shown}`: {io}"))
            .help("check that `content/` exists and can be read");
    }
    if dangling && io.kind() == std::io::ErrorKind::NotFound {
        return Diagnostic::error(
            "broken-file-link",
            format!("`{shown}` is a link to a file that does not exist"),
        )
        .in_file(rel)
        .help("remove the link, or copy the file it meant into `content/`");
    }
    Diagnostic::error("io", format!("could not read `{shown}`: {io}"))
        .in_file(rel)
        .help("check that it exists and you may read it")
}

/// If `full` (a link, shown as `rel`) resolves outside `content/` (`real_content`,
/// canonical), the error to report. Publishing a file from elsewhere on the disk without a
/// word could put private files on the web.
pub(crate) fn outside_link(
    real_content: Option<&Path>,
    full: &Path,
    rel: &Path,
) -> Option<Diagnostic> {
    let real_content = real_content?;
    let target = std::fs::canonicalize(full).ok()?;
    if target.starts_with(real_content) {
        return None;
    }
    let what = if target.is_dir() { "folder" } else { "file" };
    Some(
        Diagnostic::error(
            "link-outside-content",
            format!(
                "`{}` is a link to a {what} outside `content/`: `{}`",
                rel.display(),
                target.display()
            ),
        )
        .in_file(rel)
        .help(format!(
            "copy the {what} into `content/` in place of the link, or remove the link"
        )),
    )
}

/// Read a file as UTF-8 text, reporting I/O errors, bad bytes and empty files. On failure,
/// the text to show the error in, if there is some (a file that is not UTF-8 is shown with
/// its bad bytes replaced, so its error has a line and column in every format).
pub(crate) fn read_text(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<Arc<str>, Option<Arc<str>>> {
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error("io", format!("could not read `{}`: {e}", rel.display()))
                    .in_file(rel)
                    .help("check the file exists and you may read it"),
            );
            return Err(None);
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.trim().is_empty() {
                diags.push(
                    Diagnostic::error("empty-file", "this file is empty")
                        .in_file(rel)
                        .help("write its content, or delete the file"),
                );
                return Err(None);
            }
            Ok(Arc::from(text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            // The bytes before `at` are valid, so `at` is the same offset in the lossy text,
            // where the first bad sequence became one U+FFFD.
            let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let end = at + shown[at..].chars().next().map_or(0, char::len_utf8);
            diags.push(
                Diagnostic::error(
                    "not-utf8",
                    "this file is not UTF-8 text: the first bad byte is here",
                )
                .at(rel, at..end)
                .help("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"),
            );
            Err(Some(Arc::from(shown)))
        }
    }
}
