//! Easy read whose pictures carry the idea (issue 23): symbols only above key content words
//! (ER20), senses and `never` in the symbol map (ER21), at most a few symbols a line (ER2), a
//! picture for each line's idea (ER5) named by the editor or chosen from its phrases and
//! nouns, and the `check` rules that go with them.

use bookshelf_render::symbols::SymbolMatcher;

use crate::helpers::Fixture;

fn matcher_with(book_toml: Option<&str>, symbols: &str) -> (Fixture, SymbolMatcher) {
    let f = Fixture::new("small");
    if let Some(t) = book_toml {
        f.write("book.toml", t);
    }
    f.write("content/symbols.yaml", symbols);
    let loaded = bookshelf_content::load(f.root());
    let book = loaded.book.expect("fixture loads");
    let m = SymbolMatcher::new(&book);
    (f, m)
}

fn found(m: &SymbolMatcher, text: &str) -> Vec<String> {
    m.find(text)
        .into_iter()
        .map(|s| text[s.range].to_string())
        .collect()
}

/// The idea pictures of an easy-read page, row by row.
fn pictures(html: &str) -> Vec<String> {
    html.split("<div class=\"er-row")
        .skip(1)
        .map(|row| {
            let row = row.split("<p class=\"er-text\">").next().unwrap_or("");
            row.split("symbols/")
                .nth(1)
                .and_then(|r| r.split('.').next())
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn easy_page(f: &Fixture, easy_md: &str) -> String {
    f.write("content/guides/meetings.easy.md", easy_md);
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(f.out().join("easy-read/guides/meetings/index.html"))
        .expect("easy page");
    html.split("<main").nth(1).expect("main").to_string()
}

#[test]
fn function_words_modals_pronouns_and_numbers_get_no_symbol() {
    let (_f, m) = matcher_with(
        None,
        "can: tin_can\nwill: scroll\nneed: exclamation\nwe: busts_in_silhouette\nthree: three\nlike: thumbsup\nmeeting: handshake\n",
    );
    let text = "We can meet 3 times. You will need to bring three things. I would like a meeting.";
    assert_eq!(found(&m, text), ["meeting"]);
    assert_eq!(
        found(&m, "What we need is a meeting we like."),
        ["need", "meeting", "like"]
    );
}

#[test]
fn never_keeps_a_word_and_its_forms_without_a_symbol_but_a_phrase_with_it_wins() {
    let (_f, m) = matcher_with(
        None,
        "fix: toolbox\nfixed: never\nfixed by law: scales\nneed: never\nneeds: never\n",
    );
    assert_eq!(
        found(&m, "It is fixed by law. We fixed it."),
        ["fixed by law"]
    );
    assert!(found(&m, "Her needs are met.").is_empty());
}

#[test]
fn a_sense_restricted_word_is_not_symbolised_in_the_other_sense() {
    let (_f, m) = matcher_with(
        None,
        "power:\n  symbol: zap\n  as: noun\nshare:\n  symbol: palms_up_together\n  as: verb\n",
    );
    assert_eq!(
        found(&m, "Families have the power to share."),
        ["power", "share"]
    );
    assert!(found(&m, "We power the lights. Each family has a share.").is_empty());
}

#[test]
fn another_language_keeps_its_words_but_honours_never_and_the_limit() {
    let (f, m) = matcher_with(
        Some("[book]\ntitle = \"Półka\"\nlanguage = \"pl\"\n"),
        "my: busts_in_silhouette\nspotkanie: handshake\nrodzina: family\nplan: page_facing_up\nszkoła: school\nczas: never\n",
    );
    // "my" (Polish "we") is not an English pronoun: it keeps its symbol.
    assert_eq!(found(&m, "My mamy spotkanie, czas."), ["My", "spotkanie"]);
    assert_eq!(m.max_per_line(), 3);
    let html = easy_page(
        &f,
        "---\ntitle: Spotkania\n---\n\nMy, rodzina, plan i szkoła mają spotkanie.\n",
    );
    assert_eq!(html.matches("class=\"sw\"").count(), 3, "{html}");
}

#[test]
fn the_idea_picture_is_the_main_noun_not_the_first_word() {
    let f = Fixture::new("small");
    f.write(
        "content/symbols.yaml",
        "choose: point_right\nmeeting: handshake\nparent carer forum: people_holding_hands\nparent: family\n",
    );
    let html = easy_page(
        &f,
        "---\ntitle: Meetings\n---\n\nChoose a time for the meeting.\n\nThe parent goes to the Parent Carer Forum.\n",
    );
    assert_eq!(
        pictures(&html),
        ["handshake", "people_holding_hands"],
        "{html}"
    );
}

#[test]
fn an_editor_names_a_lines_picture_and_pictures_do_not_repeat_unless_the_idea_does() {
    let f = Fixture::new("small");
    f.write(
        "content/symbols.yaml",
        "meeting: handshake\ntrust: handshake\nfamily: family\ntime: alarm_clock\n",
    );
    let html = easy_page(
        &f,
        "---\ntitle: Meetings\n---\n\n:calendar: We meet every month.\n\nThe meeting is at the school.\n\nThe meeting has a time.\n\nThe family and the trust.\n\n- :star: A good meeting\n",
    );
    assert_eq!(
        pictures(&html),
        ["calendar", "handshake", "handshake", "family", "star"],
        "{html}"
    );
    assert!(
        !html.contains(":calendar:") && !html.contains(":star:"),
        "the marker is not shown"
    );
    assert!(html.contains("We meet every month."), "{html}");
}

#[test]
fn at_most_three_symbols_a_line_unless_the_book_says_otherwise() {
    let f = Fixture::new("small");
    let symbols = "meeting: handshake\nfamily: family\nplan: page_facing_up\nschool: school\ntime: alarm_clock\n";
    f.write("content/symbols.yaml", symbols);
    let line = "---\ntitle: Meetings\n---\n\nThe family, the plan, the school and the time of the meeting.\n";
    let html = easy_page(&f, line);
    assert_eq!(html.matches("class=\"sw\"").count(), 3, "{html}");
    f.write(
        "book.toml",
        "[book]\ntitle = \"Small test bookshelf\"\nlanguage = \"en-GB\"\n\n[easy_read]\nmax_symbols_per_line = 5\n",
    );
    let html = easy_page(&f, line);
    assert_eq!(html.matches("class=\"sw\"").count(), 5, "{html}");
}

#[test]
fn check_reports_pictures_and_made_up_easy_read_at_their_place() {
    let f = Fixture::new("small");
    f.overlay("errors/easy-read-pictures");
    let run = f.run(&["check", "--format", "short"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ours: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| {
            ["ER2]", "ER3]", "ER5]", "ER11]", "ER19]", "ER28]", "ER29]"]
                .iter()
                .any(|c| l.contains(c))
        })
        .collect();
    insta::assert_snapshot!("check_easy_read_pictures", ours.join("\n"));
}

#[test]
fn a_checklist_items_easy_text_is_its_easy_read_and_others_get_one_sentence_a_line() {
    let f = Fixture::new("small");
    f.overlay("errors/easy-read-pictures");
    assert_eq!(f.build().code, 0);
    let html = std::fs::read_to_string(f.out().join("easy-read/checklists/meeting/index.html"))
        .expect("checklist");
    assert!(
        html.contains("someone to help with words"),
        "the easy text is used"
    );
    assert!(!html.contains("needs an interpreter"), "not the staff text");
    let std = std::fs::read_to_string(f.out().join("checklists/meeting/index.html")).expect("page");
    assert!(
        std.contains("needs an interpreter"),
        "the standard page keeps the staff text"
    );
}
