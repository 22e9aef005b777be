//! The editor's own everyday words for search (`content/search-words.yaml`, issue 24 point 1):
//! read, checked, and merged with the built-in list in the terminal and the static index.

use crate::helpers::Fixture;

#[test]
fn a_word_from_the_editors_file_finds_the_page() {
    let f = Fixture::new("small");
    f.write(
        "content/search-words.yaml",
        "# What people here say\nhuddle: [meeting]\nthe to: [meeting]\n",
    );
    assert_eq!(f.build().code, 0);
    let out = f.out();
    let out = out.to_str().expect("utf-8");
    // The terminal: `huddle` is on no page, but the editor says it means a meeting.
    let run = f.run(&["search", "huddle", "--out", out, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(hits[0]["title"], "Meetings", "{}", run.stdout);
    // The static index gets the same rule.
    let everyday =
        std::fs::read_to_string(f.out().join("search/everyday.json")).expect("everyday.json");
    assert!(everyday.contains("\"huddle\""), "{everyday}");
    // `check` warns of the rule that can never match (only little words).
    let check = f.run(&["check"]);
    let all = format!("{}{}", check.stdout, check.stderr);
    assert!(
        all.contains("search-words-no-effect") && all.contains("the to"),
        "{all}"
    );
    assert!(!all.contains("`huddle` does nothing"), "{all}");
}

#[test]
fn an_empty_list_is_an_error_at_its_key() {
    let f = Fixture::new("small");
    f.write("content/search-words.yaml", "huddle: []\n");
    let check = f.run(&["check"]);
    assert_ne!(check.code, 0);
    let all = format!("{}{}", check.stdout, check.stderr);
    assert!(
        all.contains("search-words-empty") && all.contains("search-words.yaml:1:1"),
        "{all}"
    );
}

#[test]
fn check_warns_of_rules_that_do_nothing_or_repeat() {
    let f = Fixture::new("small");
    f.write(
        "content/search-words.yaml",
        "huddle: [meeting, Meeting]\nthe to: [meeting]\ncomplain: [complaint]\n",
    );
    let check = f.run(&["check"]);
    assert_eq!(check.code, 0, "warnings only: {}", check.stderr);
    let warnings: String = format!("{}{}", check.stdout, check.stderr)
        .lines()
        .skip_while(|l| !l.contains("search-words"))
        .take_while(|l| !l.starts_with("Page summary"))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(warnings);
}

#[test]
fn serve_picks_up_an_edit_to_the_search_words() {
    use crate::serve::{get, start, wait_for};
    let f = Fixture::new("small");
    let server = start(&f);
    let port = server.port;
    let finds_meetings =
        |path: &str| get(port, path).is_some_and(|(_, b)| b.contains("guides/meetings/"));
    assert!(
        !finds_meetings("/search.json?q=huddle"),
        "`huddle` is on no page"
    );
    assert!(
        !finds_meetings("/search/?q=huddle"),
        "nor on the served search page"
    );
    f.write("content/search-words.yaml", "huddle: [meeting]\n");
    wait_for("the editor's word in /search.json", || {
        finds_meetings("/search.json?q=huddle")
    });
    assert!(
        finds_meetings("/search/?q=huddle"),
        "the served search page"
    );
    // Taking the rule out again takes it out of search.
    f.write("content/search-words.yaml", "# none yet\n");
    wait_for("the rule gone from /search.json", || {
        !finds_meetings("/search.json?q=huddle")
    });
}

#[test]
fn a_translation_has_its_own_search_words() {
    let f = Fixture::new("small");
    f.overlay("translations");
    f.write("content/search-words.pl.yaml", "narada: [spotkania]\n");
    assert_eq!(f.build().code, 0);
    let out = f.out();
    let out = out.to_str().expect("utf-8");
    let search = |lang: &str| {
        let run = f.run(&[
            "search", "narada", "--out", out, "--format", "json", "--lang", lang,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    assert!(
        search("pl").contains("guides/meetings/"),
        "{}",
        search("pl")
    );
    assert!(
        !search("en-GB").contains("guides/meetings/"),
        "only the Polish search has the Polish rule"
    );
}
