//! Watching and live reload end to end: edit, break, fix, atomic saves, editor temporary files.

mod common;

use std::fs;
use std::sync::mpsc::Receiver;

use bookshelf_serve::{BuildFailure, Change, ChangeKind};
use common::{get, serve, Book, Events, PATIENCE};

/// The next rebuild call's changes (waits on a blocking thread, so the server keeps running).
async fn next_rebuild(calls: &mut Receiver<Vec<Change>>) -> Vec<Change> {
    tokio::task::block_in_place(|| calls.recv_timeout(PATIENCE)).expect("a rebuild in time")
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_rebuilds_with_that_path_and_reloads_open_pages() {
    let book = Book::new();
    let (server, mut calls) = serve(&book, Ok(()), None);
    let mut events = Events::connect(server.addr).await;
    let page = book.root.join("content/index.md");
    // Editor droppings first: they must not reach the rebuild.
    fs::write(book.root.join("content/.index.md.swp"), "swap").unwrap();
    fs::write(book.root.join("content/4913"), "").unwrap();
    fs::write(book.root.join("content/index.md~"), "backup").unwrap();
    fs::write(&page, "second version").unwrap();

    let changes = next_rebuild(&mut calls).await;
    assert_eq!(
        changes,
        vec![Change {
            path: page.clone(),
            kind: ChangeKind::Modified
        }]
    );
    assert_eq!(events.next().await, ("reload".into(), "/".into()));
    let home = get(server.addr, "/").await;
    assert!(home.text().contains("<p>second version</p>"));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_rebuild_keeps_the_old_site_shows_the_overlay_and_a_fix_sends_ok() {
    let book = Book::new();
    let (server, mut calls) = serve(&book, Ok(()), None);
    let mut events = Events::connect(server.addr).await;
    let page = book.root.join("content/index.md");

    fs::write(&page, "BROKEN page").unwrap();
    next_rebuild(&mut calls).await;
    let (name, data) = events.next().await;
    assert_eq!(name, "error");
    assert!(
        data.contains("<p><code>content/index.md:1:1</code>: the page is broken</p>"),
        "{data}"
    );
    assert!(data.contains("role=\"alertdialog\""));

    let home = get(server.addr, "/").await;
    assert_eq!(home.status, 200);
    assert!(
        home.text().contains("<p>first version</p>"),
        "the last good page is still served"
    );
    assert!(
        home.text().contains("id=\"bookshelf-overlay\""),
        "the overlay is injected server-side"
    );
    assert!(home.text().contains("the page is broken"));
    assert!(home.text().contains("href=\"/__bookshelf/overlay.css\""));

    // A page opened during the failure hears about it at once.
    let mut late = Events::connect(server.addr).await;
    assert_eq!(late.next().await.0, "error");

    fs::write(&page, "fixed version").unwrap();
    next_rebuild(&mut calls).await;
    assert_eq!(events.next().await.0, "ok");
    assert_eq!(late.next().await.0, "ok");
    let home = get(server.addr, "/").await;
    assert!(home.text().contains("<p>fixed version</p>"));
    assert!(!home.text().contains("id=\"bookshelf-overlay\""));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_initial_build_shows_the_overlay_from_the_first_page_load() {
    let book = Book::new();
    let failure = BuildFailure {
        text: "book.toml: missing `title`".into(),
        html: "<p>missing <code>title</code></p>".into(),
    };
    let (server, _) = serve(&book, Err(failure), None);
    let home = get(server.addr, "/").await;
    assert!(home.text().contains("<p>missing <code>title</code></p>"));
    let mut events = Events::connect(server.addr).await;
    assert_eq!(events.next().await.0, "error");
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_atomic_save_is_one_change_to_the_saved_file() {
    let book = Book::new();
    let (server, mut calls) = serve(&book, Ok(()), None);
    let page = book.root.join("content/index.md");
    let temp = book.root.join("content/.index.md.tmp");
    fs::write(&temp, "atomically saved").unwrap();
    fs::rename(&temp, &page).unwrap();

    let changes = next_rebuild(&mut calls).await;
    assert_eq!(
        changes,
        vec![Change {
            path: page,
            kind: ChangeKind::Modified
        }]
    );
    assert!(get(server.addr, "/")
        .await
        .text()
        .contains("<p>atomically saved</p>"));
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_to_a_single_watched_file_is_seen_even_after_it_is_replaced() {
    let book = Book::new();
    let (server, mut calls) = serve(&book, Ok(()), None);
    let toml = book.root.join("book.toml");
    let replacement = book.root.join("book.toml.new");
    fs::write(&replacement, "[book]\ntitle = \"Renamed\"\n").unwrap();
    fs::rename(&replacement, &toml).unwrap();
    assert_eq!(
        next_rebuild(&mut calls).await,
        vec![Change {
            path: toml.clone(),
            kind: ChangeKind::Modified
        }]
    );
    // The watch survives the replacement.
    fs::write(&toml, "[book]\ntitle = \"Again\"\n").unwrap();
    assert_eq!(
        next_rebuild(&mut calls).await,
        vec![Change {
            path: toml,
            kind: ChangeKind::Modified
        }]
    );
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn created_and_removed_files_and_folders_are_reported() {
    let book = Book::new();
    let (server, mut calls) = serve(&book, Ok(()), None);
    let folder = book.root.join("content/guides");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("meeting.md"), "a guide").unwrap();
    // The folder's and the file's events may come in one batch or two; each path is first
    // reported as created (a later batch may add a modification of the file).
    let mut seen = Vec::new();
    while !seen
        .iter()
        .any(|c: &Change| c.path == folder.join("meeting.md"))
    {
        seen.extend(next_rebuild(&mut calls).await);
    }
    assert!(
        seen.iter().all(|c| c.kind == ChangeKind::Created),
        "{seen:?}"
    );

    fs::remove_dir_all(&folder).unwrap();
    loop {
        let batch = next_rebuild(&mut calls).await;
        if batch.iter().any(|c| c.path == folder) {
            // The folder's removal lists the file it held too.
            assert!(
                batch.contains(&Change {
                    path: folder.clone(),
                    kind: ChangeKind::Removed
                }),
                "{batch:?}"
            );
            assert!(
                batch.contains(&Change {
                    path: folder.join("meeting.md"),
                    kind: ChangeKind::Removed
                }),
                "{batch:?}"
            );
            break;
        }
        // A trailing batch from the creation: only the new file, modified.
        assert!(
            batch
                .iter()
                .all(|c| c.path == folder.join("meeting.md") && c.kind == ChangeKind::Modified),
            "{batch:?}"
        );
    }
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_poll_watcher_also_sees_edits() {
    let book = Book::new();
    let config = bookshelf_serve::ServeConfig {
        poll: Some(std::time::Duration::from_millis(50)),
        ..book.config()
    };
    let (rebuild, mut calls) = common::fake_rebuild(&book);
    let server = bookshelf_serve::start(config, Ok(()), rebuild, None).unwrap();
    let page = book.root.join("content/index.md");
    fs::write(&page, "polled version, longer than before").unwrap();
    let changes = next_rebuild(&mut calls).await;
    assert_eq!(
        changes,
        vec![Change {
            path: page,
            kind: ChangeKind::Modified
        }]
    );
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn shutdown_ends_open_event_streams() {
    let book = Book::new();
    let (server, _) = serve(&book, Ok(()), None);
    let mut events = Events::connect(server.addr).await;
    tokio::task::block_in_place(|| server.shutdown());
    assert!(events.closed().await);
}

#[tokio::test(flavor = "multi_thread")]
async fn rapid_successive_saves_end_with_the_last_version_served() {
    let book = Book::new();
    let (server, mut calls) = serve(&book, Ok(()), None);
    let page = book.root.join("content/index.md");
    for i in 0..20 {
        fs::write(&page, format!("save {i}")).unwrap();
    }
    // However the saves were batched, every rebuild is about this one file, and the last
    // one renders the last save.
    loop {
        let changes = next_rebuild(&mut calls).await;
        assert_eq!(
            changes,
            vec![Change {
                path: page.clone(),
                kind: ChangeKind::Modified
            }]
        );
        if get(server.addr, "/")
            .await
            .text()
            .contains("<p>save 19</p>")
        {
            break;
        }
    }
    server.shutdown();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_renamed_page_is_removed_and_created() {
    let book = Book::new();
    let (server, mut calls) = serve(&book, Ok(()), None);
    let old = book.root.join("content/old.md");
    let new = book.root.join("content/new.md");
    fs::write(&old, "a page").unwrap();
    assert_eq!(
        next_rebuild(&mut calls).await,
        vec![Change {
            path: old.clone(),
            kind: ChangeKind::Created
        }]
    );
    fs::rename(&old, &new).unwrap();
    assert_eq!(
        next_rebuild(&mut calls).await,
        vec![
            Change {
                path: new,
                kind: ChangeKind::Created
            },
            Change {
                path: old,
                kind: ChangeKind::Removed
            }
        ]
    );
    server.shutdown();
}

/// Fault 5 of issue 20: `themes/` made after `serve` started was never watched, so edits to a
/// new theme did nothing until a restart.
#[tokio::test(flavor = "multi_thread")]
async fn a_themes_folder_made_after_the_start_is_watched() {
    let book = Book::new();
    let themes = book.root.join("themes");
    assert!(!themes.exists());
    let (server, mut calls) = serve(&book, Ok(()), None);
    fs::create_dir_all(themes.join("default/templates")).unwrap();
    let changes = next_rebuild(&mut calls).await;
    assert!(
        changes.contains(&Change {
            path: themes.clone(),
            kind: ChangeKind::Created
        }),
        "{changes:?}"
    );
    // Now an edit deep inside it, after the folder was taken in.
    let template = themes.join("default/templates/page.html");
    fs::write(&template, "<p>{{ page.title }}</p>").unwrap();
    loop {
        let changes = next_rebuild(&mut calls).await;
        if changes.iter().any(|c| c.path == template) {
            break;
        }
    }
    fs::write(&template, "<h1>{{ page.title }}</h1>").unwrap();
    let changes = next_rebuild(&mut calls).await;
    assert!(
        changes.contains(&Change {
            path: template.clone(),
            kind: ChangeKind::Modified
        }),
        "{changes:?}"
    );
    server.shutdown();
}
