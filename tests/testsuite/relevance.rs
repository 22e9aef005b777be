//! Search relevance on the York bookshelf: what a parent or a member of staff would type,
//! typos and acronyms included, with the page that must come in the top three.

use crate::helpers::Fixture;

const CASES: &[(&str, &str)] = &[
    ("EHCP", "/glossary/ehcp/"),
    ("education health and care plan", "/glossary/ehcp/"),
    ("what is coproduction", "/model/what-is-co-production/"),
    ("co production", "/glossary/co-production/"),
    (
        "meeting about my child",
        "/guides/getting-ready-for-a-meeting/",
    ),
    (
        "i dont agree with a decision",
        "/guides/when-you-do-not-agree/",
    ),
    ("young inspecters", "/checklists/young-inspectors-visit/"),
    ("senco", "/glossary/senco/"),
    (
        "how do i join a youth forum",
        "/guides/youth-forums-and-boards/",
    ),
    ("recruitment panel", "/checklists/recruitment-panel/"),
    ("you said we did", "/checklists/you-said-we-did/"),
    (
        "checklist before meeting family",
        "/checklists/before-a-meeting-with-a-family/",
    ),
    ("have my say", "/guides/having-your-say/"),
    ("ladder", "/model/ladder-of-participation/"),
];

#[test]
fn parents_queries_find_the_right_page_in_the_top_three() {
    let f = Fixture::york();
    assert_eq!(f.build().code, 0);
    let out = f.out();
    let out = out.to_str().expect("utf-8 path");
    let mut misses = Vec::new();
    for (query, want) in CASES {
        let run = f.run(&[
            "search", query, "--out", out, "--format", "json", "--limit", "3",
        ]);
        let hits: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        let urls: Vec<&str> = hits
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|h| h["url"].as_str())
            .collect();
        if !urls.contains(want) {
            misses.push(format!("{query:?}: wanted {want} in {urls:?}"));
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn easy_read_search_finds_easy_read_pages() {
    let f = Fixture::york();
    assert_eq!(f.build().code, 0);
    let out = f.out();
    let run = f.run(&[
        "search",
        "meeting",
        "--out",
        out.to_str().unwrap(),
        "--format",
        "json",
        "--easy",
    ]);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let urls: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["url"].as_str())
        .collect();
    assert!(
        !urls.is_empty() && urls.iter().all(|u| u.starts_with("/easy-read/")),
        "{urls:?}"
    );
}
