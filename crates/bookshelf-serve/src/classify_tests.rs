//! Unit tests for event classification: temporary files, scope, atomic saves, de-duplication.

use super::*;
use notify::event::{AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind};

fn scope() -> Scope {
    Scope {
        dirs: vec!["/book/content".into(), "/book/themes".into()],
        files: vec!["/book/book.toml".into()],
        ignore: vec!["/book/content/site".into()],
        pending: vec![],
    }
}

/// Paths that existed before each batch.
fn existed(path: &Path) -> bool {
    [
        "/book/book.toml",
        "/book/content/index.md",
        "/book/content/a.md",
        "/book/content/b.md",
        "/book/content/gone.md",
        "/book/content/old.md",
        "/book/themes/default/page.html",
    ]
    .iter()
    .any(|known| Path::new(known) == path)
}

fn run(events: &[RawEvent]) -> Vec<Change> {
    classify(events, &scope(), &existed)
}

fn ev(kind: RawKind, paths: &[&str]) -> RawEvent {
    RawEvent {
        kind,
        paths: paths.iter().map(PathBuf::from).collect(),
    }
}

fn change(path: &str, kind: ChangeKind) -> Change {
    Change {
        path: path.into(),
        kind,
    }
}

#[test]
fn editor_temporary_files_are_recognised() {
    for name in [
        "a.md.swp",
        ".a.md.swx",
        "a.md~",
        "4913",
        ".#a.md",
        "a.md.tmp",
        ".DS_Store",
    ] {
        assert!(is_editor_temp(Path::new(name)), "{name}");
    }
    for name in ["a.md", "glossary.yaml", "4913.md", "swp.md", "book.toml"] {
        assert!(!is_editor_temp(Path::new(name)), "{name}");
    }
}

#[test]
fn editor_temporary_files_never_trigger_a_rebuild() {
    let events = [
        ev(RawKind::Created, &["/book/content/4913"]),
        ev(RawKind::Modified, &["/book/content/.index.md.swp"]),
        ev(RawKind::Created, &["/book/content/.#index.md"]),
        ev(RawKind::Modified, &["/book/content/index.md~"]),
    ];
    assert_eq!(run(&events), vec![]);
}

#[test]
fn access_events_are_ignored() {
    let read = EventKind::Access(AccessKind::Read);
    assert_eq!(RawKind::from_notify(&read), RawKind::Ignored);
    let atime = EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime));
    assert_eq!(RawKind::from_notify(&atime), RawKind::Ignored);
    let events = [ev(RawKind::Ignored, &["/book/content/index.md"])];
    assert_eq!(run(&events), vec![]);
}

#[test]
fn notify_kinds_map_to_raw_kinds() {
    let cases = [
        (EventKind::Create(CreateKind::File), RawKind::Created),
        (EventKind::Remove(RemoveKind::Folder), RawKind::Removed),
        (
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            RawKind::Modified,
        ),
        (
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            RawKind::Renamed,
        ),
        (
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            RawKind::Removed,
        ),
        (
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            RawKind::Created,
        ),
        (
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            RawKind::Modified,
        ),
        (EventKind::Any, RawKind::Modified),
    ];
    for (kind, raw) in cases {
        assert_eq!(RawKind::from_notify(&kind), raw, "{kind:?}");
    }
}

#[test]
fn paths_outside_the_watched_scope_or_under_ignore_are_dropped() {
    let events = [
        ev(RawKind::Modified, &["/book/content/site/index.html"]),
        ev(RawKind::Modified, &["/book/README.md"]),
        ev(RawKind::Modified, &["/elsewhere/content/index.md"]),
        ev(RawKind::Modified, &["/book/book.toml"]),
        ev(RawKind::Modified, &["/book/themes/default/page.html"]),
    ];
    assert_eq!(
        run(&events),
        vec![
            change("/book/book.toml", ChangeKind::Modified),
            change("/book/themes/default/page.html", ChangeKind::Modified),
        ]
    );
}

#[test]
fn repeated_events_for_a_path_become_one_change_sorted_by_path() {
    let events = [
        ev(RawKind::Modified, &["/book/content/b.md"]),
        ev(RawKind::Modified, &["/book/content/a.md"]),
        ev(RawKind::Modified, &["/book/content/b.md"]),
        ev(RawKind::Modified, &["/book/content/b.md"]),
    ];
    assert_eq!(
        run(&events),
        vec![
            change("/book/content/a.md", ChangeKind::Modified),
            change("/book/content/b.md", ChangeKind::Modified)
        ]
    );
}

#[test]
fn write_temporary_then_rename_over_is_one_modification() {
    // The debouncer-full shape, and the shape with a temp name we do not recognise.
    for temp in [
        "/book/content/.index.md.swp",
        "/book/content/.index.md.kate-swp",
    ] {
        let events = [
            ev(RawKind::Created, &[temp]),
            ev(RawKind::Modified, &[temp]),
            ev(RawKind::Renamed, &[temp, "/book/content/index.md"]),
        ];
        assert_eq!(
            run(&events),
            vec![change("/book/content/index.md", ChangeKind::Modified)],
            "{temp}"
        );
    }
}

#[test]
fn vim_style_backup_rename_then_rewrite_is_one_modification() {
    let events = [
        ev(
            RawKind::Renamed,
            &["/book/content/index.md", "/book/content/index.md~"],
        ),
        ev(RawKind::Created, &["/book/content/index.md"]),
        ev(RawKind::Modified, &["/book/content/index.md"]),
        ev(RawKind::Removed, &["/book/content/index.md~"]),
    ];
    assert_eq!(
        run(&events),
        vec![change("/book/content/index.md", ChangeKind::Modified)]
    );
}

#[test]
fn removed_then_created_is_modified_and_created_then_removed_is_nothing() {
    let events = [
        ev(RawKind::Removed, &["/book/content/a.md"]),
        ev(RawKind::Created, &["/book/content/a.md"]),
        ev(RawKind::Created, &["/book/content/scratch.md"]),
        ev(RawKind::Removed, &["/book/content/scratch.md"]),
    ];
    assert_eq!(
        run(&events),
        vec![change("/book/content/a.md", ChangeKind::Modified)]
    );
}

#[test]
fn a_rename_between_watched_paths_is_a_removal_and_a_creation() {
    let events = [ev(
        RawKind::Renamed,
        &["/book/content/old.md", "/book/content/guides/new.md"],
    )];
    assert_eq!(
        run(&events),
        vec![
            change("/book/content/guides/new.md", ChangeKind::Created),
            change("/book/content/old.md", ChangeKind::Removed),
        ]
    );
}

#[test]
fn created_then_modified_stays_created_and_modified_then_removed_is_removed() {
    let events = [
        ev(RawKind::Created, &["/book/content/new.md"]),
        ev(RawKind::Modified, &["/book/content/new.md"]),
        ev(RawKind::Modified, &["/book/content/gone.md"]),
        ev(RawKind::Removed, &["/book/content/gone.md"]),
    ];
    assert_eq!(
        run(&events),
        vec![
            change("/book/content/gone.md", ChangeKind::Removed),
            change("/book/content/new.md", ChangeKind::Created)
        ]
    );
}

#[test]
fn a_file_moved_in_from_outside_the_scope_is_created() {
    let events = [ev(
        RawKind::Renamed,
        &["/tmp/draft.md", "/book/content/draft.md"],
    )];
    assert_eq!(
        run(&events),
        vec![change("/book/content/draft.md", ChangeKind::Created)]
    );
}

#[test]
fn a_creation_over_an_existing_file_is_a_modification() {
    // What the debouncer reports for write-temporary-then-rename: the temporary file's
    // creation, renamed to the target.
    let events = [ev(RawKind::Created, &["/book/content/index.md"])];
    assert_eq!(
        run(&events),
        vec![change("/book/content/index.md", ChangeKind::Modified)]
    );
}

#[test]
fn a_modification_of_a_path_never_seen_is_a_creation() {
    let events = [ev(RawKind::Modified, &["/book/content/missed.md"])];
    assert_eq!(
        run(&events),
        vec![change("/book/content/missed.md", ChangeKind::Created)]
    );
}
