//! The searcher's tests: shortcuts against the general query, shared pages, old formats.

use super::*;
use crate::model::SearchDoc;

fn doc(i: usize, body: &str, variant: Variant) -> SearchDoc {
    crate::test_doc(i, &format!("Page {i}"), body, variant)
}

/// `q`'s results with the shortcuts (ties by address, the variant's run of documents),
/// checked against the general query (ties by `ord`, then the variant as a filter).
fn general_query_agrees(searcher: &mut Searcher, q: &Query) -> Results {
    let runs = searcher.variant_docs.clone();
    let fast = searcher.search(q).unwrap();
    searcher.ord_is_doc_id = false;
    assert_eq!(searcher.search(q).unwrap(), fast, "{}: by ord", q.text);
    searcher.variant_docs = None;
    assert_eq!(searcher.search(q).unwrap(), fast, "{}: filtered", q.text);
    (searcher.ord_is_doc_id, searcher.variant_docs) = (true, runs);
    fast
}

/// On an index as the build writes it (here from pages whose variants alternate), tantivy's
/// own tie-break (by address) ranks as the one by `ord`, and limiting the query to the
/// variant's run of documents finds what the variant filter finds; many pages tie here.
#[test]
fn shortcuts_rank_as_the_general_query() {
    let dir = tempfile::tempdir().unwrap();
    let bodies = ["a plan for the meeting", "the meeting", "a plan", "plans"];
    let docs: Vec<SearchDoc> = (0..60)
        .map(|i| {
            let variant = Variant::ALL[(i / 3) % 2];
            doc(i, bodies[i % bodies.len()], variant)
        })
        .collect();
    crate::build(&docs, &[], dir.path()).unwrap();
    let mut searcher = Searcher::open(dir.path()).unwrap();
    assert!(searcher.ord_is_doc_id);
    let runs = searcher.variant_docs.clone().unwrap();
    assert_eq!(runs, [0..30, 30..60]);
    for text in ["plan", "meeting", "plan meeting", "nothing"] {
        for variant in Variant::ALL {
            let q = Query {
                limit: 7,
                variant,
                ..Query::new(text)
            };
            let fast = general_query_agrees(&mut searcher, &q);
            if text != "nothing" {
                assert_eq!(fast.hits.len(), 7);
                assert!(fast.hits.windows(2).any(|w| w[0].score == w[1].score));
                let of = |url: &str| docs.iter().find(|d| d.url == url).unwrap().variant;
                assert!(fast.hits.iter().all(|h| of(&h.url) == variant));
            }
        }
    }
}

/// Made-up easy read is indexed once with its standard page: the two variants' runs then
/// overlap, each query still reads only its own variant, the shortcuts still rank as the
/// general query, and an easy read hit is the easy read page.
#[test]
fn shared_pages_are_found_in_both_variants() {
    let dir = tempfile::tempdir().unwrap();
    let bodies = ["a plan for the meeting", "the meeting", "a plan", "plans"];
    let mut docs: Vec<SearchDoc> = (0..30)
        .map(|j| crate::test_doc(j, &format!("Page {j}"), bodies[j % 4], Variant::Standard))
        .collect();
    for j in 0..30 {
        let mut easy = docs[j].clone();
        easy.variant = Variant::Easy;
        easy.url = format!("easy/{}", docs[j].url);
        if j % 2 == 1 {
            easy.title = format!("Easy {j}"); // written by hand: its own document
        }
        docs.push(easy);
    }
    let stats = crate::build(&docs, &[], dir.path()).unwrap();
    assert_eq!(stats.docs, 60);
    let mut searcher = Searcher::open(dir.path()).unwrap();
    assert_eq!(searcher.reader.searcher().num_docs(), 45);
    assert!(searcher.ord_is_doc_id);
    let runs = searcher.variant_docs.clone().unwrap();
    // 15 standard-only pages, 15 shared, 15 easy-only.
    assert_eq!(runs, [0..30, 15..45]);
    for text in ["plan", "meeting", "plan meeting"] {
        for variant in Variant::ALL {
            let q = Query {
                limit: 20,
                variant,
                ..Query::new(text)
            };
            let fast = general_query_agrees(&mut searcher, &q);
            let of = |url: &str| docs.iter().find(|d| d.url == url).unwrap().variant;
            assert!(fast.hits.iter().all(|h| of(&h.url) == variant), "{text}");
            assert!(fast.total > 0);
        }
    }
}

#[test]
fn an_index_of_another_format_asks_for_a_new_build() {
    let dir = tempfile::tempdir().unwrap();
    crate::build(&[doc(0, "a plan", Variant::Standard)], &[], dir.path()).unwrap();
    let meta = dir.path().join("search/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let old = text.replacen(&format!("\"format\":{FORMAT}"), "\"format\":1", 1);
    assert_ne!(old, text);
    std::fs::write(&meta, old).unwrap();
    let Err(e) = Searcher::open(dir.path()) else {
        panic!("an index of format 1 was opened");
    };
    assert!(
        e.to_string()
            .ends_with("(index format 1, this one reads 2); build the site again"),
        "{e}"
    );
}
