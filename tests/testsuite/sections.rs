//! Sections as data (issue 21, part 6): a council adds `content/local-help/` with
//! `book.toml` alone and sees it in the menu, the breadcrumbs, its list page, both variants,
//! every language, search and `check`; top-level pages are in the footer menu; `serve`
//! picks up a page added to a new section.

use crate::helpers::Fixture;
use crate::serve::{get, start, wait_for};

/// `small/` with today's sections listed again, plus `local-help/` in third place, a
/// `news/` section in the footer, and Polish.
const BOOK_TOML: &str = r#"[book]
title = "Small test bookshelf"
language = "en-GB"

[languages.pl]
title = "Mała półka"

[[sections]]
folder = "model"

[[sections]]
folder = "guides"

[[sections]]
folder = "local-help"
title = { en-GB = "Local help", pl = "Pomoc lokalna" }
summary = { en-GB = "Places in York that help families.", pl = "Miejsca w Yorku, które pomagają rodzinom." }

[[sections]]
folder = "checklists"
kind = "checklists"

[[sections]]
folder = "glossary"
kind = "glossary"

[[sections]]
folder = "news"
title = { en-GB = "News", pl = "Wiadomości" }
show = "footer"
"#;

fn with_local_help() -> Fixture {
    let f = Fixture::new("small");
    f.write("book.toml", BOOK_TOML);
    f.write(
        "content/local-help/advice-centre.md",
        "---\ntitle: The family advice centre\nsummary: Free advice for families, five days a week.\norder: 1\n---\n\nThe family advice centre is open from Monday to Friday. You can ask about school transport there.\n",
    );
    f.write(
        "content/local-help/parent-groups.md",
        "---\ntitle: Parent groups\nsummary: Meet other parents near you.\norder: 2\n---\n\nParent groups meet in libraries across the city.\n",
    );
    f.write(
        "content/news/spring.md",
        "---\ntitle: Spring update\n---\n\nNew guides are coming in spring.\n",
    );
    f
}

fn read(f: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(f.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The main menu of a page (the `site-nav` list).
fn menu(html: &str) -> &str {
    let start = html.find("id=\"site-nav\"").expect("a main menu");
    &html[start..start + html[start..].find("</nav>").expect("menu ends")]
}

/// The footer of a page.
fn footer(html: &str) -> &str {
    &html[html.find("<footer").expect("a footer")..]
}

#[test]
fn a_section_added_by_configuration_alone_is_in_the_menu_lists_and_both_variants() {
    let f = with_local_help();
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // In the menu of every page, in its place (after the guides, before the checklists),
    // in both variants.
    let home = read(&f, "index.html");
    let m = menu(&home);
    let (guides, local, lists) = (
        m.find("guides/").expect("guides"),
        m.find("href=\"local-help/\">Local help</a>")
            .expect("local help in the menu"),
        m.find("checklists/").expect("checklists"),
    );
    assert!(guides < local && local < lists, "{m}");
    assert!(
        !m.contains("news/"),
        "a footer section is not in the main menu: {m}"
    );
    let easy_home = read(&f, "easy-read/index.html");
    assert!(
        menu(&easy_home).contains("href=\"../easy-read/local-help/\">Local help</a>"),
        "{}",
        menu(&easy_home)
    );
    // Its list page, with its title, summary and pages in order, in both variants.
    for list in ["local-help/index.html", "easy-read/local-help/index.html"] {
        let html = read(&f, list);
        assert!(
            html.contains("<h1 id=\"page-title\">Local help</h1>")
                || html.contains(">Local help</h1>"),
            "{list}"
        );
        assert!(
            html.contains("Places in York that help families."),
            "{list}"
        );
        let a = html
            .find("The family advice centre")
            .expect("first page listed");
        let b = html.find("Parent groups").expect("second page listed");
        assert!(a < b, "listed in order: {list}");
        assert!(
            menu(&html).contains("aria-current=\"page\">Local help</a>"),
            "{list}"
        );
    }
    // Its pages, with the section in the breadcrumbs and neighbours within it.
    for (page, up) in [
        (
            "local-help/advice-centre/index.html",
            "href=\"../../local-help/\">Local help</a>",
        ),
        (
            "easy-read/local-help/advice-centre/index.html",
            "href=\"../../../easy-read/local-help/\">Local help</a>",
        ),
    ] {
        let html = read(&f, page);
        let crumbs = &html[html
            .find("class=\"wrap breadcrumbs\"")
            .expect("breadcrumbs")..];
        let crumbs = &crumbs[..crumbs.find("</nav>").expect("end")];
        assert!(crumbs.contains(up), "{page}: {crumbs}");
        assert!(html.contains("kind-local-help"), "{page}");
        assert!(
            html.contains("Parent groups"),
            "{page}: the next page in the section"
        );
    }
    // Polish: the section's Polish title in the menu and on its list page.
    let pl = read(&f, "pl/index.html");
    assert!(menu(&pl).contains(">Pomoc lokalna</a>"), "{}", menu(&pl));
    assert!(read(&f, "pl/local-help/index.html").contains("Miejsca w Yorku"));
    assert!(read(&f, "pl/easy-read/local-help/parent-groups/index.html").contains("Parent groups"));
    // The footer section: in the footer, with a list page of its own.
    assert!(
        footer(&home).contains("href=\"news/\">News</a>"),
        "{}",
        footer(&home)
    );
    assert!(footer(&pl).contains(">Wiadomości</a>"), "{}", footer(&pl));
    assert!(read(&f, "news/index.html").contains("Spring update"));
    // `check` finds nothing wrong, and says nothing about sections.
    let check = f.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&check.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", check.stdout);
    assert!(!check.stdout.contains("section-"), "{}", check.stdout);
}

#[test]
fn pages_of_a_new_section_are_found_by_search_with_their_section() {
    let f = with_local_help();
    assert_eq!(f.build().code, 0);
    let out = f.out();
    let out = out.to_str().expect("utf-8");
    let run = f.run(&[
        "search",
        "--out",
        out,
        "--format",
        "json",
        "school transport",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let first = &hits[0];
    assert_eq!(first["url"], "/local-help/advice-centre/", "{}", run.stdout);
    assert_eq!(first["kind"], "local-help", "{}", run.stdout);
    let only = f.run(&["search", "--out", out, "--kind", "local-help", "parents"]);
    assert!(
        only.stdout.contains("/local-help/parent-groups/"),
        "{}",
        only.stdout
    );
    assert!(!only.stdout.contains("/guides/"), "{}", only.stdout);
    let easy = f.run(&["search", "--out", out, "--easy", "school transport"]);
    assert!(
        easy.stdout.contains("/easy-read/local-help/advice-centre/"),
        "{}",
        easy.stdout
    );
    // Polish readers search the same pages (not translated yet) in their own index.
    let pl = f.run(&[
        "search",
        "--out",
        out,
        "--lang",
        "pl",
        "--format",
        "json",
        "transport",
    ]);
    assert!(
        pl.stdout.contains("/local-help/advice-centre/"),
        "{}",
        pl.stdout
    );
}

#[test]
fn top_level_pages_are_in_the_footer_menu() {
    let f = Fixture::new("small");
    f.write(
        "content/contact.md",
        "---\ntitle: Contact us\n---\n\nWrite to the SEND team.\n",
    );
    f.write(
        "content/accessibility.md",
        "---\ntitle: Accessibility statement\n---\n\nHow we make this site work for everyone.\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (page, prefix) in [
        ("index.html", ""),
        ("guides/meetings/index.html", "../../"),
        ("easy-read/index.html", "../easy-read/"),
    ] {
        let html = read(&f, page);
        let foot = footer(&html);
        let contact = foot
            .find(&format!("href=\"{prefix}contact/\">Contact us</a>"))
            .unwrap_or_else(|| panic!("{page}: {foot}"));
        let access = foot
            .find(&format!(
                "href=\"{prefix}accessibility/\">Accessibility statement</a>"
            ))
            .unwrap_or_else(|| panic!("{page}: {foot}"));
        assert!(access < contact, "in page order (then title): {page}");
        assert!(
            !menu(&html).contains("contact/"),
            "not in the main menu: {page}"
        );
    }
    let contact = read(&f, "contact/index.html");
    assert!(
        footer(&contact).contains("aria-current=\"page\">Contact us</a>"),
        "{}",
        footer(&contact)
    );
}

#[test]
fn a_missing_title_an_unknown_language_and_checklists_left_out_are_warnings() {
    let f = Fixture::new("small");
    f.write(
        "book.toml",
        "[book]\ntitle = \"Small test bookshelf\"\nlanguage = \"en-GB\"\n\n[languages.pl]\ntitle = \"Mała półka\"\n\n[[sections]]\nfolder = \"model\"\n\n[[sections]]\nfolder = \"guides\"\n\n[[sections]]\nfolder = \"local-help\"\ntitle = { en-GB = \"Local help\", fr = \"Aide locale\" }\n",
    );
    f.write(
        "content/local-help/advice-centre.md",
        "---\ntitle: The family advice centre\n---\n\nOpen every weekday.\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    let check = f.run(&["check"]);
    let shown = format!("{}{}", check.stdout, check.stderr);
    let ours: Vec<&str> = shown
        .split("\n\n")
        .filter(|block| block.starts_with("warning[section-"))
        .collect();
    assert_eq!(ours.len(), 4, "{shown}");
    insta::assert_snapshot!(
        "section_title_missing_and_unknown_language",
        ours.join("\n\n")
    );
    // The Polish menu falls back to the English title.
    assert!(menu(&read(&f, "pl/index.html")).contains(">Local help</a>"));
}

#[test]
fn serve_picks_up_a_page_added_to_a_new_configured_section() {
    let f = Fixture::new("small");
    f.write("book.toml", BOOK_TOML);
    let server = start(&f);
    let port = server.port;
    let (_, home) = get(port, "/").expect("home");
    assert!(
        menu(&home).contains(">Local help</a>"),
        "listed before it has pages"
    );
    f.write(
        "content/local-help/advice-centre.md",
        "---\ntitle: The family advice centre\n---\n\nAsk about school transport here.\n",
    );
    wait_for("the new page", || {
        get(port, "/local-help/advice-centre/")
            .is_some_and(|(s, b)| s == 200 && b.contains("school transport"))
    });
    wait_for("its list page", || {
        get(port, "/local-help/").is_some_and(|(_, b)| b.contains("The family advice centre"))
    });
    wait_for("the easy read", || {
        get(port, "/easy-read/local-help/advice-centre/").is_some_and(|(s, _)| s == 200)
    });
    wait_for("search on the server", || {
        get(port, "/search.json?q=transport")
            .is_some_and(|(_, b)| b.contains("local-help/advice-centre/"))
    });
}
