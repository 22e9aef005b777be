//! Translations laid over the small fixture (`tests/fixtures/translations/`) and the York
//! bookshelf's Polish and Urdu: every language is published under `/LANG/` in both variants,
//! each page says its language and links to itself in the others, untranslated text is
//! marked, and `serve` serves and searches each language.

use std::path::{Component, Path, PathBuf};

use crate::helpers::{tree, Fixture};

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
        // What the sources leave out (an easy read, an item's `id`) is told in the
        // translation too (`check_languages.rs`); nothing else is wrong there.
        .filter(|d| {
            !matches!(
                d["code"].as_str(),
                Some("easy-read-missing" | "item-id-missing")
            )
        })
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

/// Where a relative (or, on 404 pages, absolute) link from `file` lands in `out`.
fn target(out: &Path, file: &Path, url: &str) -> PathBuf {
    let url = url.split(['#', '?']).next().unwrap_or("");
    let start = if let Some(abs) = url.strip_prefix('/') {
        out.join(abs)
    } else {
        file.parent().expect("folder").join(url)
    };
    let mut path = PathBuf::new();
    for c in start.components() {
        match c {
            Component::ParentDir => {
                path.pop();
            }
            Component::CurDir => {}
            other => path.push(other),
        }
    }
    assert!(
        path.starts_with(out),
        "`{url}` from `{}` leaves the site",
        file.display()
    );
    if url.is_empty() || url.ends_with('/') {
        path.join("index.html")
    } else {
        path
    }
}

/// The value of `name="…"` in `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// Every tag of `html` that has `hreflang`: the alternates and the language switch.
fn hreflang_tags(html: &str) -> Vec<&str> {
    html.match_indices(" hreflang=\"")
        .map(|(at, _)| {
            let open = html[..at].rfind('<').expect("tag start");
            let close = at + html[at..].find('>').expect("tag end");
            &html[open..=close]
        })
        .collect()
}

/// Checks every page of every language in `out`: `<html lang dir>` of its folder's language,
/// an alternate and a switch link for each language (the current one marked), each landing
/// on a file that exists in that language's folder.
fn check_languages(out: &Path, langs: &[(&str, &str)]) {
    let files = tree(out);
    let mut pages = 0;
    for rel in files.keys().filter(|k| k.ends_with(".html")) {
        if rel.contains("search/index/") {
            continue;
        }
        let html = String::from_utf8_lossy(&files[rel]);
        let folder = rel.split('/').next().unwrap_or("");
        let (lang, dir) = langs
            .iter()
            .find(|(tag, _)| *tag == folder)
            .copied()
            .unwrap_or(langs[0]);
        let want = if dir == "rtl" {
            format!("<html lang=\"{lang}\" dir=\"rtl\"")
        } else {
            format!("<html lang=\"{lang}\" class")
        };
        assert!(html.contains(&want), "`{rel}` should open with {want}");
        let file = out.join(rel);
        let tags = hreflang_tags(&html);
        // Regression: the other variant's alternate repeated the page's own `hreflang`, so
        // every page listed its language twice (hreflang is one URL a language).
        let mut seen = std::collections::HashSet::new();
        for t in tags
            .iter()
            .filter(|t| t.starts_with("<link rel=\"alternate\""))
        {
            let value = attr(t, "hreflang").expect("hreflang");
            assert!(seen.insert(value), "`{rel}` lists hreflang `{value}` twice");
        }
        // Every alternate, the other variant's too, goes to a page that exists.
        for (at, _) in html.match_indices("<link rel=\"alternate\"") {
            let t = &html[at..at + html[at..].find('>').expect("tag end")];
            let to = target(out, &file, attr(t, "href").expect("href"));
            assert!(to.is_file(), "`{rel}`: {t} goes to `{}`", to.display());
        }
        for (tag, _) in langs {
            let prefix = if *tag == langs[0].0 {
                String::new()
            } else {
                format!("{tag}/")
            };
            let alternate = tags
                .iter()
                .find(|t| {
                    t.starts_with("<link rel=\"alternate\"")
                        && !t.contains("title=")
                        && attr(t, "hreflang") == Some(tag)
                })
                .unwrap_or_else(|| panic!("`{rel}` has no alternate in `{tag}`"));
            let switch = tags
                .iter()
                .find(|t| t.starts_with("<a ") && attr(t, "hreflang") == Some(tag))
                .unwrap_or_else(|| panic!("`{rel}` has no switch link to `{tag}`"));
            assert_eq!(attr(switch, "lang"), Some(*tag), "{switch}");
            assert_eq!(
                switch.contains("aria-current"),
                *tag == lang,
                "`{rel}`: {switch}"
            );
            for t in [alternate, switch] {
                let to = target(out, &file, attr(t, "href").expect("href"));
                assert!(
                    to.is_file(),
                    "`{rel}`: {t} goes to `{}`, which is missing",
                    to.display()
                );
                let to_rel = to
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let here = rel.strip_prefix(&format!("{lang}/")).unwrap_or(rel);
                let same_page = if rel.ends_with("404.html") {
                    to_rel.ends_with("index.html")
                } else {
                    to_rel == format!("{prefix}{here}")
                };
                assert!(
                    same_page,
                    "`{rel}`: {t} goes to `{to_rel}`, not the same page"
                );
            }
        }
        assert!(
            tags.iter().any(|t| attr(t, "hreflang") == Some("x-default")
                && attr(t, "href")
                    == tags
                        .iter()
                        .find(|t| attr(t, "hreflang") == Some(langs[0].0) && !t.contains("title="))
                        .and_then(|t| attr(t, "href"))),
            "`{rel}`: x-default should be the source language's page"
        );
        pages += 1;
    }
    assert!(pages > 20, "{pages} pages checked");
}

#[test]
fn every_language_is_published_in_both_variants_with_its_own_search_and_404() {
    let f = translated_small();
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = f.out();
    for rel in [
        "index.html",
        "pl/index.html",
        "pl/easy-read/index.html",
        "pl/guides/meetings/index.html",
        "pl/easy-read/guides/meetings/index.html",
        "pl/model/what-it-is/index.html",
        "pl/checklists/meeting/index.html",
        "pl/easy-read/checklists/meeting/index.html",
        "pl/glossary/co-production/index.html",
        "pl/404.html",
        "pl/easy-read/404.html",
        "pl/print/book/index.html",
        "pl/search/index.html",
        "pl/search/meta.json",
        "pl/assets/bookshelf.css",
        "pl/assets/bookshelf.js",
    ] {
        assert!(out.join(rel).is_file(), "`{rel}` is missing");
    }
    // Each language's index is built from its own words.
    let pl = std::fs::read_to_string(out.join("pl/search/meta.json")).unwrap();
    let en = std::fs::read_to_string(out.join("search/meta.json")).unwrap();
    assert_ne!(pl, en);
    let js = std::fs::read_to_string(out.join("pl/assets/bookshelf.js")).unwrap();
    assert!(
        js.contains("\"lang\":\"pl\""),
        "the Polish scripts speak Polish"
    );
    check_languages(&out, &[("en-GB", "ltr"), ("pl", "ltr")]);
}

#[test]
fn untranslated_text_is_marked_and_translations_say_who_made_and_checked_them() {
    let f = translated_small();
    assert_eq!(f.build().code, 0);
    let read = |rel: &str| std::fs::read_to_string(f.out().join(rel)).unwrap();
    // Not translated: the English words, marked English, with a note in Polish.
    for rel in ["pl/model/what-it-is/index.html", "pl/easy-read/index.html"] {
        let html = read(rel);
        assert!(html.contains("<html lang=\"pl\""), "{rel}");
        assert!(
            html.contains(
                "<p class=\"translation-note\">Ta strona nie jest jeszcze przetłumaczona"
            ),
            "{rel}: the note"
        );
        assert!(
            html.contains("<h1 id=\"page-title\" lang=\"en-GB\" dir=\"ltr\">"),
            "{rel}: the title's language"
        );
        assert!(html.contains(" lang=\"en-GB\" dir=\"ltr\">"), "{rel}");
    }
    let body = read("pl/model/what-it-is/index.html");
    assert!(body.contains("<div class=\"prose\" lang=\"en-GB\" dir=\"ltr\">"));
    // Translated and checked.
    let meetings = read("pl/guides/meetings/index.html");
    assert!(
        meetings.contains(
            "Tłumaczenie: <bdi>Test team</bdi>. Tłumaczenie sprawdził(a): <bdi>Ola</bdi>."
        ),
        "{meetings}"
    );
    assert!(meetings.contains("<h1 id=\"page-title\">Spotkania</h1>"));
    // Translated, nobody has checked it yet.
    let home = read("pl/index.html");
    assert!(home.contains(
        "Tłumaczenie: <bdi>Test team</bdi>. Nikt jeszcze nie sprawdził tego tłumaczenia."
    ));
    let checklist = read("pl/checklists/meeting/index.html");
    assert!(checklist.contains("Nikt jeszcze nie sprawdził"));
    // So are the untranslated titles in lists and the glossary, and only those.
    let model = read("pl/model/index.html");
    assert!(
        model.contains("<h3><a href=\"../model/what-it-is/\" lang=\"en-GB\" dir=\"ltr\">"),
        "{model}"
    );
    let glossary = read("pl/glossary/index.html");
    assert!(
        glossary.contains("\">Współtworzenie</a>")
            && !glossary.contains("lang=\"en-GB\" dir=\"ltr\">Współtworzenie")
    );
    assert!(
        glossary.contains(" lang=\"en-GB\" dir=\"ltr\">Education, Health and Care plan</a>"),
        "{glossary}"
    );
    // The source language's pages say nothing about translation.
    assert!(!read("model/what-it-is/index.html").contains("translation-note"));
}

#[test]
fn the_york_bookshelf_is_published_in_polish_and_urdu_right_to_left() {
    let f = Fixture::york();
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = f.out();
    for lang in ["pl", "ur"] {
        for rel in [
            "index.html",
            "easy-read/index.html",
            "guides/getting-help/index.html",
            "easy-read/guides/having-your-say/index.html",
            "checklists/before-a-meeting-with-a-family/index.html",
            "404.html",
            "search/meta.json",
        ] {
            assert!(
                out.join(lang).join(rel).is_file(),
                "`{lang}/{rel}` is missing"
            );
        }
    }
    check_languages(&out, &[("en-GB", "ltr"), ("pl", "ltr"), ("ur", "rtl")]);
}

/// WEB9 (WCAG 3.1.2 Language of Parts): in a translation's site, every piece of text in the
/// source's words says so, beyond the page body: the `<title>` (isolated, so an English
/// title keeps its order in an Urdu tab), a glossary entry field by field (a translated
/// entry whose `more` or aliases are not translated), its "see also" links, the glossary's
/// short forms, and a term's definition where it is explained in a page.
#[test]
fn untranslated_parts_of_york_urdu_pages_say_their_language() {
    let f = Fixture::york();
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = f.out();
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).expect(rel);
    const EN: &str = " lang=\"en-GB\" dir=\"ltr\"";
    let page = read("ur/guides/having-your-say/index.html");
    assert!(
        page.contains("<title>&#x2068;How to have your say&#x2069; – "),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<h1 id=\"page-title\"{EN}>How to have your say</h1>"
    )));
    // Co-production's name and definition are translated; its `more` and aliases are not.
    let term = read("ur/glossary/co-production/index.html");
    assert!(
        !term.contains(&format!("<h1 id=\"page-title\"{EN}")),
        "{term}"
    );
    assert!(
        term.contains(&format!("<div class=\"prose\"{EN}>")),
        "{term}"
    );
    assert!(term.contains(&format!("<bdi{EN}>coproduction, ")), "{term}");
    // "See also" links: each in its own term's language.
    let term = read("ur/glossary/plain-english/index.html");
    assert!(
        term.contains(&format!(
            "<a href=\"../../glossary/jargon/\"{EN}>Jargon</a>"
        )),
        "{term}"
    );
    assert!(
        term.contains("<a href=\"../../glossary/easy-read/\">"),
        "{term}"
    );
    let glossary = read("ur/glossary/index.html");
    assert!(
        glossary.contains(&format!(
            "City of York Council</a> <span class=\"abbrs\"{EN}>(CYC)"
        )),
        "{glossary}"
    );
    // A term not translated yet, explained in a translated page.
    let help = read("ur/guides/getting-help/index.html");
    assert!(help.contains(&format!("id=\"tip-senco\"{EN}>")), "{help}");
    // The source language's site is unchanged: no attributes where all is English.
    let help = read("guides/getting-help/index.html");
    assert!(help.contains("id=\"tip-senco\">"), "{help}");
    assert!(read("guides/having-your-say/index.html").contains("<title>How to have your say – "));
}

/// WEB9, the reverse: a translated term explained in a page not translated yet (whose text
/// is marked as English) says it is Polish.
#[test]
fn a_translated_term_in_an_untranslated_page_says_its_language() {
    let f = translated_small();
    // Its alias, which the Polish entry keeps.
    let rel = "content/model/what-it-is.md";
    let text = std::fs::read_to_string(f.root().join(rel)).unwrap();
    f.write(
        rel,
        &text.replace("Co-production means", "Coproduction means"),
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(f.out().join("pl/model/what-it-is/index.html")).unwrap();
    assert!(
        page.contains("<div class=\"prose\" lang=\"en-GB\" dir=\"ltr\">"),
        "{page}"
    );
    assert!(
        page.contains("id=\"tip-co-production\" lang=\"pl\" dir=\"ltr\">"),
        "{page}"
    );
}

#[test]
fn serve_serves_and_searches_each_language() {
    let f = translated_small();
    let server = crate::serve::start(&f);
    let (status, html) = crate::serve::get(server.port, "/pl/guides/meetings/").expect("get");
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"pl\"") && html.contains("Spotkania"));
    let (status, html) = crate::serve::get(server.port, "/pl/easy-read/").expect("get");
    assert_eq!(status, 200);
    assert!(html.contains("translation-note"));
    crate::serve::wait_for("the Polish index", || {
        crate::serve::get(server.port, "/pl/search.json?q=Spotkania")
            .is_some_and(|(s, body)| s == 200 && body.contains("guides/meetings/"))
    });
    let (_, page) = crate::serve::get(server.port, "/pl/search/?q=Spotkania").expect("get");
    assert!(
        page.contains("<html lang=\"pl\"") && page.contains("guides/meetings/"),
        "{page}"
    );
    // A page missing under `/pl/` gets the Polish 404 page.
    let (status, missing) = crate::serve::get(server.port, "/pl/nowhere/").expect("get");
    assert_eq!(status, 404);
    assert!(missing.contains("<html lang=\"pl\""), "{missing}");
    let (_, missing) = crate::serve::get(server.port, "/nowhere/").expect("get");
    assert!(missing.contains("<html lang=\"en-GB\""), "{missing}");
    // An edit to a translation is served in its language.
    f.write(
        "content/guides/meetings.pl.md",
        "---\ntitle: Spotkania rodzin\ntranslated_by: Test team\n---\n\n## Przed spotkaniem\n\nZapisz pytania.\n",
    );
    crate::serve::wait_for("the edited translation", || {
        crate::serve::get(server.port, "/pl/guides/meetings/")
            .is_some_and(|(_, b)| b.contains("Spotkania rodzin"))
    });
}
