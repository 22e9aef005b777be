//! Watching the sources and running rebuilds on their own thread.
//!
//! The debouncer hands batches of raw events to a channel; the rebuild thread takes a batch,
//! adds every batch that arrived while it was busy, classifies them together and calls the
//! rebuild function once. So edits made during a rebuild are batched into the next one, and
//! the HTTP server never waits for a build.
//!
//! A watched folder that does not exist yet (a book without `themes/`) is waited for through
//! a watch on its parent folder; when it appears, the rebuild thread watches it too.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Instant;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache,
};

use crate::api::{BuildFailure, Change, ChangeKind, Rebuild, ServeConfig};
use crate::classify::{classify, RawEvent, RawKind, Scope};
use crate::error::ServeError;
use crate::known::Known;
use crate::live::LiveState;

/// The running watcher and rebuild thread. Stopping the watcher ends the thread.
pub(crate) struct Watching {
    /// Shared with the rebuild thread, which adds watches on folders made after the start.
    debouncer: Arc<Mutex<Option<AnyDebouncer>>>,
    thread: Option<JoinHandle<()>>,
}

enum AnyDebouncer {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Watching {
    /// Stops watching and waits for the rebuild in progress, if any, to finish.
    pub(crate) fn stop(mut self) {
        self.stop_inner();
    }

    fn stop_inner(&mut self) {
        let debouncer = self
            .debouncer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        match debouncer {
            Some(AnyDebouncer::Native(debouncer)) => debouncer.stop(),
            Some(AnyDebouncer::Poll(debouncer)) => debouncer.stop(),
            None => {}
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.stop_inner();
    }
}

/// Starts watching `config.watch` and the rebuild thread.
pub(crate) fn start(
    config: &ServeConfig,
    rebuild: Rebuild,
    live: Arc<LiveState>,
) -> Result<Watching, ServeError> {
    let (sender, receiver) = mpsc::channel::<Vec<RawEvent>>();
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) => {
            let raw = events
                .into_iter()
                .map(|e| RawEvent {
                    kind: RawKind::from_notify(&e.event.kind),
                    paths: e.event.paths.clone(),
                })
                .collect();
            let _ = sender.send(raw);
        }
        Err(errors) => errors
            .iter()
            .for_each(|e| tracing::warn!("file watcher: {e}")),
    };
    let notify_config = notify::Config::default();
    let mut debouncer = match config.poll {
        None => AnyDebouncer::Native(
            new_debouncer_opt(
                config.debounce,
                None,
                handler,
                RecommendedCache::new(),
                notify_config,
            )
            .map_err(|source| ServeError::Watch {
                path: PathBuf::from("."),
                source,
            })?,
        ),
        Some(interval) => AnyDebouncer::Poll(
            new_debouncer_opt(
                config.debounce,
                None,
                handler,
                NoCache,
                poll_config(interval),
            )
            .map_err(|source| ServeError::Watch {
                path: PathBuf::from("."),
                source,
            })?,
        ),
    };
    let scope = scope(config);
    for (path, mode) in watch_roots(&scope) {
        debouncer.watch(&path, mode)?;
    }
    // Scanned before returning, so that whatever the caller does next is a change.
    let known = Known::scan(&scope);
    let debouncer = Arc::new(Mutex::new(Some(debouncer)));
    let shared = Arc::clone(&debouncer);
    let thread = std::thread::Builder::new()
        .name("bookshelf-rebuild".into())
        .spawn(move || rebuild_loop(&receiver, scope, known, rebuild, &live, &shared))
        .map_err(ServeError::Threads)?;
    Ok(Watching {
        debouncer,
        thread: Some(thread),
    })
}

impl AnyDebouncer {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), ServeError> {
        let watched = match self {
            AnyDebouncer::Native(d) => d.watch(path, mode),
            AnyDebouncer::Poll(d) => d.watch(path, mode),
        };
        watched.map_err(|source| ServeError::Watch {
            path: path.to_path_buf(),
            source,
        })?;
        tracing::debug!("watching {}", path.display());
        Ok(())
    }
}

/// Watches the pending paths that `changes` created: a folder with everything under it, a
/// file through the parent folder already watched.
fn adopt_created(changes: &[Change], scope: &mut Scope, debouncer: &Mutex<Option<AnyDebouncer>>) {
    for change in changes {
        if change.kind == ChangeKind::Removed || !scope.pending.contains(&change.path) {
            continue;
        }
        scope.pending.retain(|p| p != &change.path);
        if !change.path.is_dir() {
            scope.files.push(change.path.clone());
            continue;
        }
        let mut debouncer = debouncer.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(debouncer) = debouncer.as_mut() else {
            return; // stopping
        };
        match debouncer.watch(&change.path, RecursiveMode::Recursive) {
            Ok(()) => scope.dirs.push(change.path.clone()),
            Err(error) => {
                let reason = std::error::Error::source(&error).map(ToString::to_string);
                tracing::warn!("{error}: {}", reason.unwrap_or_default());
                scope.pending.push(change.path.clone());
            }
        }
    }
}

/// Polling compares contents as well as modification times, because notify records those in
/// whole seconds and would miss a second save within the same second.
fn poll_config(interval: std::time::Duration) -> notify::Config {
    notify::Config::default()
        .with_poll_interval(interval)
        .with_compare_contents(true)
}

/// Absolute, canonical where possible, forms of the configured paths, so that they compare
/// equal to the paths in events. Watched paths that do not exist are left out.
fn scope(config: &ServeConfig) -> Scope {
    let mut scope = Scope {
        ignore: config.ignore.iter().map(|p| absolute(p)).collect(),
        ..Scope::default()
    };
    for path in &config.watch {
        match path.canonicalize() {
            Ok(path) if path.is_dir() => scope.dirs.push(path),
            Ok(path) => scope.files.push(path),
            Err(_) => match (path.parent(), path.file_name()) {
                (Some(parent), Some(name)) if absolute(parent).is_dir() => {
                    tracing::debug!("{} does not exist yet: waiting for it", path.display());
                    scope.pending.push(absolute(parent).join(name));
                }
                _ => tracing::debug!("not watching {}: it does not exist", path.display()),
            },
        }
    }
    scope
}

/// Folders are watched recursively; a single file through its parent folder, because editors
/// that save by renaming replace the file, and a watch on the file itself would be lost.
fn watch_roots(scope: &Scope) -> Vec<(PathBuf, RecursiveMode)> {
    let mut roots: Vec<(PathBuf, RecursiveMode)> = scope
        .dirs
        .iter()
        .map(|d| (d.clone(), RecursiveMode::Recursive))
        .collect();
    for file in scope.files.iter().chain(&scope.pending) {
        let parent = file.parent().unwrap_or(file).to_path_buf();
        if !roots.iter().any(|(root, _)| root == &parent) {
            roots.push((parent, RecursiveMode::NonRecursive));
        }
    }
    roots
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

fn rebuild_loop(
    receiver: &Receiver<Vec<RawEvent>>,
    mut scope: Scope,
    mut known: Known,
    mut rebuild: Rebuild,
    live: &LiveState,
    debouncer: &Mutex<Option<AnyDebouncer>>,
) {
    while let Ok(mut batch) = receiver.recv() {
        batch.extend(receiver.try_iter().flatten());
        let changes = classify(&batch, &scope, &|path| known.contains(path));
        // Watched before `known` walks a new folder, so that no file made meanwhile is missed.
        adopt_created(&changes, &mut scope, debouncer);
        let changes = known.apply(changes, &scope);
        if changes.is_empty() {
            continue;
        }
        tracing::info!("rebuilding: {}", describe(&changes));
        let started = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| rebuild(&changes))).unwrap_or_else(|_| {
            Err(BuildFailure {
                text: "the rebuild stopped unexpectedly (a bug in bookshelf); see the message above".into(),
                html: "<p>The rebuild stopped unexpectedly. This is a bug in bookshelf: \
                       the terminal shows the details.</p>"
                    .into(),
            })
        });
        let elapsed = started.elapsed();
        match outcome {
            Ok(report) => {
                let pages = if report.changed_urls.is_empty() {
                    "all pages".to_owned()
                } else {
                    format!("{} changed", report.changed_urls.len())
                };
                tracing::info!("rebuilt in {} ms ({pages})", elapsed.as_millis());
                live.built(&report);
            }
            Err(failure) => {
                tracing::error!(
                    "rebuild failed in {} ms; still serving the last good site\n{}",
                    elapsed.as_millis(),
                    failure.text
                );
                live.failed(&failure);
            }
        }
    }
}

/// `content/a.md changed` or `3 files changed, 1 removed`.
fn describe(changes: &[Change]) -> String {
    if let [change] = changes {
        let verb = match change.kind {
            ChangeKind::Created => "created",
            ChangeKind::Modified => "changed",
            ChangeKind::Removed => "removed",
        };
        return format!("{} {verb}", change.path.display());
    }
    let count = |kind| changes.iter().filter(|c| c.kind == kind).count();
    format!(
        "{} created, {} changed, {} removed",
        count(ChangeKind::Created),
        count(ChangeKind::Modified),
        count(ChangeKind::Removed)
    )
}
