//! The static script (`assets/search.js`, run in Node by `tests/static.mjs`) must find and
//! rank what the server finds, from the files `build` wrote.

mod common;

use std::path::Path;
use std::process::Command;

use bookshelf_search::{Query, Variant};
use serde_json::{json, Value};

fn queries() -> Vec<Query> {
    let texts = [
        "coprodcution",
        "meetng",
        "eduction health care plan",
        "EHCP",
        "education health and care plan",
        "help plan",
        "co-production",
        "co production",
        "organization",
        "color",
        "children",
        "decide",
        "practising",
        "young person",
        "what is a SENCO",
        "family",
        "plan",
        "settle",
        "meetings",
        "the and of",
        "xyzzy",
    ];
    let mut qs: Vec<Query> = texts.iter().map(|t| Query::new(*t)).collect();
    let mut q = Query::new("family");
    q.level = Some("strategic".into());
    qs.push(q);
    let mut q = Query::new("plan");
    q.audience = Some("parents".into());
    qs.push(q);
    let mut q = Query::new("plan meeting");
    q.kind = Some("guide".into());
    qs.push(q);
    let mut q = Query::new("EHCP");
    q.variant = Variant::Easy;
    qs.push(q);
    qs
}

/// True (and says so) when `node` is not installed, so the static script cannot be run.
fn node_missing() -> bool {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("SKIPPED: `node` is not installed, so the static search script was not run");
    }
    !found
}

#[test]
fn static_script_ranks_like_the_server() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let searcher = common::built(dir.path());
    let queries = queries();
    let browser = ranks_like_the_server(dir.path(), &searcher, &queries);
    // In easy read the answer card links to the term's easy read page.
    let easy_ehcp = queries
        .iter()
        .position(|q| q.text == "EHCP" && q.variant == Variant::Easy)
        .unwrap();
    assert_eq!(browser[easy_ehcp]["answer_url"], "easy-read/glossary/ehcp/");
    let ehcp = queries.iter().position(|q| q.text == "EHCP").unwrap();
    assert_eq!(browser[ehcp]["answer_url"], "glossary/ehcp/");
    // The browser marks the matched words in the summaries it shows.
    let meeting = &browser[1]["hits"][0];
    assert_eq!(meeting["url"], "guides/having-your-say/");
    assert_eq!(
        meeting["snippet_html"],
        "How to get ready for a <mark>meeting</mark> about your child."
    );
}

/// The browser gives the York bookshelf's judged queries (issue 24: everyday words,
/// contractions, kinds of page, typos, off-topic) the same answers, hits, other pages and
/// scores as the server.
#[test]
fn york_judged_queries_rank_alike() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let searcher = common::built_york(dir.path());
    let texts = [
        "complain",
        "someone to speak up for me",
        "turning 18 what happens",
        "help choose staff",
        "annual self assessment",
        "self evalution",
        "honest about what cant change",
        "i've got a meeting",
        "strategic checklist",
        "operational checklists",
        "guides for parents",
        "what does senco mean",
        "help plan",
        "EHCP",
        "autistic son",
        "football results",
        "train times to leeds",
        "how to bake bread",
        "organise an event",
        "im 16 and want a say in my plan",
        "meaning of tokenism",
    ];
    let queries: Vec<Query> = texts.iter().map(|t| Query::new(*t)).collect();
    let browser = ranks_like_the_server(dir.path(), &searcher, &queries);
    let at = |t: &str| texts.iter().position(|x| *x == t).unwrap();
    assert_eq!(browser[at("football results")]["hits"], json!([]));
    assert_eq!(
        browser[at("what does senco mean")]["answer_url"],
        "glossary/senco/"
    );
    assert_eq!(browser[at("strategic checklist")]["answer"], Value::Null);
}

/// Easy read made by the computer from the standard text has the same postings: the build
/// writes them once, and the browser reads the standard shards for both variants.
#[test]
fn easy_read_twins_share_the_standard_postings() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let standard: Vec<_> = common::docs()
        .into_iter()
        .filter(|d| d.variant == Variant::Standard)
        .collect();
    let mut docs = standard.clone();
    for d in &standard {
        let mut twin = d.clone();
        twin.variant = Variant::Easy;
        twin.url = format!("easy-read/{}", d.url);
        docs.push(twin);
    }
    bookshelf_search::build(&docs, &common::terms(), dir.path()).unwrap();
    let searcher = bookshelf_search::Searcher::open(dir.path()).unwrap();
    let meta: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("search/meta.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(meta["variants"]["easy"]["postings"], "standard");
    assert!(meta["variants"]["standard"].get("postings").is_none());
    assert!(!dir.path().join("search/easy/p").exists());
    assert!(dir.path().join("search/easy/d/0.json").is_file());
    let mut queries = Vec::new();
    for text in ["meetng", "EHCP", "young person", "plan meeting"] {
        for variant in [Variant::Standard, Variant::Easy] {
            let mut q = Query::new(text);
            q.variant = variant;
            queries.push(q);
        }
    }
    let browser = ranks_like_the_server(dir.path(), &searcher, &queries);
    let first = |i: usize| browser[i]["hits"][0]["url"].as_str().unwrap().to_string();
    assert_eq!(format!("easy-read/{}", first(0)), first(1));
}

/// A book with both kinds of easy read: the fixture's four hand-written pages, and a made-up
/// twin of every other standard page (indexed once with its standard page, in both
/// variants). The browser and the server still rank alike in each variant, and each variant's
/// hits are its own pages.
#[test]
fn hand_written_and_made_up_easy_read_rank_alike() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut docs = common::docs();
    let twins: Vec<_> = docs
        .iter()
        .filter(|d| d.variant == Variant::Standard)
        .step_by(2)
        .map(|d| {
            let mut twin = d.clone();
            twin.variant = Variant::Easy;
            twin.url = format!("easy-read/{}", d.url);
            twin
        })
        .collect();
    let twin_urls: Vec<String> = twins.iter().map(|d| d.url.clone()).collect();
    // Twins come first among the easy pages here: the index keeps its own order regardless.
    let at = docs
        .iter()
        .position(|d| d.variant == Variant::Easy)
        .unwrap();
    docs.splice(at..at, twins);
    let easy_urls: Vec<String> = docs
        .iter()
        .filter(|d| d.variant == Variant::Easy)
        .map(|d| d.url.clone())
        .collect();
    let stats = bookshelf_search::build(&docs, &common::terms(), dir.path()).unwrap();
    assert_eq!(stats.docs, docs.len());
    let searcher = bookshelf_search::Searcher::open(dir.path()).unwrap();
    // One tantivy document for each page and its made-up twin.
    let indexed = searcher.index().reader().unwrap().searcher().num_docs() as usize;
    assert_eq!(indexed, docs.len() - twin_urls.len());
    let mut queries = Vec::new();
    for text in [
        "meetng",
        "EHCP",
        "young person",
        "plan meeting",
        "college",
        "family",
    ] {
        for variant in [Variant::Standard, Variant::Easy] {
            let mut q = Query::new(text);
            q.variant = variant;
            queries.push(q);
        }
    }
    let mut q = Query::new("plan");
    q.variant = Variant::Easy;
    q.kind = Some("guide".into());
    queries.push(q);
    let browser = ranks_like_the_server(dir.path(), &searcher, &queries);
    let mut twins_found = 0;
    for (q, b) in queries.iter().zip(&browser) {
        for hit in b["hits"].as_array().unwrap() {
            let url = hit["url"].as_str().unwrap();
            match q.variant {
                Variant::Easy => assert!(easy_urls.iter().any(|u| u == url), "{url}"),
                Variant::Standard => assert!(!url.starts_with("easy-read/"), "{url}"),
            }
            twins_found += usize::from(twin_urls.iter().any(|u| u == url));
        }
    }
    assert!(twins_found > 0, "no query found a made-up twin");
}

/// A Polish index: the browser folds, skips English inflections and finds words as the
/// server does (neither stems Polish nor drops English stop words).
#[test]
fn polish_index_ranks_alike() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let searcher = common::built_in_polish(dir.path());
    let queries: Vec<Query> = [
        "spotkania",
        "spotkanie",
        "spotkaniach",
        "rodziny",
        "Rodziny i współpraca",
        "i",
        "EHCP",
        "plan edukacji zdrowia i opieki",
        "dzieckaa",
        "szkoła's",
    ]
    .iter()
    .map(|t| Query::new(*t))
    .collect();
    let browser = ranks_like_the_server(dir.path(), &searcher, &queries);
    assert_eq!(browser[0]["hits"][0]["url"], "guides/spotkania/");
    assert_eq!(browser[6]["answer_url"], "glossary/ehcp/");
}

/// A French index, stemmed and with stop words: the browser reads both from `meta.json` (the
/// terms of the site's words, the stop words found on it) and agrees with the server.
#[test]
fn french_index_ranks_alike() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = |url: &str, title: &str, body: &str| bookshelf_search::SearchDoc {
        url: url.into(),
        title: title.into(),
        headings: Vec::new(),
        summary: String::new(),
        body: body.into(),
        kind: "guide".into(),
        audience: Vec::new(),
        level: None,
        variant: Variant::Standard,
    };
    let docs = [
        doc(
            "reunions/",
            "Les réunions",
            "Les réunions des parents ont lieu le lundi.",
        ),
        doc(
            "plan/",
            "Le plan",
            "Le plan décrit l'aide pour l'enfant et sa famille.",
        ),
        doc(
            "familles/",
            "Familles",
            "Les familles travaillent avec le conseil.",
        ),
    ];
    let fr = bookshelf_search::Language::from_tag("fr");
    bookshelf_search::build_in(&docs, &[], dir.path(), &fr).unwrap();
    let searcher = bookshelf_search::Searcher::open(dir.path()).unwrap();
    let queries: Vec<Query> = [
        "réunion",
        "les réunions",
        "famille",
        "l'enfant",
        "les",
        "réunoins",
        // Elision: "l'enfant" on the page is indexed as "enfant", and "d'aide" is searched
        // as "aide".
        "enfant",
        "d'aide",
        "L’enfant",
        // Stop words of the whole French list, though no page uses them.
        "nous avec famille",
    ]
    .iter()
    .map(|t| Query::new(*t))
    .collect();
    let browser = ranks_like_the_server(dir.path(), &searcher, &queries);
    assert_eq!(browser[0]["hits"][0]["url"], "reunions/");
    assert_eq!(browser[2]["hits"][0]["url"], "familles/");
    for i in [6, 7, 8] {
        assert_eq!(browser[i]["hits"][0]["url"], "plan/", "query {i}");
    }
    assert_eq!(browser[9]["hits"][0]["url"], "familles/");
    let server = searcher.search(&Query::new("enfant")).unwrap();
    assert_eq!(server.hits[0].url, "plan/");
}

/// Runs `queries` through the static script in Node over the index in `dir`, checks that each
/// finds and ranks what `searcher` does, and returns the script's answers.
fn ranks_like_the_server(
    dir: &Path,
    searcher: &bookshelf_search::Searcher,
    queries: &[Query],
) -> Vec<Value> {
    let qfile = dir.join("queries.json");
    let as_json: Vec<Value> = queries
        .iter()
        .map(|q| {
            json!({"text": q.text, "limit": q.limit, "variant": q.variant.as_str(),
                   "level": q.level, "audience": q.audience, "kind": q.kind})
        })
        .collect();
    std::fs::write(&qfile, serde_json::to_string(&as_json).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/static.mjs");
    let out = Command::new("node")
        .arg(&script)
        .arg(dir)
        .arg(&qfile)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(browser.len(), queries.len());
    for (q, b) in queries.iter().zip(&browser) {
        let server = searcher.search(q).unwrap();
        let ctx = format!("query `{}` ({:?})", q.text, q.variant);
        assert_eq!(
            b["corrected"].as_str(),
            server.corrected.as_deref(),
            "{ctx}"
        );
        assert_eq!(
            b["answer"].as_str(),
            server.answer.as_ref().map(|a| a.term.as_str()),
            "{ctx}"
        );
        assert_eq!(
            b["answer_url"].as_str(),
            server.answer.as_ref().map(|a| a.url.as_str()),
            "{ctx}"
        );
        assert_eq!(b["total"].as_u64(), Some(server.total as u64), "{ctx}");
        let others: Vec<&str> = b["others"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["url"].as_str().unwrap())
            .collect();
        let s_others: Vec<&str> = server.others.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(others, s_others, "{ctx}: other pages (a weak answer)");
        let b_hits = b["hits"].as_array().unwrap();
        let b_urls: Vec<&str> = b_hits.iter().map(|h| h["url"].as_str().unwrap()).collect();
        let s_urls: Vec<&str> = server.hits.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(b_urls, s_urls, "{ctx}");
        for (bh, sh) in b_hits.iter().zip(&server.hits) {
            let bs = bh["score"].as_f64().unwrap();
            let ss = f64::from(sh.score);
            assert!(
                (bs - ss).abs() <= 1e-4 * ss.abs().max(1.0),
                "{ctx}: {bs} vs {ss} for {}",
                sh.url
            );
        }
    }
    browser
}

/// An editor's everyday words (`content/search-words.yaml`, given with
/// `Language::with_everyday`) reach the browser's index too: the script finds what the
/// server finds through them.
#[test]
fn editors_everyday_words_rank_alike() {
    if node_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let language = bookshelf_search::Language::english()
        .with_everyday([("huddle".to_string(), "meeting".to_string())]);
    bookshelf_search::build_in(&common::docs(), &common::terms(), dir.path(), &language).unwrap();
    let searcher = bookshelf_search::Searcher::open(dir.path()).unwrap();
    let queries: Vec<Query> = ["huddle", "a huddle about my child", "complain"]
        .iter()
        .map(|t| Query::new(*t))
        .collect();
    let browser = ranks_like_the_server(dir.path(), &searcher, &queries);
    // "Having your say in meetings": found only through the editor's rule.
    assert_eq!(
        browser[0]["hits"][0]["url"], "guides/having-your-say/",
        "{:#}",
        browser[0]
    );
}
