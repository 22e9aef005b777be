//! Loading a book: read each file once, keep what was parsed, and reparse only what changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::files::{content_relative, is_ignored_path, walk, walk_under};
use crate::links;
use crate::model::{Book, Page};

mod assemble;
mod parse;
mod unit;

pub(crate) use parse::route_of;
use parse::{parse_one, read_ahead};
use unit::{stamp, Parsed};

/// The result of loading: a book if there were no errors, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The book, when nothing was an error.
    pub book: Option<Book>,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file, for showing diagnostics.
    pub sources: Arc<SourceMap>,
}

impl Loaded {
    /// Did loading fail?
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads a book, remembering parsed files so the next load rereads only changed ones.
#[derive(Debug)]
pub struct Loader {
    root: PathBuf,
    cache: BTreeMap<PathBuf, Parsed>,
    /// The last fingerprint of the link targets (the sum of the files' `targets`) and the link
    /// errors found, by file.
    link_key: Option<u64>,
    sources: Arc<SourceMap>,
    link_index: Option<std::sync::Arc<links::LinkIndex>>,
    link_diags: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Pages with their easy read attached, by the page's path, with the revisions of both.
    with_easy: HashMap<PathBuf, ((u64, u64), Arc<Page>)>,
    /// The book's language the cached texts are marked with (`text_language`).
    language: String,
}

impl Loader {
    /// A loader for the book at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            cache: BTreeMap::new(),
            link_key: None,
            sources: Arc::default(),
            link_index: None,
            link_diags: HashMap::new(),
            with_easy: HashMap::new(),
            language: String::new(),
        }
    }

    /// The book root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Load the book, rereading only files whose size or time changed since the last load.
    pub fn load(&mut self) -> Loaded {
        let mut diagnostics = Vec::new();
        let root = self.root.clone();
        let (files, problems) = walk(&root);
        diagnostics.extend(problems);
        let stale: Vec<&PathBuf> = files
            .iter()
            .filter(|f| {
                self.cache
                    .get(*f)
                    .is_none_or(|p| p.stamp != stamp(&root.join(f)))
            })
            .collect();
        let fresh: Vec<(PathBuf, Parsed)> = std::thread::scope(|s| {
            s.spawn(|| read_ahead(&root, &stale));
            stale
                .par_iter()
                .map(|f| ((*f).clone(), parse_one(&root, f)))
                .collect()
        });
        let keep: HashSet<&PathBuf> = files.iter().collect();
        self.cache.retain(|k, _| keep.contains(k));
        self.cache.extend(fresh);
        self.assemble(diagnostics, None)
    }

    /// Load again after these paths changed (absolute, or relative to the root), without
    /// walking the whole folder. Folders are walked.
    pub fn load_changed(&mut self, paths: &[PathBuf]) -> Loaded {
        let root = self.root.clone();
        let abs_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let mut touched: Vec<PathBuf> = Vec::new();
        let mut walk_problems = Vec::new();
        for path in paths {
            let rel = path
                .strip_prefix(&abs_root)
                .or_else(|_| path.strip_prefix(&root))
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| path.clone());
            if !rel.starts_with("content") {
                continue;
            }
            let full = root.join(&rel);
            if is_ignored_path(&content_relative(&rel)) {
                // Never read nor followed (a loop of links in `_drafts/` would walk forever).
                continue;
            }
            if full.is_dir() {
                let (found, problems) = walk_under(&root, &full);
                walk_problems.extend(problems);
                for r in found {
                    let parsed = parse_one(&root, &r);
                    touched.push(r.clone());
                    self.cache.insert(r, parsed);
                }
            } else if full.is_file() {
                let parsed = parse_one(&root, &rel);
                touched.push(rel.clone());
                self.cache.insert(rel, parsed);
            } else {
                // Removed: the file itself, or a whole folder.
                self.cache.retain(|k, _| !k.starts_with(&rel));
                touched.push(rel.clone());
            }
        }
        self.assemble(walk_problems, Some(&touched))
    }
}
