//! Relevance: queries a parent would type, and the pages that must come in the top 3.

mod common;

use bookshelf_search::{Query, Results, Searcher, Variant};

fn setup() -> (tempfile::TempDir, Searcher) {
    let dir = tempfile::tempdir().unwrap();
    let searcher = common::built(dir.path());
    (dir, searcher)
}

fn run(s: &Searcher, text: &str) -> Results {
    s.search(&Query::new(text)).unwrap()
}

fn urls(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.url.as_str()).collect()
}

#[track_caller]
fn in_top3(s: &Searcher, text: &str, url: &str) -> Results {
    let r = run(s, text);
    let top: Vec<&str> = urls(&r).into_iter().take(3).collect();
    assert!(top.contains(&url), "`{text}`: {url} not in top 3 {top:?}");
    r
}

#[test]
fn typos_are_corrected_against_the_site_vocabulary() {
    let (_d, s) = setup();
    let r = in_top3(&s, "coprodcution", "model/what-co-production-is/");
    assert_eq!(r.corrected.as_deref(), Some("coproduction"));
    let r = in_top3(&s, "meetng", "guides/having-your-say/");
    assert_eq!(r.corrected.as_deref(), Some("meeting"));
    let r = in_top3(&s, "eduction health care plan", "glossary/ehcp/");
    assert_eq!(r.corrected.as_deref(), Some("education health care plan"));
    assert_eq!(r.hits[0].url, "glossary/ehcp/");
    assert!(urls(&r)[..3].contains(&"guides/asking-for-an-assessment/"));
    // Correctly spelt words are left alone, and short words are never "corrected".
    assert_eq!(run(&s, "meeting").corrected, None);
    assert_eq!(run(&s, "zzq").corrected, None);
}

#[test]
fn abbreviations_expand_both_ways() {
    let (_d, s) = setup();
    let r = in_top3(&s, "EHCP", "guides/asking-for-an-assessment/");
    assert_eq!(r.hits[0].url, "glossary/ehcp/");
    let r = in_top3(
        &s,
        "education health and care plan",
        "guides/your-plan-each-year/",
    );
    assert_eq!(r.hits[0].url, "glossary/ehcp/");
    // say_instead is one more name for the same thing.
    in_top3(&s, "help plan", "guides/your-plan-each-year/");
}

#[test]
fn hyphen_forms_are_one_word() {
    let (_d, s) = setup();
    let want = urls(&run(&s, "co-production"))[..3].join(" ");
    for q in ["coproduction", "co production", "Co-Production"] {
        assert_eq!(urls(&run(&s, q))[..3].join(" "), want, "{q}");
    }
    in_top3(&s, "co production", "model/ladder-of-participation/");
}

#[test]
fn uk_and_us_spellings_are_one_word() {
    let (_d, s) = setup();
    in_top3(&s, "organization", "checklists/reviewing-services/");
    in_top3(&s, "color", "about/");
    in_top3(&s, "program", "about/");
    in_top3(&s, "organisations", "checklists/reviewing-services/");
}

#[test]
fn word_forms_the_stemmer_misses() {
    let (_d, s) = setup();
    in_top3(&s, "child", "guides/your-children/");
    in_top3(&s, "decide", "guides/when-you-disagree/");
    // Four pages say decide, decision, deciding or decisions; the one that says only "decide"
    // is among them.
    let r = run(&s, "decision");
    assert!(
        urls(&r).contains(&"guides/asking-for-an-assessment/"),
        "{:?}",
        urls(&r)
    );
    in_top3(&s, "practice", "guides/good-practice/");
    in_top3(&s, "practising", "guides/good-practice/");
    in_top3(&s, "young person", "guides/moving-to-college/");
    in_top3(&s, "family", "checklists/running-a-forum/");
}

#[test]
fn a_named_term_gets_the_glossary_answer_first() {
    let (_d, s) = setup();
    let r = run(&s, "what is a SENCO");
    let answer = r.answer.expect("answer card");
    assert_eq!(answer.term, "Special educational needs co-ordinator");
    assert_eq!(r.hits[0].url, "glossary/senco/");
    let r = run(&s, "EHCP");
    assert_eq!(r.answer.unwrap().say_instead.as_deref(), Some("help plan"));
    assert!(run(&s, "meeting").answer.is_none());
}

#[test]
fn titles_rank_above_body_text() {
    let (_d, s) = setup();
    // "settle" is in one page's title only and in a shorter page's body only.
    let r = run(&s, "settle");
    assert_eq!(urls(&r)[0], "guides/your-children/");
    assert!(urls(&r).contains(&"about/"));
}

#[test]
fn snippets_mark_the_matched_words() {
    let (_d, s) = setup();
    let r = run(&s, "EHCP");
    let yearly = r
        .hits
        .iter()
        .find(|h| h.url == "guides/your-plan-each-year/")
        .unwrap();
    assert!(
        yearly.snippet_html.contains("<mark>EHCP</mark>"),
        "{}",
        yearly.snippet_html
    );
    let ask = r
        .hits
        .iter()
        .find(|h| h.url == "guides/asking-for-an-assessment/")
        .unwrap();
    assert!(
        ask.snippet_html
            .contains("<mark>Education, Health and Care plan</mark>"),
        "{}",
        ask.snippet_html
    );
    assert!(!ask.snippet.contains("<mark>"));
}

#[test]
fn filters_by_level_audience_kind_and_variant() {
    let (_d, s) = setup();
    let mut q = Query::new("family");
    q.level = Some("strategic".into());
    let r = s.search(&q).unwrap();
    assert_eq!(urls(&r), ["checklists/running-a-forum/"]);

    let mut q = Query::new("plan");
    q.audience = Some("parents".into());
    let r = s.search(&q).unwrap();
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        assert!(
            h.audience.is_empty() || h.audience.contains(&"parents".to_string()),
            "{}",
            h.url
        );
    }
    assert!(urls(&r).contains(&"guides/your-plan-each-year/"));

    let mut q = Query::new("plan");
    q.kind = Some("glossary".into());
    assert!(s
        .search(&q)
        .unwrap()
        .hits
        .iter()
        .all(|h| h.kind == "glossary"));

    let mut q = Query::new("EHCP");
    q.variant = Variant::Easy;
    let r = s.search(&q).unwrap();
    assert_eq!(
        urls(&r),
        [
            "easy-read/glossary/ehcp/",
            "easy-read/guides/your-plan-each-year/"
        ]
    );
    assert_eq!(
        r.answer.unwrap().definition,
        "A plan about the help a child gets."
    );
}

#[test]
fn stop_words_alone_find_nothing() {
    let (_d, s) = setup();
    let r = run(&s, "the and of");
    assert!(r.hits.is_empty());
    assert_eq!(r.total, 0);
}
