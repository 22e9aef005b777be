//! Easy read: symbols (longest phrase first, word forms, never in code or link addresses)
//! and the switch between the two versions of every page.

use bookshelf_render::symbols::SymbolMatcher;

use crate::helpers::{tree, Fixture};

fn matcher_with(symbols: &str) -> (Fixture, SymbolMatcher) {
    let f = Fixture::new("small");
    f.write("content/symbols.yaml", symbols);
    let loaded = bookshelf_content::load(f.root());
    let book = loaded.book.expect("fixture loads");
    let m = SymbolMatcher::new(&book);
    (f, m)
}

#[test]
fn the_longest_phrase_wins_and_word_forms_match() {
    let (_f, m) = matcher_with("parent: family\nparent carer forum: people_holding_hands\nmeeting: handshake\nchoose: thinking_face\nfamily: house\n");
    let text = "The Parent Carer Forums met parents at meetings; families choosing.";
    let found: Vec<(&str, String)> = m
        .find(text)
        .into_iter()
        .map(|s| (&text[s.range], s.name))
        .collect();
    assert_eq!(
        found,
        [
            ("Parent Carer Forums", "people_holding_hands".to_string()),
            ("parents", "family".to_string()),
            ("meetings", "handshake".to_string()),
            ("families", "house".to_string()),
            ("choosing", "thinking_face".to_string()),
        ]
    );
    assert!(
        m.find("Parentheses and apparent").is_empty(),
        "whole words only"
    );
}

#[test]
fn a_key_as_written_beats_another_keys_word_form() {
    let (_f, m) =
        matcher_with("train: steam_locomotive\ntraining: teacher\nnew: new\nnews: newspaper\n");
    let text = "Training news about trains.";
    let names: Vec<String> = m.find(text).into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["teacher", "newspaper", "steam_locomotive"]);
}

#[test]
fn no_symbols_in_code_or_link_addresses() {
    let f = Fixture::new("small");
    f.write(
        "content/guides/meetings.md",
        "---\ntitle: Meetings\n---\n\n## Before the meeting\n\nA meeting about `meeting` at [the meeting page](../model/levels.md).\n\n```\nmeeting\n```\n",
    );
    assert_eq!(f.build().code, 0);
    let html =
        std::fs::read_to_string(f.out().join("easy-read/guides/meetings/index.html")).unwrap();
    let main = html.split("<main").nth(1).unwrap();
    assert!(
        main.contains("<code>meeting</code>"),
        "inline code is left alone"
    );
    assert!(
        main.contains("<pre><code>meeting\n</code></pre>"),
        "code blocks are left alone"
    );
    assert!(
        main.contains("href=\"../../../easy-read/model/levels/\""),
        "link addresses are left alone"
    );
    assert!(
        main.contains("<span class=\"sw-t\">meeting</span>"),
        "the words get symbols"
    );
}

#[test]
fn every_page_switches_to_its_twin_and_back() {
    let f = Fixture::new("small");
    assert_eq!(f.build().code, 0);
    let files = tree(&f.out());
    let mut pages = 0;
    for (path, bytes) in files.iter().filter(|(k, _)| k.ends_with("index.html")) {
        let html = String::from_utf8_lossy(bytes);
        let href = html
            .split("class=\"variant-switch\" href=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{path} has a switch"));
        let dir = path.trim_end_matches("index.html");
        let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        for seg in href.split('/').filter(|s| !s.is_empty()) {
            if seg == ".." {
                parts.pop();
            } else if seg != "." {
                parts.push(seg);
            }
        }
        let twin = if parts.is_empty() {
            "index.html".to_string()
        } else {
            format!("{}/index.html", parts.join("/"))
        };
        let expected = match path.strip_prefix("easy-read/") {
            Some(rest) => rest.to_string(),
            None => format!("easy-read/{path}"),
        };
        assert_eq!(twin, expected, "{path}: the switch goes to its twin");
        assert!(files.contains_key(&twin), "{twin} exists");
        pages += 1;
    }
    assert!(pages >= 28, "{pages} pages checked");
}
