//! `bookshelf search --lang TAG` on a small translated bookshelf: the book's language is
//! searched at `SITE/search/`, another at `SITE/TAG/search/`, a language the book does not
//! have is a usage error. (Until the build writes `SITE/pl/search/`, the Polish index is
//! built here by calling the library, as the build will.)

use bookshelf_search::{build_in, Language, SearchDoc, Variant};

use crate::helpers::Fixture;

fn polish_doc(url: &str, title: &str, summary: &str, body: &str) -> SearchDoc {
    SearchDoc {
        url: url.into(),
        title: title.into(),
        headings: vec!["Przed spotkaniem".into()],
        summary: summary.into(),
        body: body.into(),
        kind: "guide".into(),
        audience: Vec::new(),
        level: None,
        variant: Variant::Standard,
    }
}

/// The small bookshelf with its Polish translations, built, with a Polish index.
fn built() -> Fixture {
    let f = Fixture::new("small");
    f.overlay("translations");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pl = f.out().join("pl");
    if !pl.join("search/index").is_dir() {
        let docs = [
            polish_doc(
                "guides/meetings/",
                "Spotkania",
                "Jak przygotować się do spotkania.",
                "Zapisz swoje pytania. Jeśli chcesz, przyprowadź przyjaciela.",
            ),
            polish_doc("", "Witamy", "", "Półka o współpracy z rodzinami."),
        ];
        build_in(&docs, &[], &pl, &Language::from_tag("pl")).expect("Polish index");
    }
    f
}

fn search(f: &Fixture, args: &[&str]) -> crate::helpers::Run {
    let out = f.out();
    let mut all = vec!["search", "--out", out.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    f.run(&all)
}

#[test]
fn search_lang_reads_each_languages_own_index() {
    let f = built();
    let pl = search(&f, &["spotkania", "--lang", "pl", "--format", "json"]);
    assert_eq!(pl.code, 0, "{}", pl.stderr);
    let hits: serde_json::Value = serde_json::from_str(&pl.stdout).expect("json");
    assert_eq!(hits[0]["url"], "/guides/meetings/", "{}", pl.stdout);
    assert_eq!(hits[0]["title"], "Spotkania");
    // The Polish index is not stemmed as English, and its words are not in the English one.
    let en = search(&f, &["spotkania", "--lang", "en-GB", "--format", "json"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(!en.stdout.contains("Spotkania"), "{}", en.stdout);
    // The tag is matched as `book.toml` would: case does not matter.
    let upper = search(&f, &["spotkania", "--lang", "PL", "--format", "json"]);
    assert_eq!(upper.stdout, pl.stdout);
    // Without `--lang`: the book's own language, as before.
    let default = search(&f, &["meeting", "--format", "json"]);
    assert_eq!(default.code, 0, "{}", default.stderr);
    assert!(
        default.stdout.contains("/guides/meetings/"),
        "{}",
        default.stdout
    );
}

#[test]
fn search_lang_not_in_book_toml_is_a_usage_error() {
    let f = built();
    let run = search(&f, &["spotkania", "--lang", "de"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the book has no language `de`; its languages are `en-GB`, `pl`"),
        "{}",
        run.stderr
    );
}
