//! Hints from the book itself (issue 26, point 3): a broken link suggests files this book
//! has (never York's pages in a new bookshelf) and the target page's real headings; an
//! unknown symbol gets a did-you-mean from the symbol set in use, a council's own folder
//! included.

use crate::helpers::Fixture;

#[test]
fn a_broken_link_in_a_new_bookshelf_suggests_its_own_pages() {
    let f = Fixture::new("small");
    let dir = f.dir.path().join("fresh");
    let run = f.run(&["new", dir.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = dir.join("content/index.md");
    let text = std::fs::read_to_string(&page).expect("index");
    std::fs::write(
        &page,
        format!("{text}\nSee [meetings](guides/meetngs.md) and [the start](guides/meetings.md#nowhere-at-all).\n"),
    )
    .expect("write");
    let out = f.dir.path().join("fresh-site");
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_bookshelf"))
        .args([
            "build",
            "--root",
            dir.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert_eq!(build.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains("having-your-say"),
        "no York page is suggested:\n{stderr}"
    );
    assert!(
        stderr.contains("e.g. `guides/meetings.md`"),
        "the nearest file of this book is suggested:\n{stderr}"
    );
    let meetings = std::fs::read_to_string(dir.join("content/guides/meetings.md")).expect("page");
    let first_heading = meetings
        .lines()
        .find_map(|l| l.strip_prefix("## "))
        .expect("the template's guide has a heading");
    let id = bookshelf_content::slug::slugify(first_heading);
    assert!(
        stderr.contains(&format!("The headings of `guides/meetings.md` are `#{id}`"))
            || stderr.contains(&format!("the headings of `guides/meetings.md` are `#{id}`")),
        "the target's real headings are listed:\n{stderr}"
    );
}

#[test]
fn an_unknown_symbol_gets_a_suggestion_from_the_councils_own_folder() {
    let f = Fixture::new("small");
    let toml = std::fs::read_to_string(f.root().join("book.toml")).expect("book.toml");
    let toml = if toml.contains("[easy_read]") {
        toml.replacen("[easy_read]", "[easy_read]\nsymbols = \"pictures\"", 1)
    } else {
        format!("{toml}\n[easy_read]\nsymbols = \"pictures\"\n")
    };
    f.write("book.toml", &toml);
    for name in ["meeting", "family", "question", "school"] {
        f.write(
            &format!("pictures/{name}.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    }
    let page = std::fs::read_to_string(f.root().join("content/guides/meetings.md")).expect("page");
    f.write(
        "content/guides/meetings.md",
        &page.replacen("---\n", "---\nsymbol: meetng\n", 1),
    );
    let run = f.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let unknown: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "unknown-symbol")
        .collect();
    let on_page = unknown
        .iter()
        .find(|d| d["file"] == "content/guides/meetings.md")
        .unwrap_or_else(|| panic!("the page's symbol is unknown: {unknown:#?}"));
    let help = on_page["help"].as_str().expect("help");
    assert!(help.starts_with("did you mean `meeting`?"), "{help}");
    assert!(help.contains("`pictures`"), "{help}");
    for d in &unknown {
        let help = d["help"].as_str().unwrap_or("");
        assert!(
            !help.contains("such as `handshake`") && !help.contains("mean `handshake`"),
            "the folder has no handshake to suggest: {help}"
        );
    }
}

#[test]
fn a_twemoji_typo_gets_the_name_it_meant() {
    let f = Fixture::new("small");
    let page = std::fs::read_to_string(f.root().join("content/guides/meetings.md")).expect("page");
    f.write(
        "content/guides/meetings.md",
        &page.replacen("---\n", "---\nsymbol: handshak\n", 1),
    );
    let run = f.run(&["check", "--format", "short"]);
    assert!(
        run.stdout
            .contains("there is no symbol called `handshak` (help: did you mean `handshake`?"),
        "{}",
        run.stdout
    );
}
