//! Turns raw file-system events into the de-duplicated [`Change`] list a rebuild is given.
//!
//! Pure: the watcher converts notify's events into [`RawEvent`]s and the rules live here,
//! where they are unit-tested (zola's `ChangeKind` does the same job).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use notify::event::{AccessKind, MetadataKind, ModifyKind, RenameMode};
use notify::EventKind;

use crate::api::{Change, ChangeKind};

/// A file-system event reduced to what classification needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEvent {
    pub(crate) kind: RawKind,
    /// One path, or for [`RawKind::Renamed`] the source then the target.
    pub(crate) paths: Vec<PathBuf>,
}

/// The kinds of raw event that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawKind {
    Created,
    Modified,
    Removed,
    /// A rename whose two halves are known: `paths` is `[from, to]`.
    Renamed,
    /// Reads, access-time updates: nothing changed.
    Ignored,
}

impl RawKind {
    /// Maps notify's event kinds. A half rename (`From` or `To` alone) is a removal or a creation.
    pub(crate) fn from_notify(kind: &EventKind) -> Self {
        match kind {
            EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => {
                Self::Modified
            }
            EventKind::Access(_) => Self::Ignored,
            EventKind::Create(_) => Self::Created,
            EventKind::Remove(_) => Self::Removed,
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => Self::Renamed,
            EventKind::Modify(ModifyKind::Name(RenameMode::From)) => Self::Removed,
            EventKind::Modify(ModifyKind::Name(RenameMode::To)) => Self::Created,
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => Self::Ignored,
            // Data, other metadata (`touch`), renames of unknown direction, anything else:
            // say "modified" and let the rebuild look at the file.
            EventKind::Modify(_) | EventKind::Any | EventKind::Other => Self::Modified,
        }
    }
}

/// What is watched: events outside it, or under `ignore`, are dropped.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    /// Folders watched with everything under them.
    pub(crate) dirs: Vec<PathBuf>,
    /// Single files watched (through their parent folder, so that atomic saves are seen).
    pub(crate) files: Vec<PathBuf>,
    /// Never react to changes under these (the output folder).
    pub(crate) ignore: Vec<PathBuf>,
    /// Watched paths that did not exist at start (`themes/` often): their creation is
    /// wanted, and the watcher then watches them (`watch`).
    pub(crate) pending: Vec<PathBuf>,
}

impl Scope {
    /// Whether a change to `path` should trigger a rebuild.
    pub(crate) fn wants(&self, path: &Path) -> bool {
        !is_editor_temp(path)
            && !self.ignore.iter().any(|i| path.starts_with(i))
            && (self.files.iter().any(|f| f == path)
                || self.pending.iter().any(|p| p == path)
                || self.dirs.iter().any(|d| path.starts_with(d)))
    }
}

/// Editor swap, backup, lock and scratch files, and Finder's metadata.
pub(crate) fn is_editor_temp(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with('~')
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name == "4913"
        || name == ".DS_Store"
}

/// What one path went through in the batch.
#[derive(Debug, Clone, Copy)]
struct History {
    existed_before: bool,
    exists_now: bool,
}

/// Folds a batch of raw events into one change per path, sorted by path.
///
/// `existed` says whether a path existed before the batch (see `known`): a path created over
/// one that existed (an atomic save: write a temporary file, rename it over the original) is
/// `Modified`; one that appears and disappears within the batch (an editor's scratch file)
/// yields nothing.
pub(crate) fn classify(
    events: &[RawEvent],
    scope: &Scope,
    existed: &dyn Fn(&Path) -> bool,
) -> Vec<Change> {
    let mut paths: BTreeMap<PathBuf, History> = BTreeMap::new();
    for event in events {
        match (event.kind, event.paths.as_slice()) {
            (RawKind::Ignored, _) => {}
            (RawKind::Renamed, [from, to]) => {
                step(&mut paths, from, true, false);
                step(&mut paths, to, existed(to), true);
            }
            (kind, event_paths) => {
                for path in event_paths {
                    match kind {
                        RawKind::Created | RawKind::Renamed | RawKind::Modified => {
                            step(&mut paths, path, existed(path), true);
                        }
                        RawKind::Removed => step(&mut paths, path, true, false),
                        RawKind::Ignored => {}
                    }
                }
            }
        }
    }
    paths
        .into_iter()
        .filter(|(path, _)| scope.wants(path))
        .filter_map(|(path, h)| {
            let kind = match (h.existed_before, h.exists_now) {
                (false, true) => ChangeKind::Created,
                (true, true) => ChangeKind::Modified,
                (true, false) => ChangeKind::Removed,
                (false, false) => return None,
            };
            Some(Change { path, kind })
        })
        .collect()
}

/// Records that `path` now exists or not; `existed_if_new` says whether it existed before the
/// batch, and counts only the first time the path is seen in it.
fn step(
    paths: &mut BTreeMap<PathBuf, History>,
    path: &Path,
    existed_if_new: bool,
    exists_now: bool,
) {
    paths
        .entry(path.to_path_buf())
        .and_modify(|h| h.exists_now = exists_now)
        .or_insert(History {
            existed_before: existed_if_new,
            exists_now,
        });
}

#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
