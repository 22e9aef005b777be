//! `bookshelf check` in every language (`tests/fixtures/translations/` over `small/`): the
//! translations are checked in their own files, the rules that know English run on English
//! text only, and the summary says which rules ran for which language.

use serde_json::Value;

use crate::helpers::Fixture;

fn translated_small() -> Fixture {
    let f = Fixture::new("small");
    f.overlay("translations");
    f
}

/// A Polish guide with one sentence of 30 words (line 9), English that is passive and
/// hard to read if read as English, and over 100 words.
const LONG_POLISH: &str = "---
title: Spotkania
summary: Jak przygotować się do spotkania.
translated_by: Test team
---

## Przed spotkaniem

Zapisz swoje pytania, a potem porozmawiaj z nauczycielem, z pielęgniarką, z pracownikiem socjalnym, z rodziną, z przyjaciółmi i z każdym, kto zna twoje dziecko i może pomóc przed spotkaniem w szkole.

The form was completed by the council. Przedstawiciele niepełnosprawności międzynarodowej organizacji współpracowali. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania. Niezależnie przygotowywane dokumentacje uwzględniające indywidualizowane potrzeby edukacyjne wymagają systematycznego konsultowania.
";

fn check_json(f: &Fixture) -> Value {
    let run = f.run(&["check", "--format", "json"]);
    serde_json::from_str(&run.stdout).expect("json")
}

fn diagnostics_in<'a>(report: &'a Value, file: &str) -> Vec<&'a Value> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == file)
        .collect()
}

#[test]
fn a_long_sentence_in_a_translation_is_found_in_its_own_file() {
    let f = translated_small();
    f.write("content/guides/meetings.pl.md", LONG_POLISH);
    let report = check_json(&f);
    let found = diagnostics_in(&report, "content/guides/meetings.pl.md");
    let pl1: Vec<_> = found.iter().filter(|d| d["code"] == "PL1").collect();
    assert_eq!(pl1.len(), 1, "{found:#?}");
    assert_eq!((&pl1[0]["line"], &pl1[0]["column"]), (&9.into(), &1.into()));
}

#[test]
fn a_polish_page_gets_no_english_rules() {
    let f = translated_small();
    f.write("content/guides/meetings.pl.md", LONG_POLISH);
    let report = check_json(&f);
    let codes: Vec<&str> = diagnostics_in(&report, "content/guides/meetings.pl.md")
        .iter()
        .map(|d| d["code"].as_str().expect("code"))
        .collect();
    for english in ["PL2", "PL3", "PL5", "PL6"] {
        assert!(!codes.contains(&english), "{codes:?}");
    }
    let pages = report["pages"].as_array().expect("pages");
    let page = |file: &str| {
        pages
            .iter()
            .find(|p| p["file"] == file)
            .unwrap_or_else(|| panic!("no page {file} in {pages:#?}"))
    };
    let polish = page("content/guides/meetings.pl.md");
    assert_eq!(polish["language"], "pl");
    assert_eq!(polish["rules"], serde_json::json!(["PL1"]));
    assert!(polish["words"].as_u64().expect("words") >= 100);
    // Flesch–Kincaid counts English syllables: no reading age for a Polish page.
    assert!(polish["reading_age"].is_null(), "{polish:#?}");
    assert!(polish["flesch_reading_ease"].is_null(), "{polish:#?}");
    let english = page("content/guides/meetings.md");
    assert_eq!(english["language"], "en-GB");
    assert!(english["reading_age"].as_f64().is_some(), "{english:#?}");
    assert_eq!(
        english["rules"],
        serde_json::json!(["PL1", "PL2", "PL3", "PL5", "PL6"])
    );
    // The untranslated pages are reported once, in the book's language.
    let files: Vec<&str> = pages
        .iter()
        .map(|p| p["file"].as_str().expect("file"))
        .collect();
    for file in &files {
        assert_eq!(
            files.iter().filter(|f| *f == file).count(),
            1,
            "{file} twice"
        );
    }
    // The same English text in the English page is checked with the English rules.
    f.write(
        "content/guides/meetings.md",
        &LONG_POLISH
            .replace("translated_by: Test team\n", "")
            .replace("Przed spotkaniem", "Before the meeting"),
    );
    let report = check_json(&f);
    let codes: Vec<&str> = diagnostics_in(&report, "content/guides/meetings.md")
        .iter()
        .map(|d| d["code"].as_str().expect("code"))
        .collect();
    assert!(
        codes.contains(&"PL6") && codes.contains(&"PL5"),
        "{codes:?}"
    );
}

#[test]
fn the_summary_lists_the_rules_of_each_language() {
    let f = translated_small();
    let run = f.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "  en-GB    standard PL1 PL2 PL3 PL5 PL6; easy read PL2 PL6 ER2 ER3 ER5 ER8 ER10 ER12 ER17 ER19 ER28 ER29\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("  pl       standard PL1\n"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("check_translations_human", run.stderr);
}

#[test]
fn a_book_in_english_only_has_no_language_table() {
    let f = Fixture::new("small");
    let run = f.run(&["check"]);
    assert!(
        !run.stderr.contains("Rules run in each language"),
        "{}",
        run.stderr
    );
}

/// The warnings with `code` located in `file`, as `check` shows them.
fn shown(stderr: &str, code: &str, file: &str) -> String {
    stderr
        .split("\n\n")
        .filter(|block| block.contains(&format!("[{code}]")) && block.contains(file))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_translated_page_whose_source_has_no_easy_read_is_warned_in_its_own_file() {
    let f = translated_small();
    let run = f.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `guides/meetings.md` has no easy read: Polish readers get one made from the translation.
    let warned = shown(
        &run.stderr,
        "easy-read-missing",
        "content/guides/meetings.pl.md",
    );
    // `index.md` has one: Polish readers get it (not translated yet), so nothing is missing.
    assert!(
        shown(&run.stderr, "easy-read-missing", "content/index.pl.md").is_empty(),
        "{}",
        run.stderr
    );
    // Allowed in the translation like in any page.
    f.write(
        "content/guides/meetings.pl.md",
        &std::fs::read_to_string(f.root().join("content/guides/meetings.pl.md"))
            .expect("read")
            .replacen(
                "translated_by: Test team\n",
                "translated_by: Test team\nallow:\n  easy-read-missing: the automatic easy read is enough\n",
                1,
            ),
    );
    let allowed = f.run(&["check"]);
    assert!(
        shown(
            &allowed.stderr,
            "easy-read-missing",
            "content/guides/meetings.pl.md"
        )
        .is_empty(),
        "{}",
        allowed.stderr
    );
    insta::assert_snapshot!(warned);
}

#[test]
fn a_translated_item_whose_source_has_no_id_is_warned_at_its_id() {
    let f = translated_small();
    let run = f.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warned = shown(
        &run.stderr,
        "item-id-missing",
        "content/checklists/meeting.pl.yaml",
    );
    // Only `send-the-papers-early`: `ask-family` has its id in the source.
    assert_eq!(warned.matches("[item-id-missing]").count(), 1, "{warned}");
    insta::assert_snapshot!(warned);
}
