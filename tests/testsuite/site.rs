//! A valid fixture builds into one HTML file per page, checklist and glossary term, in both
//! variants, and every internal link and anchor in the output leads somewhere.

use std::collections::{BTreeMap, BTreeSet};

use crate::helpers::{tree, Fixture};

fn ids_and_links(html: &str) -> (BTreeSet<String>, Vec<String>) {
    let mut ids = BTreeSet::new();
    let mut links = Vec::new();
    for (attr, out) in [(" id=\"", 0), (" href=\"", 1), (" src=\"", 1)] {
        for part in html.split(attr).skip(1) {
            let value = part.split('"').next().unwrap_or("").to_string();
            if out == 0 {
                assert!(ids.insert(value.clone()), "duplicate id `{value}`");
            } else {
                links.push(value);
            }
        }
    }
    (ids, links)
}

/// Resolve a relative URL from a page's folder to a file in the site.
fn target(
    files: &BTreeMap<String, Vec<u8>>,
    page: &str,
    href: &str,
) -> Option<(String, Option<String>)> {
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.starts_with('/') {
        // Root-relative (the 404 page): the fixture's base path is `/`.
        parts.clear();
    }
    if !path.is_empty() {
        for seg in path.split('/') {
            match seg {
                ".." => {
                    parts.pop()?;
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
    }
    let mut file = parts.join("/");
    if path.is_empty() {
        file = page.to_string();
    } else if path.ends_with('/') || path == "." || path == "./" {
        file = if file.is_empty() {
            "index.html".into()
        } else {
            format!("{file}/index.html")
        };
    }
    files.contains_key(&file).then_some((file, frag))
}

#[test]
fn every_page_checklist_and_term_has_a_page_and_links_resolve() {
    let f = Fixture::new("small");
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = tree(&f.out());
    for v in ["", "easy-read/"] {
        for page in [
            "index.html",
            "model/index.html",
            "model/what-it-is/index.html",
            "model/levels/index.html",
            "guides/meetings/index.html",
            "checklists/index.html",
            "checklists/meeting/index.html",
            "checklists/self-check/index.html",
            "glossary/index.html",
            "glossary/co-production/index.html",
            "glossary/education-health-and-care-plan/index.html",
            "glossary/special-educational-needs-coordinator/index.html",
            "search/index.html",
            "print/book/index.html",
        ] {
            assert!(
                files.contains_key(&format!("{v}{page}")),
                "missing {v}{page}"
            );
        }
    }
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(k, _)| k.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).expect("utf-8 html");
        let (_, links) = ids_and_links(&html);
        for href in links {
            if href.contains("://") || href.starts_with("mailto:") || href.is_empty() {
                continue;
            }
            let (file, frag) = target(&files, page, &href)
                .unwrap_or_else(|| panic!("{page}: `{href}` leads nowhere"));
            if let Some(frag) = frag.filter(|f| !f.is_empty()) {
                let (ids, _) = ids_and_links(&String::from_utf8_lossy(&files[&file]));
                assert!(
                    ids.contains(&frag),
                    "{page}: `{href}` has no anchor `#{frag}` in {file}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "followed {checked} links");
}

#[test]
fn glossary_terms_are_linked_once_and_never_in_code_or_headings() {
    let f = Fixture::new("small");
    assert_eq!(f.build().code, 0);
    let html = std::fs::read_to_string(f.out().join("index.html")).expect("home");
    assert_eq!(
        html.matches("aria-describedby=\"tip-senco\"").count()
            + html
                .matches("aria-describedby=\"tip-special-educational-needs-coordinator\"")
                .count(),
        1
    );
    assert!(
        html.contains("<abbr title=\"Education, Health and Care plan\">EHCP</abbr>"),
        "{html}"
    );
    let guide = std::fs::read_to_string(f.out().join("guides/meetings/index.html")).expect("guide");
    assert!(
        guide.contains("code is never linked: SENCO"),
        "code stays as written"
    );
}

#[test]
fn easy_read_switch_links_both_ways_and_hand_written_version_wins() {
    let f = Fixture::new("small");
    assert_eq!(f.build().code, 0);
    let std_home = std::fs::read_to_string(f.out().join("index.html")).expect("home");
    let easy_home =
        std::fs::read_to_string(f.out().join("easy-read/index.html")).expect("easy home");
    assert!(
        std_home.contains("class=\"variant-switch\" href=\"easy-read/\""),
        "standard -> easy"
    );
    assert!(
        easy_home.contains("class=\"variant-switch\" href=\"../\""),
        "easy -> standard"
    );
    assert!(
        easy_home.contains("This is a small bookshelf."),
        "the hand-written easy read is used"
    );
    // How the easy read was made is a note for editors (`check`), not for readers (issue 22).
    assert!(!easy_home.contains("written by hand"));
    let easy_model = std::fs::read_to_string(f.out().join("easy-read/model/what-it-is/index.html"))
        .expect("easy model");
    assert!(easy_model.contains("made from the standard page"));
    assert!(
        easy_model.contains("<ul class=\"er-table\">"),
        "tables become lists in easy read"
    );
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let f = Fixture::new("small");
    assert_eq!(f.build().code, 0);
    let first = tree(&f.out());
    assert_eq!(f.build().code, 0);
    assert!(
        tree(&f.out()) == first,
        "the same files, search index included"
    );
}

#[test]
fn a_site_without_a_theme_folder_or_optional_files_builds() {
    let f = Fixture::new("small");
    for rel in [
        "content/glossary.yaml",
        "content/symbols.yaml",
        "content/index.easy.md",
    ] {
        std::fs::remove_file(f.root().join(rel)).expect("remove");
    }
    f.write(
        "content/model/what-it-is.md",
        "---\ntitle: What it is\n---\n\n## Next {#next}\n\nPlain.\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_theme_folder_overrides_the_built_in_templates() {
    let f = Fixture::new("small");
    f.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Lost here</h1>{% endblock main %}",
    );
    f.write("themes/default/assets/extra.css", "body{}");
    assert_eq!(f.build().code, 0);
    assert!(std::fs::read_to_string(f.out().join("404.html"))
        .expect("404")
        .contains("Lost here"));
    assert!(f.out().join("assets/extra.css").is_file());
}

#[test]
fn a_page_template_may_show_the_body_anywhere_escaped_or_twice() {
    // The build puts the body into the rendered page after the template has run; a theme
    // that escapes it, or shows it twice, still gets what tera would have written.
    let f = Fixture::new("small");
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<div id=\"raw\">{{ page.html | safe }}</div>{% endblock main %}",
    );
    assert_eq!(f.build().code, 0);
    let page = std::fs::read_to_string(f.out().join("model/what-it-is/index.html")).expect("page");
    let raw = page
        .split("<div id=\"raw\">")
        .nth(1)
        .expect("the body's place");
    assert!(raw.starts_with("<p>") || raw.starts_with("<h2"), "{raw}");
    assert!(!page.contains("bookshelf:page-body"), "{page}");
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<pre>{{ page.html }}</pre><div>{{ page.html | safe }}</div>{% endblock main %}",
    );
    assert_eq!(f.build().code, 0);
    let page = std::fs::read_to_string(f.out().join("model/what-it-is/index.html")).expect("page");
    let shown = page.split("<pre>").nth(1).expect("escaped body");
    assert!(shown.starts_with("&lt;"), "{shown}");
    assert!(!page.contains("bookshelf:page-body"), "{page}");
    let twice = page.split("</pre><div>").nth(1).expect("the body again");
    assert!(twice.starts_with('<'), "{twice}");
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{% for n in [1, 2] %}<div id=\"copy-{{ n }}\">{{ page.html | safe }}</div>{% endfor %}{% endblock main %}",
    );
    assert_eq!(f.build().code, 0);
    let page = std::fs::read_to_string(f.out().join("model/what-it-is/index.html")).expect("page");
    assert!(!page.contains("bookshelf:page-body"), "{page}");
    let first = page
        .split("<div id=\"copy-1\">")
        .nth(1)
        .expect("first copy");
    let second = page
        .split("<div id=\"copy-2\">")
        .nth(1)
        .expect("second copy");
    let body = |s: &str| s.split("</div>").next().unwrap_or_default().to_string();
    assert_eq!(body(first), body(second));
    assert!(body(first).contains("Working together"), "{first}");
}

/// Builds the small fixture, lays `text` over the theme's template `name` and builds again:
/// that build must fail and leave the first site as it was. Returns what it said.
fn a_broken_template_keeps_the_last_site(name: &str, text: &str) -> String {
    let f = Fixture::new("small");
    assert_eq!(f.build().code, 0);
    let before = tree(&f.out());
    f.write(&format!("themes/default/templates/{name}"), text);
    let run = f.build();
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains(name), "{}", run.stderr);
    assert_eq!(tree(&f.out()), before);
    run.stderr
}

#[test]
fn a_print_template_without_the_body_in_place_is_an_error_and_keeps_the_last_site() {
    let stderr = a_broken_template_keeps_the_last_site(
        "print.html",
        "{% extends \"base.html\" %}{% block main %}<pre>{{ page.html }}</pre>{% endblock main %}",
    );
    assert!(stderr.contains("{{ page.html | safe }}"), "{stderr}");
}

#[test]
fn a_template_error_is_reported_and_keeps_the_last_site() {
    a_broken_template_keeps_the_last_site(
        "page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.nope | upper }}{% endblock main %}",
    );
}

#[test]
fn checklist_item_text_is_inline_markdown() {
    // Block syntax in an item's text keeps its words but not its blocks (a label holds
    // phrasing content only); emphasis and links stay.
    let f = Fixture::new("small");
    f.write(
        "content/checklists/inline.yaml",
        "title: Inline\nlevel: individual\nsummary: S.\nwhen: W.\nsections:\n  - title: One\n    items:\n      - id: heading\n        text: \"# Ask **the family** first\"\n      - id: list\n        text: \"- Send [the papers](guides/meetings.md)\\n- early\"\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(f.out().join("checklists/inline/index.html")).unwrap();
    let label = |id: &str| {
        let from = format!("<label for=\"c-{id}\">");
        let rest = page.split(&from).nth(1).expect("the item's label");
        rest[..rest.find("</label>").expect("its end")].to_string()
    };
    assert_eq!(label("heading"), "Ask <strong>the family</strong> first");
    assert_eq!(
        label("list"),
        "Send <a href=\"../../guides/meetings/\">the papers</a> early"
    );
}
