//! One fixture per kind of content error: the exact message (file:line:col, the line, a
//! caret and a hint) is snapshotted, the exit code is 1, and the last good site is untouched.

use crate::helpers::{tree, Fixture};

fn case(overlay: &str) -> String {
    let f = Fixture::new("small");
    let good = f.build();
    assert_eq!(good.code, 0, "the base fixture builds: {}", good.stderr);
    let before = tree(&f.out());
    f.overlay(&format!("errors/{overlay}"));
    let bad = f.build();
    assert_eq!(bad.code, 1, "a content error exits with 1:\n{}", bad.stderr);
    assert!(bad.stdout.is_empty(), "nothing on stdout");
    assert_eq!(
        tree(&f.out()),
        before,
        "a failed build leaves the last site byte for byte"
    );
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .expect("read temp")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder is left behind: {leftovers:?}"
    );
    bad.stderr
}

macro_rules! diagnostic_cases {
    ($($name:ident => $overlay:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), case($overlay));
            }
        )*
    };
}

diagnostic_cases! {
    yaml_syntax => "yaml-syntax",
    yaml_unclosed_quote_points_at_the_quote => "yaml-unclosed-quote",
    yaml_unclosed_list_points_at_the_bracket => "yaml-unclosed-list",
    toml_syntax => "toml-syntax",
    unknown_key_suggests_the_right_one => "unknown-key",
    missing_required_key => "missing-key",
    wrong_type => "wrong-type",
    bad_enum_value_suggests_the_right_one => "bad-value",
    duplicate_item_id => "duplicate-id",
    duplicate_glossary_term => "duplicate-term",
    front_matter_missing => "front-matter-missing",
    front_matter_unterminated => "front-matter-unterminated",
    broken_link_and_anchor => "broken-link",
    unknown_see_also => "unknown-see-also",
    empty_file => "empty-file",
    not_utf8 => "not-utf8",
    file_in_an_unexpected_place => "unexpected-file",
    file_name_that_is_not_a_slug => "bad-file-name",
    yaml_alias_bomb_is_refused => "yaml-alias-bomb",
    every_error_is_reported_not_only_the_first => "many-errors",
    yaml_and_yml_of_the_same_name_is_an_error_naming_both => "yaml-yml-twins",
    site_absolute_links_are_checked_against_the_routes => "absolute-link",
    yaml_nested_past_the_limit_is_refused_at_the_bracket => "yaml-too-deep",
    symbols_unclosed_quote_points_at_the_quote => "symbols-unclosed-quote",
    search_words_empty_list_points_at_its_key => "search-words-empty",
    search_words_key_without_words_points_at_it => "search-words-no-words",
    search_words_listed_twice_names_the_first_line => "search-words-duplicate",
    search_words_unclosed_list_points_at_the_bracket => "search-words-unclosed-list",
    search_words_in_an_unlisted_language_suggests_the_near_one => "search-words-unknown-language",
    duplicate_glossary_id_names_the_second_term_and_points_at_the_first => "duplicate-glossary-id",
    one_bad_glossary_entry_is_one_error => "glossary-bad-entry",
    raw_html_a_page_may_not_hold_is_refused_at_its_line => "raw-html",
    raw_html_in_checklist_and_glossary_fields_is_refused_at_its_line => "raw-html-in-yaml",
    language_tag_malformed_in_book_toml => "language-tag-malformed",
    language_listed_twice => "language-listed-twice",
    translation_into_an_unlisted_language_suggests_the_near_one => "translation-unknown-language",
    translation_without_its_source_suggests_the_near_one => "translation-missing-source",
    translation_with_a_malformed_language_in_its_name => "translation-bad-language-in-name",
    translated_item_unknown_missing_items_and_place_keys => "translation-unknown-item",
    translated_glossary_entry_unknown => "translation-unknown-term",
    section_kind_unknown_suggests_the_kinds => "section-unknown-kind",
    section_listed_twice_points_at_both => "section-listed-twice",
    section_folder_the_site_uses_itself => "section-folder-taken",
    section_folder_not_in_the_list => "section-not-listed",
    section_of_checklists_in_another_folder => "section-kind-in-another-folder",
    glossary_name_used_by_two_entries_names_both => "duplicate-glossary-name",
    raw_html_in_a_translated_checklist_is_refused_at_its_line => "raw-html-in-translation",
    yaml_colon_in_a_title_asks_for_quotes => "yaml-colon-in-text",
    yaml_colon_in_a_translated_title_asks_for_quotes => "yaml-colon-in-translation",
    yaml_hash_at_the_start_of_a_value_asks_for_quotes => "yaml-hash-starts-text",
    yaml_tab_in_the_indentation_is_pointed_at => "yaml-tab",
    yaml_list_item_without_a_space_after_the_dash => "yaml-dash-without-space",
    yaml_key_without_a_space_after_the_colon => "yaml-colon-without-space",
    yaml_one_entry_where_a_list_is_needed => "yaml-map-where-a-list-is-needed",
    yaml_key_out_of_line_with_the_key_above => "yaml-key-out-of-line",
    picture_without_alt_text_decorative_empty_quotes_allowed => "picture-missing-alt",
    // WCAG 1.1.1 Non-text Content: a raw `<img>` with no alt, or only its file name.
    raw_html_picture_without_alt_text_or_with_its_file_name => "raw-html-picture-missing-alt",
    picture_or_file_that_is_not_there_suggests_the_near_one => "picture-missing-file",
    svg_with_script_event_attribute_or_javascript_address => "svg-script",
    unsupported_file_type_names_the_allowed_types => "unsupported-file",
}

#[test]
fn an_easy_read_without_its_standard_page_is_an_error() {
    // (When the standard page is there but broken, only its own error is shown: see
    // `yaml_unclosed_quote_points_at_the_quote`, whose `index.md` has an `index.easy.md`.)
    let f = Fixture::new("small");
    f.write(
        "content/guides/transport.easy.md",
        "---\ntitle: Transport\n---\n\nA bus.\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[unexpected-file]: this easy read has no standard page beside it")
            && run.stderr.contains("content/guides/transport.easy.md")
            && run.stderr.contains("add `transport.md` in the same folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_book_toml_is_a_clear_error() {
    let f = Fixture::new("small");
    std::fs::remove_file(f.root().join("book.toml")).expect("remove");
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("could not read `book.toml`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("bookshelf new"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_with_2() {
    let f = Fixture::new("small");
    let run = f.run(&["build", "--no-such-flag"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// `#` after words in unquoted YAML text is a comment: the rest of the line is silently
/// dropped. The site still builds (it may be meant), so it is a warning from `check`.
#[test]
fn yaml_hash_inside_text_is_a_warning_naming_what_is_lost() {
    let f = Fixture::new("small");
    let page = std::fs::read_to_string(f.root().join("content/guides/meetings.md")).expect("page");
    f.write(
        "content/guides/meetings.md",
        &page.replacen("summary: ", "summary: Room #4 is upstairs. ", 1),
    );
    let run = f.run(&["check"]);
    let warning: String = run
        .stderr
        .split("\n\n")
        .filter(|block| block.contains("yaml-hash-in-text"))
        .collect();
    insta::assert_snapshot!(warning);
}
