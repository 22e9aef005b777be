//! The theme's words in the book's language: interface strings from
//! `themes/default/i18n/LANG.toml`, overridden key by key by the book, checked by `check`.

use crate::helpers::{repo, Fixture};

/// A string of one of the theme's own files.
fn theme_string(lang: &str, key: &str) -> String {
    let text = std::fs::read_to_string(repo().join(format!("themes/default/i18n/{lang}.toml")))
        .expect("the theme's strings");
    let table: toml::Table = toml::from_str(&text).expect("strings parse");
    table[key].as_str().expect("a simple string").to_string()
}

fn set_language(f: &Fixture, lang: &str) {
    let book = std::fs::read_to_string(f.root().join("book.toml")).unwrap();
    f.write(
        "book.toml",
        &book.replace("language = \"en-GB\"", &format!("language = \"{lang}\"")),
    );
}

#[test]
fn menus_and_buttons_follow_the_book_language() {
    let f = Fixture::new("small");
    set_language(&f, "pl");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = std::fs::read_to_string(f.out().join("index.html")).unwrap();
    assert!(home.contains("<html lang=\"pl\""));
    for key in [
        "skip_link",
        "search_button",
        "display_options",
        "glossary_a_to_z",
    ] {
        let polish = theme_string("pl", key);
        assert_ne!(polish, theme_string("en-GB", key), "`{key}` is translated");
        assert!(
            home.contains(&polish),
            "the home page shows `{key}` in Polish"
        );
    }
    assert!(!home.contains("Skip to main content"));
    // The scripts get the same words.
    let js = std::fs::read_to_string(f.out().join("assets/bookshelf.js")).unwrap();
    assert!(js.starts_with("/* The theme's interface strings"));
    assert!(js.contains("\"lang\":\"pl\""));
    assert!(js.contains(&serde_json::to_string(&theme_string("pl", "stop_reading")).unwrap()));
}

#[test]
fn a_right_to_left_language_sets_the_direction() {
    let f = Fixture::new("small");
    set_language(&f, "ur");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = std::fs::read_to_string(f.out().join("index.html")).unwrap();
    assert!(home.contains("<html lang=\"ur\" dir=\"rtl\""));
    assert!(home.contains(&theme_string("ur", "search_button")));
}

#[test]
fn a_book_changes_one_string_and_keeps_the_rest() {
    let f = Fixture::new("small");
    f.write(
        "themes/default/i18n/en-GB.toml",
        "search_button = \"Find\"\nprivacy_note = \"Your notes stay on this computer & nowhere else.\"\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = std::fs::read_to_string(f.out().join("index.html")).unwrap();
    assert!(home.contains("<button type=\"submit\">Find</button>"));
    assert!(home.contains("Skip to main content"));
    let checklist = walkdir::WalkDir::new(f.out().join("checklists"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().ends_with("index.html") && e.depth() == 2)
        .expect("a checklist page");
    let html = std::fs::read_to_string(checklist.path()).unwrap();
    assert!(
        html.contains("Your notes stay on this computer &amp; nowhere else."),
        "the string is escaped"
    );
    let check = f.run(&["check", "--format", "short"]);
    assert!(!check.stdout.contains("theme-string"), "{}", check.stdout);
}

#[test]
fn check_names_the_file_and_key_of_a_missing_or_misspelt_string() {
    let f = Fixture::new("small");
    set_language(&f, "fr");
    let run = f.run(&["check", "--format", "short"]);
    let strings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("theme-string"))
        .collect();
    insta::assert_snapshot!("no_french_strings", strings.join("\n"));

    // A partial translation: each key it leaves out, and a misspelt one.
    f.write(
        "themes/default/i18n/fr.toml",
        &std::fs::read_to_string(repo().join("themes/default/i18n/en-GB.toml"))
            .unwrap()
            .replace("skip_link = ", "skip_lnk = ")
            .replace("search_button = \"Search\"\n", ""),
    );
    let run = f.run(&["check", "--format", "short"]);
    let strings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("theme-string"))
        .collect();
    insta::assert_snapshot!("partial_french_strings", strings.join("\n"));
    // Warnings only: the site builds, in English where French is missing.
    let build = f.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    let home = std::fs::read_to_string(f.out().join("index.html")).unwrap();
    assert!(home.contains("<button type=\"submit\">Search</button>"));
}

#[test]
fn a_template_with_an_unknown_string_key_is_an_error_at_its_line() {
    let f = Fixture::new("small");
    let first = f.build();
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = crate::helpers::tree(&f.out());
    f.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n  <p>{{ i18n.not_a_key }}</p>\n{% endblock main %}\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("unknown_string_key_in_template", run.stderr);
    assert_eq!(
        before,
        crate::helpers::tree(&f.out()),
        "the last site stays"
    );
}

#[test]
fn a_malformed_strings_file_is_an_error_with_its_line() {
    let f = Fixture::new("small");
    f.write(
        "themes/default/i18n/en-GB.toml",
        "search_button = \"Find\"\nskip_link = \"Skip\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("themes/default/i18n/en-GB.toml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
}
