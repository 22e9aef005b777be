//! Translations laid over the small fixture (`tests/fixtures/translations/`): the book
//! still builds, `check` finds nothing in them, and the York bookshelf's Polish and Urdu
//! files load. (Pages under `/LANG/` are not written yet: the renderer does that next.)

use crate::helpers::Fixture;

fn translated_small() -> Fixture {
    let f = Fixture::new("small");
    f.overlay("translations");
    f
}

#[test]
fn a_translated_book_builds_and_checks_clean() {
    let f = translated_small();
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = f.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", check.stdout);
    let in_translations: Vec<_> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.contains(".pl.")))
        .collect();
    assert!(in_translations.is_empty(), "{in_translations:#?}");
}

#[test]
fn a_broken_link_in_a_translation_is_checked_against_the_translated_headings() {
    let f = translated_small();
    // `#before-the-meeting` is the English heading's id; the Polish page has its own.
    f.write(
        "content/index.pl.md",
        "---\ntitle: Witamy\n---\n\n[Przygotuj się](guides/meetings.md#before-the-meeting).\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/index.pl.md:5:1")
            && run
                .stderr
                .contains("`guides/meetings.md` has no heading or item `#before-the-meeting`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_york_bookshelf_checks_without_errors_in_every_language() {
    let f = Fixture::york();
    let check = f.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", check.stdout);
}
