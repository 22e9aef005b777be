//! `check` runs the plain-language rules (PL, ER) on the words written in YAML: checklist
//! `when`, item `text`, `why` and `evidence`, and glossary `plain`, `more` and `easy`
//! (issue 25), each warning at the line and column of the words.

use crate::helpers::Fixture;

#[test]
fn checklist_and_glossary_words_are_checked_at_their_yaml_line() {
    let f = Fixture::new("checklist-text");
    let run = f.run(&["check", "--format", "short"]);
    assert_eq!(run.code, 0, "warnings alone do not fail: {}", run.stderr);
    insta::assert_snapshot!("check_yaml_text_short", run.stdout);
}

#[test]
fn english_rules_run_only_on_english_checklists() {
    let f = Fixture::new("checklist-text");
    let toml = f.root().join("book.toml");
    let text = std::fs::read_to_string(&toml).expect("book.toml");
    std::fs::write(&toml, text.replace("en-GB", "pl")).expect("write book.toml");
    let run = f.run(&["check", "--format", "short"]);
    let yaml: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(".yaml:"))
        .collect();
    // PL1 (sentence length) knows no language; PL2, PL3 and PL6 know English only.
    assert!(yaml.iter().any(|l| l.contains("[PL1]")), "{}", run.stdout);
    for id in ["[PL2]", "[PL3]", "[PL6]", "[ER10]", "[ER12]"] {
        assert!(!yaml.iter().any(|l| l.contains(id)), "{id}: {}", run.stdout);
    }
}

/// `[checklists] forget_after_days` (issue 25, shared computers) reaches the checklist pages and
/// the checklists index of both variants, where the script forgets old records; unset or 0, it
/// is not there.
#[test]
fn forget_after_days_reaches_the_checklist_pages() {
    let f = Fixture::new("small");
    let attr = "data-forget-after-days=\"30\"";
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = |p: &str| std::fs::read_to_string(f.out().join(p)).expect(p);
    assert!(!page("checklists/meeting/index.html").contains("data-forget-after-days"));
    let toml = f.root().join("book.toml");
    let text = std::fs::read_to_string(&toml).expect("book.toml");
    std::fs::write(
        &toml,
        format!("{text}\n[checklists]\nforget_after_days = 30\n"),
    )
    .expect("write");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for p in [
        "checklists/meeting/index.html",
        "checklists/index.html",
        "easy-read/checklists/meeting/index.html",
        "easy-read/checklists/index.html",
    ] {
        assert!(page(p).contains(attr), "{p}");
    }
    std::fs::write(
        &toml,
        format!("{text}\n[checklists]\nforget_after_days = 0\n"),
    )
    .expect("write");
    assert_eq!(f.build().code, 0);
    assert!(!page("checklists/meeting/index.html").contains("data-forget-after-days"));
}

#[test]
fn forget_after_days_must_be_a_whole_number_of_days() {
    let f = Fixture::new("small");
    let toml = f.root().join("book.toml");
    let text = std::fs::read_to_string(&toml).expect("book.toml");
    std::fs::write(
        &toml,
        format!("{text}\n[checklists]\nforget_after_days = \"a month\"\n"),
    )
    .expect("write");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("book.toml:6:"), "{}", run.stderr);
    assert!(run.stderr.contains("forget_after_days"), "{}", run.stderr);
}
