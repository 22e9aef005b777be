//! Content the loader must take calmly: folders it skips, links out of `content/`, a
//! byte-order mark, YAML nested without end, and bytes that are not UTF-8 (issue 20).

use crate::helpers::Fixture;

/// Files in `.`/`_` folders are never read or followed: an editor's lock file (a link to
/// nothing), a dangling link and a loop of folder links there do not break the build.
#[cfg(unix)]
#[test]
fn ignored_folders_are_never_read_or_followed() {
    use std::os::unix::fs::symlink;
    let f = Fixture::new("small");
    let content = f.root().join("content");
    // Emacs writes `.#NAME` as a link to `user@host.pid`, which does not exist.
    symlink("someone@host.1234", content.join("guides/.#meetings.md")).expect("lock");
    std::fs::create_dir_all(content.join("_drafts")).expect("mkdir");
    symlink("../nowhere.md", content.join("_drafts/gone.md")).expect("dangling");
    symlink("..", content.join("_drafts/loop")).expect("loop");
    std::fs::create_dir_all(content.join(".git")).expect("mkdir");
    symlink(".", content.join(".git/self")).expect("loop");
    symlink("missing", content.join(".git/HEAD.lock")).expect("dangling");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = f.run(&["check", "--format", "short"]);
    assert!(!check.stdout.contains("error"), "{}", check.stdout);
}

/// Outside the skipped folders, a dangling link is a located error, not a crash of the walk.
#[cfg(unix)]
#[test]
fn a_dangling_link_in_content_is_an_error_naming_it() {
    let f = Fixture::new("small");
    std::os::unix::fs::symlink("gone.md", f.root().join("content/guides/old.md")).expect("link");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`content/guides/old.md` is a link to a file that does not exist"),
        "{}",
        run.stderr
    );
    // A loop of folder links is named too, and the walk goes on past it.
    std::os::unix::fs::symlink("..", f.root().join("content/guides/again")).expect("loop");
    let run = f.run(&["check", "--format", "short"]);
    assert!(
        run.stdout.contains("content/guides/again: error[link-loop]: `content/guides/again` is a folder link that leads back into itself")
            && run.stdout.contains("content/guides/old.md: error[broken-file-link]"),
        "{}",
        run.stdout
    );
}

/// A link under `content/` to a file (or folder) elsewhere would publish it without a word.
#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_content_is_an_error_at_the_link() {
    use std::os::unix::fs::symlink;
    let f = Fixture::new("small");
    let secret = f.dir.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\n\nPrivate notes.\n").expect("write");
    symlink(&secret, f.root().join("content/guides/notes.md")).expect("link");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[link-outside-content]: `content/guides/notes.md` is a link to a file outside `content/`: `[TMP]/secret.md`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("copy the file into `content/`"),
        "{}",
        run.stderr
    );
    assert!(!f.out().join("guides/notes").exists());

    // A folder link is refused the same way, and not walked into.
    std::fs::remove_file(f.root().join("content/guides/notes.md")).expect("remove");
    let elsewhere = f.dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("x.md"), "---\ntitle: X\n---\n\nX.\n").expect("write");
    std::fs::remove_dir_all(f.root().join("content/model")).ok();
    symlink(&elsewhere, f.root().join("content/model")).expect("folder link");
    let run = f.run(&["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "content/model: error[link-outside-content]: `content/model` is a link to a folder outside `content/`"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("content/model/x.md"), "{}", run.stdout);

    // A link that stays inside `content/` is fine.
    let f = Fixture::new("small");
    symlink("meetings.md", f.root().join("content/guides/meeting.md")).expect("link");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Windows editors save a byte-order mark first; it is not part of the first key.
#[test]
fn a_byte_order_mark_before_a_yaml_key_is_read() {
    let f = Fixture::new("small");
    for file in [
        "content/checklists/meeting.yaml",
        "content/glossary.yaml",
        "content/symbols.yaml",
        "book.toml",
    ] {
        let text = std::fs::read_to_string(f.root().join(file)).expect("read");
        f.write(file, &format!("\u{feff}{text}"));
    }
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page =
        std::fs::read_to_string(f.out().join("checklists/meeting/index.html")).expect("page");
    assert!(page.contains("Before a meeting"));
}

/// 100,000 levels of `[` took the YAML parser 40 s; nesting past the limit is refused before
/// it is parsed, with an error that names the depth and points at the bracket.
#[test]
fn yaml_nested_100000_levels_deep_is_refused_naming_the_depth() {
    let f = Fixture::new("small");
    let depth = 100_000;
    let text = format!(
        "title: Deep\nlevel: individual\nsummary: S.\nwhen: W.\nsections: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    f.write("content/checklists/meeting.yaml", &text);
    let run = f.run(&["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stdout.lines().filter(|l| l.contains("error")).collect::<Vec<_>>(),
        ["content/checklists/meeting.yaml:5:139: error[yaml-too-deep]: the YAML nests more than 128 levels deep here (help: bookshelf files need only a few levels: close the `[` or `{` left open, or write the values out flat)"]
    );
    // Block lists nested on one line (`- - - …`) are refused the same way.
    let text = format!(
        "title: Deep\nlevel: individual\nsummary: S.\nwhen: W.\nsections:\n{}x\n",
        "- ".repeat(depth)
    );
    f.write("content/checklists/meeting.yaml", &text);
    let run = f.run(&["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("content/checklists/meeting.yaml:6:255: error[yaml-too-deep]: the YAML nests more than 128 levels deep here"),
        "{}",
        run.stdout
    );
}

/// A file that is not UTF-8 is located (line and column) in every format, not only the
/// human one.
#[test]
fn not_utf8_has_a_line_and_column_in_json_and_github() {
    let f = Fixture::new("small");
    f.overlay("errors/not-utf8");
    let json = f.run(&["check", "--format", "json"]);
    assert_eq!(json.code, 1, "{}", json.stderr);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "not-utf8");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(11)),
        "{d}"
    );
    let github = f.run(&["check", "--format", "github"]);
    assert!(
        github
            .stdout
            .contains("::error file=content/guides/cafe.md,line=2,col=11,title=not-utf8::"),
        "{}",
        github.stdout
    );
    // book.toml too.
    let toml = std::fs::read(f.root().join("book.toml")).expect("read");
    let mut bad = b"# Caf\xe9\n".to_vec();
    bad.extend(toml);
    std::fs::write(f.root().join("book.toml"), bad).expect("write");
    let short = f.run(&["check", "--format", "short"]);
    assert!(
        short
            .stdout
            .contains("book.toml:1:6: error[not-utf8]: this file is not UTF-8 text"),
        "{}",
        short.stdout
    );
}

/// With `base_url`, a site address is checked with or without its path, and the
/// suggestion is written the way the link was.
#[test]
fn site_absolute_links_are_checked_under_a_base_url() {
    let f = Fixture::new("small");
    let toml = std::fs::read_to_string(f.root().join("book.toml")).expect("read");
    f.write(
        "book.toml",
        &toml.replace(
            "[book]\n",
            "[book]\nbase_url = \"https://example.org/york/\"\n",
        ),
    );
    f.write(
        "content/guides/more.md",
        "---\ntitle: More\n---\n\n[a](/york/guides/meetings/) [b](/guides/meetings/) [home](/york) [c](/york/checklists/meeting/#ask-family) [d](/york/glossary/co-production/) [e](/york/assets/any.css)\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    f.write(
        "content/guides/more.md",
        "---\ntitle: More\n---\n\n[a](/york/guides/meetngs/) [b](/york/glossary/co-productoin/)\n",
    );
    let run = f.run(&["check", "--format", "short"]);
    let errors: Vec<&str> = run.stdout.lines().filter(|l| l.contains("error")).collect();
    assert_eq!(errors.len(), 2, "{}", run.stdout);
    assert!(errors[0].contains("`/york/guides/meetngs/` is not a page of this site (did you mean `/york/guides/meetings/`?)"), "{}", errors[0]);
    assert!(errors[1].contains("`/york/glossary/co-productoin/` is not a page of this site (did you mean `/york/glossary/co-production/`?)"), "{}", errors[1]);
}

/// Every page the build writes is an address a link may use: the routes the check knows
/// are the ones the site has.
#[test]
fn every_page_the_site_writes_is_a_valid_site_address() {
    let f = Fixture::new("small");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let links: Vec<String> = crate::helpers::tree(&f.out())
        .into_keys()
        .filter_map(|k| match k.strip_suffix("index.html") {
            Some(folder) => Some(format!("[x](/{folder})")),
            None => (k == "404.html").then(|| "[x](/404.html)".to_string()),
        })
        .collect();
    assert!(links.len() > 20, "{links:?}");
    f.write(
        "content/guides/every-page.md",
        &format!("---\ntitle: Every page\n---\n\n{}\n", links.join("\n")),
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Without `content/`, the error says so (not that a link is broken).
#[test]
fn a_missing_content_folder_is_named() {
    let f = Fixture::new("small");
    std::fs::remove_dir_all(f.root().join("content")).expect("remove");
    let run = f.run(&["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("error[io]: could not read the folder `content`")
            && run.stdout.contains("check that `content/` exists"),
        "{}",
        run.stdout
    );
}
