//! Deliberate exceptions (issue 26, point 4): `<!-- allow CODE: reason -->` for a line or a
//! section, an `allow:` key for a page or a YAML item. Allowed warnings leave the count and
//! are listed with their reason; an allow that matches nothing or gives no reason is warned.

use serde_json::Value;

use crate::helpers::Fixture;

fn check_json(f: &Fixture) -> Value {
    let run = f.run(&["check", "--format", "json"]);
    serde_json::from_str(&run.stdout).expect("json")
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["file"].as_str().unwrap_or(""),
                d["line"],
                d["code"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// Insert `allow:` front matter into a page of the small fixture.
fn allow_page(f: &Fixture, rel: &str, key: &str) {
    let path = f.root().join(rel);
    let text = std::fs::read_to_string(&path).expect("read page");
    let text = text.replacen("---\n", &format!("---\nallow:\n  {key}\n"), 1);
    std::fs::write(path, text).expect("write page");
}

#[test]
fn a_line_a_yaml_item_and_pages_allowed_with_reasons_pass_deny_warnings() {
    let f = Fixture::new("small");
    let before = f.run(&["check", "--deny-warnings"]);
    assert_eq!(
        before.code, 1,
        "the small fixture has warnings: {}",
        before.stderr
    );
    f.write(
        "content/index.easy.md",
        "---\ntitle: Welcome\nchecked_by: the young people's forum\n---\n\nThis is a small bookshelf. <!-- allow ER5: the welcome line needs no picture -->\n\nYou can read about meetings.\n",
    );
    let checklist = std::fs::read_to_string(f.root().join("content/checklists/meeting.yaml"))
        .expect("checklist");
    f.write(
        "content/checklists/meeting.yaml",
        &checklist.replacen(
            "      - text: Send the papers early.\n",
            "      - text: Send the papers early.\n        allow:\n          item-id-missing: a test of an allow inside one item\n",
            1,
        ),
    );
    for page in [
        "content/guides/meetings.md",
        "content/model/levels.md",
        "content/model/what-it-is.md",
    ] {
        allow_page(
            &f,
            page,
            "easy-read-missing: the automatic easy read is enough for this page",
        );
    }
    let run = f.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "every warning is allowed:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("Allowed on purpose (5 warnings, not counted):"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/index.easy.md:6: ER5 ×1: the welcome line needs no picture"),
        "{}",
        run.stderr
    );
    let report = check_json(&f);
    assert_eq!(report["warnings"], 0, "{:?}", codes(&report));
    let allowed = report["allowed"].as_array().expect("allowed");
    assert_eq!(allowed.len(), 5, "{allowed:#?}");
    let item = allowed
        .iter()
        .find(|a| a["code"] == "item-id-missing")
        .expect("the checklist item's warning is allowed");
    assert_eq!(item["file"], "content/checklists/meeting.yaml");
    assert_eq!(item["reason"], "a test of an allow inside one item");
    // The allow: key is no part of the checklist: it still builds, the item unchanged.
    assert_eq!(f.build().code, 0);
    // Allow comments are notes to editors: not published.
    let easy = std::fs::read_to_string(f.out().join("easy-read/index.html")).expect("easy home");
    assert!(easy.contains("This is a small bookshelf."), "{easy}");
    assert!(!easy.contains("allow ER5"), "{easy}");
}

#[test]
fn a_section_allow_ends_at_the_next_heading() {
    let f = Fixture::new("small");
    f.write(
        "content/guides/words.md",
        "---\ntitle: Words\nallow:\n  easy-read-missing: a test page\n---\n\n<!-- allow PL2: this section explains the word -->\n## Collaborate\n\nTo collaborate means to work with someone.\n\n## Again\n\nWe collaborate here.\n",
    );
    let report = check_json(&f);
    let words: Vec<String> = codes(&report)
        .into_iter()
        .filter(|c| c.starts_with("content/guides/words.md"))
        .collect();
    // PL2 is reported once per page: the first use outside the allowed section.
    assert_eq!(words, ["content/guides/words.md:14:PL2"], "{words:?}");
}

#[test]
fn an_allow_that_matches_nothing_or_gives_no_reason_is_a_warning_at_its_place() {
    let f = Fixture::new("small");
    f.write(
        "content/guides/words.md",
        "---\ntitle: Words\nallow:\n  easy-read-missing:\n---\n\n<!-- allow PL9: no such rule -->\nPlain words.\n",
    );
    let report = check_json(&f);
    let words: Vec<String> = codes(&report)
        .into_iter()
        .filter(|c| c.starts_with("content/guides/words.md"))
        .collect();
    assert_eq!(
        words,
        [
            "content/guides/words.md:4:allow-reason-missing",
            "content/guides/words.md:7:allow-unused",
        ],
        "{words:?}"
    );
}

#[test]
fn york_passes_check_deny_warnings() {
    let f = Fixture::york();
    let run = f.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("Allowed on purpose"), "{}", run.stderr);
}
