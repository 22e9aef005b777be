//! The output folder end to end: one writer at a time (a lock beside the folder), a swap that
//! a kill cannot leave half done, no old copies left beside the site, and the same bytes from
//! every build. Kills and pauses use the fault-injection hooks the test suite compiles into
//! the binary (`BOOKSHELF_FAULT`, see `bookshelf-render`'s `output::fault`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{tree, Fixture, Run};

/// `bookshelf build --quiet --out OUT` in the book root, with `env` set.
fn build_with(f: &Fixture, out: &Path, env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_bookshelf"))
        .args(["build", "--quiet", "--out"])
        .arg(out)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .env_remove("BOOKSHELF_LOG")
        .env_remove("BOOKSHELF_FAULT")
        .envs(env.iter().copied())
        .output()
        .expect("run bookshelf");
    let tmp = f.dir.path().to_string_lossy().into_owned();
    let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&tmp, "[TMP]");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: clean(&output.stdout),
        stderr: clean(&output.stderr),
    }
}

/// The names in `out`'s parent folder, sorted.
fn beside(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The names beside `out` once the replaced site a build hands to a process of its own has
/// gone. Until then there is at most that one copy beside the site.
fn settled(out: &Path) -> Vec<String> {
    let start = Instant::now();
    loop {
        let names = beside(out);
        let copies = names.iter().filter(|n| n.starts_with(".out.")).count();
        assert!(copies <= 1, "at most one old copy: {names:?}");
        if copies == 0 || start.elapsed() > Duration::from_secs(30) {
            return names;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Change a page, so a second build makes a different site.
fn edit(f: &Fixture) {
    let page = f.root().join("content/guides/meetings.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\nA sentence added after the first build.\n"),
    )
    .unwrap();
}

/// The site `f`'s content gives, built into a folder of its own.
fn reference(f: &Fixture, name: &str) -> BTreeMap<String, Vec<u8>> {
    let out = f.dir.path().join(name);
    let run = build_with(f, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    tree(&out)
}

fn wait_for_file(path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for `{}`",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Regression (issue 20, fault 2): a build renamed away every staging folder beside the
/// output, including the one another build was still writing, and both reported success.
/// Now the second build is refused, names the folder and the process holding it, and
/// touches nothing; the first finishes a whole site.
#[test]
fn a_second_build_of_the_same_folder_is_refused_and_the_first_finishes() {
    let f = Fixture::new("small");
    let out = f.out();
    assert_eq!(build_with(&f, &out, &[]).code, 0);
    let before = tree(&out);
    edit(&f);
    let expected = reference(&f, "reference");

    // The first build stops with its lock held and its staging folder written.
    let signal = f.dir.path().join("first-is-swapping");
    let fault = format!("before-swap:wait:{}", signal.display());
    let first = Command::new(env!("CARGO_BIN_EXE_bookshelf"))
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .env("BOOKSHELF_FAULT", &fault)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the first build");
    wait_for_file(&signal);
    let staging: Vec<String> = beside(&out)
        .into_iter()
        .filter(|n| n.starts_with(".out.tmp-"))
        .collect();
    assert_eq!(staging.len(), 1, "{:?}", beside(&out));
    let staged = tree(&f.dir.path().join(&staging[0]));

    let second = build_with(&f, &out, &[]);
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(
        second
            .stderr
            .contains("`[TMP]/out` is being written by another bookshelf")
            && second
                .stderr
                .contains(&format!("process {}, `", first.id())),
        "names the folder and the process: {}",
        second.stderr
    );
    assert_eq!(
        first_difference(&tree(&out), &before),
        None,
        "the site is untouched"
    );
    assert_eq!(
        first_difference(&tree(&f.dir.path().join(&staging[0])), &staged),
        None,
        "the first build's staging folder is untouched"
    );

    std::fs::remove_file(&signal).unwrap();
    let first = first.wait_with_output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        first_difference(&tree(&out), &expected),
        None,
        "the first build's whole site"
    );
    assert_eq!(settled(&out), ["book", "out", "reference"]);
    assert!(
        !f.dir.path().join(".out.lock").exists(),
        "the lock file goes"
    );
}

/// Two builds started together: each finishes or is refused with the message, never both
/// writing, and the site is whole.
#[test]
fn two_builds_started_at_once_leave_a_whole_site() {
    let f = Fixture::new("small");
    let out = f.out();
    let expected = reference(&f, "reference");
    for round in 0..3 {
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_bookshelf"))
                .args(["build", "--quiet", "--out"])
                .arg(&out)
                .current_dir(f.root())
                .env("NO_COLOR", "1")
                .env_remove("BOOKSHELF_FAULT")
                .stderr(Stdio::piped())
                .spawn()
                .expect("start a build")
        };
        let (a, b) = (start(), start());
        let mut succeeded = 0;
        for child in [a, b] {
            let done = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&done.stderr);
            if done.status.success() {
                succeeded += 1;
            } else {
                assert!(
                    stderr.contains("is being written by another bookshelf"),
                    "round {round}: {stderr}"
                );
            }
        }
        assert!(succeeded >= 1, "round {round}: one build finishes");
        assert_eq!(
            first_difference(&tree(&out), &expected),
            None,
            "round {round}: a whole site"
        );
    }
}

/// Regression (issue 20, fault 3): a build killed between the two renames of the swap left
/// no site at all. The swap is now one exchange of the two folders: killed before or after
/// it, the output is the whole old site or the whole new one, and the next build clears what
/// the killed one left.
#[test]
fn a_build_killed_at_any_step_of_the_swap_leaves_a_whole_site() {
    for point in ["before-swap", "after-swap"] {
        let f = Fixture::new("small");
        let out = f.out();
        assert_eq!(build_with(&f, &out, &[]).code, 0);
        let old = tree(&out);
        edit(&f);
        let new = reference(&f, "reference");
        let killed = build_with(&f, &out, &[("BOOKSHELF_FAULT", point)]);
        assert_eq!(killed.code, -1, "{point}: killed ({})", killed.stderr);
        let (expected, which) = if point == "before-swap" {
            (&old, "old")
        } else {
            (&new, "new")
        };
        assert_eq!(
            first_difference(&tree(&out), expected),
            None,
            "{point}: the whole {which} site"
        );
        assert_eq!(build_with(&f, &out, &[]).code, 0);
        assert_eq!(first_difference(&tree(&out), &new), None);
        assert_eq!(
            settled(&out),
            ["book", "out", "reference"],
            "{point}: nothing left beside the site"
        );
    }
}

/// Where the file system cannot exchange folders, the swap falls back to two renames; a
/// build killed between them leaves the last site beside the output, and the next build,
/// even one that fails on its content, puts it back.
#[test]
fn a_build_killed_between_fallback_renames_gets_its_last_site_back() {
    let f = Fixture::new("small");
    let out = f.out();
    assert_eq!(build_with(&f, &out, &[]).code, 0);
    let old = tree(&out);
    edit(&f);
    let killed = build_with(
        &f,
        &out,
        &[("BOOKSHELF_FAULT", "no-exchange,between-renames")],
    );
    assert_eq!(killed.code, -1, "killed ({})", killed.stderr);
    assert!(!out.exists(), "the gap the exchange closes");
    f.write(
        "content/guides/meetings.md",
        "---\ntitle: Meetings\n---\n\n[broken](nope.md)\n",
    );
    let failed = build_with(&f, &out, &[]);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert_eq!(
        first_difference(&tree(&out), &old),
        None,
        "the last site is back"
    );
    assert_eq!(beside(&out), ["book", "out"]);
}

/// Regression (issue 20, fault 16): each build left the site it replaced beside the output
/// (1.4 GB of old copies beside a 212 MB site). Now it is removed before the build ends.
#[test]
fn builds_in_a_row_leave_no_old_copies_beside_the_site() {
    let f = Fixture::new("small");
    let out = f.out();
    for round in 0..4 {
        edit(&f);
        let run = build_with(&f, &out, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(settled(&out), ["book", "out"], "after build {round}");
    }
}

/// Every file of a site, or the first difference from `expected`.
fn first_difference(
    got: &BTreeMap<String, Vec<u8>>,
    expected: &BTreeMap<String, Vec<u8>>,
) -> Option<String> {
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    if names(got) != names(expected) {
        let only = |a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>| {
            a.keys()
                .filter(|k| !b.contains_key(*k))
                .cloned()
                .collect::<Vec<_>>()
        };
        return Some(format!(
            "files only in one: {:?} / only in the other: {:?}",
            only(got, expected),
            only(expected, got)
        ));
    }
    got.iter()
        .find(|(k, v)| expected[*k] != **v)
        .map(|(k, _)| format!("`{k}` differs"))
}

/// Regression (issue 20, fault 17): the published tantivy index had random segment names,
/// and the static index `serve` writes was ordered differently from `build`'s. Now the York
/// bookshelf gives the same bytes, index included, built twice and served. (And fault 2:
/// `serve` holds its folder against a `build`.)
#[test]
fn york_gives_the_same_bytes_built_twice_and_served() {
    let f = Fixture::york();
    let first = reference(&f, "first");
    let second = reference(&f, "second");
    assert_eq!(first_difference(&second, &first), None, "built twice");
    assert!(first.keys().any(|k| k.starts_with("search/index/")));

    // `serve` writes its pages at once and the print pages and search index after; wait
    // until its folder holds the same bytes.
    let out: PathBuf = f.dir.path().join("served");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_bookshelf"))
        .args(["serve", "--port", &port.to_string(), "--out"])
        .arg(&out)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let start = Instant::now();
    let mut last = Some("not built".to_string());
    while start.elapsed() < Duration::from_secs(120) {
        if out.exists() {
            last = first_difference(&tree(&out), &first);
            if last.is_none() {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    // While it serves, it holds the folder: a build there is refused and names it.
    let refused = build_with(&f, &out, &[]);
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(last, None, "served");
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "`[TMP]/served` is being written by another bookshelf (process {}, `",
            server.id()
        )) && refused.stderr.contains(" serve --port "),
        "{}",
        refused.stderr
    );
}

/// Regression (issue 20, fault 15): a write error printed its cause twice ("No space left on
/// device (os error 28): No space left on device (os error 28)"). Here the folder cannot be
/// made, as a path runs through a file: the cause is printed once.
#[test]
fn a_write_error_prints_its_cause_once() {
    let f = Fixture::new("small");
    std::fs::write(f.dir.path().join("a-file"), "not a folder").unwrap();
    let out = f.dir.path().join("a-file/sub/site");
    let run = build_with(&f, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let cause = std::io::Error::from_raw_os_error(20).to_string();
    assert_eq!(
        run.stderr,
        format!("error: could not write `[TMP]/a-file/sub`: {cause}\n")
    );
}
