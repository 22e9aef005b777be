//! Indexes in other languages than English: each uses its own stemmer and stop words (or
//! none), never English's, and says so in `meta.json`.

mod common;

use bookshelf_search::{build, build_in, Language, Query, SearchDoc, Searcher, Variant};
use serde_json::Value;

fn urls(searcher: &Searcher, text: &str) -> Vec<String> {
    let results = searcher.search(&Query::new(text)).unwrap();
    results.hits.into_iter().map(|h| h.url).collect()
}

fn meta(dir: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("search/meta.json")).unwrap()).unwrap()
}

/// The vocabulary line of `word` in `meta.json` (`word`, `word N` or `word =term`).
fn vocab_line(meta: &Value, word: &str) -> Option<String> {
    meta["vocab"]
        .as_str()
        .unwrap()
        .lines()
        .find(|l| l.split(' ').next() == Some(word))
        .map(String::from)
}

#[test]
fn polish_words_are_not_stemmed_as_english() {
    let dir = tempfile::tempdir().unwrap();
    let searcher = common::built_in_polish(dir.path());
    let meta = meta(dir.path());
    assert_eq!(meta["lang"], "pl");
    // Polish has no stemmer here: every word is its own term, untouched by English rules.
    for word in ["spotkania", "rodziny", "szkoły", "współpraca", "dziecka"] {
        if let Some(line) = vocab_line(&meta, word) {
            assert_eq!(line, word, "{word} is indexed as itself");
        }
    }
    assert_eq!(vocab_line(&meta, "rodziny").as_deref(), Some("rodziny"));
    // No US → UK table and no English stop words: `a`, `to` and `i` are Polish words.
    assert!(meta["fold"].as_object().unwrap().is_empty());
    assert!(meta["stop"].as_array().unwrap().is_empty());
    assert_eq!(urls(&searcher, "spotkania")[0], "guides/spotkania/");
    assert_eq!(urls(&searcher, "rodziny")[0], "guides/rodziny/");
    // `i` (and) is not dropped as an English stop word would be.
    assert!(!searcher.search(&Query::new("i")).unwrap().hits.is_empty());
    // The glossary still works: the abbreviation names the plan.
    let ehcp = searcher.search(&Query::new("EHCP")).unwrap();
    assert_eq!(ehcp.answer.unwrap().url, "glossary/ehcp/");
}

#[test]
fn the_same_text_in_english_would_be_stemmed() {
    // The guard of the test above: English analysis does change these words.
    let dir = tempfile::tempdir().unwrap();
    build(&common::polish_docs(), &common::polish_terms(), dir.path()).unwrap();
    let meta = meta(dir.path());
    assert!(meta.get("lang").is_none());
    assert_ne!(vocab_line(&meta, "rodziny").as_deref(), Some("rodziny"));
}

fn french_doc(i: usize, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        url: format!("p{i}/"),
        title: title.into(),
        headings: Vec::new(),
        summary: String::new(),
        body: body.into(),
        kind: "guide".into(),
        audience: Vec::new(),
        level: None,
        variant: Variant::Standard,
    }
}

#[test]
fn french_uses_french_stems_and_stop_words() {
    let dir = tempfile::tempdir().unwrap();
    let docs = vec![
        french_doc(
            0,
            "Les réunions",
            "Les réunions des parents ont lieu le lundi.",
        ),
        french_doc(1, "Le plan", "Le plan décrit l'aide pour l'enfant."),
    ];
    build_in(&docs, &[], dir.path(), &Language::from_tag("fr-FR")).unwrap();
    let meta = meta(dir.path());
    assert_eq!(meta["lang"], "fr-FR");
    let stop: Vec<&str> = meta["stop"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(stop.contains(&"les") && stop.contains(&"le") && stop.contains(&"des"));
    assert!(!stop.contains(&"the"));
    let searcher = Searcher::open(dir.path()).unwrap();
    // `réunion` and `réunions` share a French stem.
    assert_eq!(urls(&searcher, "réunion"), ["p0/"]);
    // A stop word alone finds nothing.
    assert!(urls(&searcher, "les").is_empty());
}

#[test]
fn languages_without_a_stemmer_are_indexed_word_for_word() {
    for tag in ["pl", "cy", "ur"] {
        let lang = Language::from_tag(tag);
        assert!(!lang.stems(), "{tag}");
        assert_eq!(lang.tag(), tag);
    }
    assert!(Language::from_tag("de").stems());
}
