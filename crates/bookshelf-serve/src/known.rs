//! The set of watched files and folders known to exist, kept up to date from the changes.
//!
//! It answers two questions raw events cannot: did a "created" path exist before (an atomic
//! save replaces a file, and the debouncer reports that as a creation), and which files were
//! inside a folder that was removed or moved away (the event names only the folder).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::api::{Change, ChangeKind};
use crate::classify::Scope;

/// Paths inside the watched scope that exist, as far as the events have told.
#[derive(Debug, Default)]
pub(crate) struct Known {
    paths: BTreeSet<PathBuf>,
}

impl Known {
    /// Walks the watched folders and files once, at start.
    pub(crate) fn scan(scope: &Scope) -> Self {
        let mut known = Self::default();
        for file in &scope.files {
            if file.exists() {
                known.paths.insert(file.clone());
            }
        }
        for dir in &scope.dirs {
            known.walk(dir, scope);
        }
        known
    }

    /// Whether `path` existed when the last batch was applied.
    pub(crate) fn contains(&self, path: &Path) -> bool {
        self.paths.contains(path)
    }

    /// Records `changes` and returns them completed at file level: a created folder adds a
    /// `Created` for each file in it, a removed folder a `Removed` for each file it held.
    pub(crate) fn apply(&mut self, changes: Vec<Change>, scope: &Scope) -> Vec<Change> {
        let mut out: BTreeSet<Change> = BTreeSet::new();
        for change in changes {
            match change.kind {
                ChangeKind::Removed => {
                    let gone: Vec<PathBuf> = self.under(&change.path).cloned().collect();
                    for path in gone {
                        self.paths.remove(&path);
                        if path != change.path {
                            out.insert(Change {
                                path,
                                kind: ChangeKind::Removed,
                            });
                        }
                    }
                    self.paths.remove(&change.path);
                }
                ChangeKind::Created | ChangeKind::Modified => {
                    self.paths.insert(change.path.clone());
                    if change.path.is_dir() {
                        for path in self.walk(&change.path, scope) {
                            out.insert(Change {
                                path,
                                kind: ChangeKind::Created,
                            });
                        }
                    }
                }
            }
            out.insert(change);
        }
        // One entry per path: a path reported twice keeps the classifier's kind.
        let mut result: Vec<Change> = Vec::with_capacity(out.len());
        for change in out {
            match result.last() {
                Some(last) if last.path == change.path => {}
                _ => result.push(change),
            }
        }
        result
    }

    /// Known paths strictly below `dir`.
    fn under<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = &'a PathBuf> + 'a {
        self.paths
            .range(dir.to_path_buf()..)
            .skip_while(move |p| p.as_path() == dir)
            .take_while(move |p| p.starts_with(dir))
    }

    /// Adds everything below `dir` that the scope wants; returns what was new.
    fn walk(&mut self, dir: &Path, scope: &Scope) -> Vec<PathBuf> {
        let mut added = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        if scope.wants(dir) {
            self.paths.insert(dir.to_path_buf());
        }
        while let Some(current) = stack.pop() {
            let Ok(entries) = fs::read_dir(&current) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if !scope.wants(&path) {
                    continue;
                }
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(path.clone());
                }
                if self.paths.insert(path.clone()) {
                    added.push(path);
                }
            }
        }
        added.sort();
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Scope) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().canonicalize().unwrap().join("content");
        fs::create_dir_all(content.join("guides")).unwrap();
        fs::write(content.join("index.md"), "x").unwrap();
        fs::write(content.join("guides/a.md"), "x").unwrap();
        fs::write(content.join("guides/.a.md.swp"), "x").unwrap();
        (
            dir,
            Scope {
                dirs: vec![content],
                ..Scope::default()
            },
        )
    }

    #[test]
    fn the_first_scan_knows_watched_files_but_not_editor_files() {
        let (_dir, scope) = setup();
        let known = Known::scan(&scope);
        let content = &scope.dirs[0];
        assert!(known.contains(&content.join("index.md")));
        assert!(known.contains(&content.join("guides")));
        assert!(known.contains(&content.join("guides/a.md")));
        assert!(!known.contains(&content.join("guides/.a.md.swp")));
    }

    #[test]
    fn a_removed_folder_reports_each_file_it_held() {
        let (_dir, scope) = setup();
        let mut known = Known::scan(&scope);
        let guides = scope.dirs[0].join("guides");
        fs::remove_dir_all(&guides).unwrap();
        let changes = known.apply(
            vec![Change {
                path: guides.clone(),
                kind: ChangeKind::Removed,
            }],
            &scope,
        );
        assert_eq!(
            changes,
            vec![
                Change {
                    path: guides.clone(),
                    kind: ChangeKind::Removed
                },
                Change {
                    path: guides.join("a.md"),
                    kind: ChangeKind::Removed
                },
            ]
        );
        assert!(!known.contains(&guides.join("a.md")));
        assert!(
            known.contains(&scope.dirs[0].join("index.md")),
            "siblings stay known"
        );
    }

    #[test]
    fn a_created_folder_reports_each_file_in_it_once() {
        let (_dir, scope) = setup();
        let mut known = Known::scan(&scope);
        let new = scope.dirs[0].join("model");
        fs::create_dir_all(new.join("deep")).unwrap();
        fs::write(new.join("deep/b.md"), "x").unwrap();
        let changes = known.apply(
            vec![
                Change {
                    path: new.clone(),
                    kind: ChangeKind::Created,
                },
                Change {
                    path: new.join("deep/b.md"),
                    kind: ChangeKind::Created,
                },
            ],
            &scope,
        );
        let paths: Vec<&Path> = changes.iter().map(|c| c.path.as_path()).collect();
        assert_eq!(
            paths,
            vec![
                new.as_path(),
                new.join("deep").as_path(),
                new.join("deep/b.md").as_path()
            ]
        );
        assert!(changes.iter().all(|c| c.kind == ChangeKind::Created));
        assert!(known.contains(&new.join("deep/b.md")));
    }
}
