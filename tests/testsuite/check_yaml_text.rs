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
    std::fs::write(&toml, text.replace("en-GB", "cy")).expect("write book.toml");
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
