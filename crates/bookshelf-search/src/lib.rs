//! Search for a bookshelf site: a tantivy index for the server and the terminal, and a
//! static, sharded index with a small script for sites on a static host.
//!
//! The pipeline:
//!
//! 1. The binary maps the book into [`SearchDoc`]s (both variants, every kind of page) and
//!    glossary [`Term`]s; this crate depends on no other crate of ours.
//! 2. [`build`] reads every text once (`scan`, in parallel): each distinct spelling is folded
//!    once, words are counted, hyphenated compounds (`co-production`) collected, and each
//!    document is kept as a sequence of word numbers. From these comes the site's lexicon
//!    (`lexicon`): its vocabulary of folded words, the compounds, and each glossary entry's
//!    phrases as terms.
//! 3. The lexicon then analyses every document's word numbers (`analysis`, in parallel, a
//!    batch at a time) exactly as it analyses text: UK spellings, compounds joined, English
//!    stems with the equivalences the stemmer misses (child/children, decide/decision,
//!    practise/practice, person/people), stop words dropped, and a concept token `~N`
//!    wherever a glossary phrase appears, so `EHCP` and `Education, Health and Care plan`
//!    index alike. The counted terms go to one tantivy segment (`schema::TermsTokenizer`
//!    reads them back) and into the static index's postings (`postings`).
//! 4. The static index (`static_index`) is written from those postings, with the field norms
//!    tantivy computes from the same counts, into `meta.json` plus per-variant posting shards
//!    and document chunks, with `search.js`, while tantivy writes its segment.
//! 5. [`Searcher`] understands a query (`understand`): corrects unknown words against the
//!    vocabulary, joins compounds, maps words to terms and finds glossary concepts; then runs an
//!    ordinary boosted BM25 query with filters and makes `<mark>` snippets.
//!    `search.js` does step 5 in the browser from the static files and ranks the same way.
#![warn(missing_docs)]

mod analysis;
mod build;
mod error;
mod everyday;
mod in_range;
mod language;
mod lexicon;
mod matcher;
mod model;
mod postings;
mod read_only;
mod scan;
mod schema;
mod searcher;
mod snippet;
mod static_index;
mod understand;
mod words;

/// A guide page `p{i}/` for the tests, in `variant`, with nothing but a title and a body.
#[cfg(test)]
pub(crate) fn test_doc(i: usize, title: &str, body: &str, variant: Variant) -> SearchDoc {
    SearchDoc {
        url: format!("p{i}/"),
        title: title.into(),
        headings: Vec::new(),
        summary: String::new(),
        body: body.into(),
        kind: "guide".into(),
        audience: Vec::new(),
        level: None,
        variant,
    }
}

/// A small deterministic random source for the randomised tests: `next(n)` is in `0..n`.
#[cfg(test)]
pub(crate) fn test_random(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

pub use build::{build, build_in};
pub use error::SearchError;
pub use everyday::problem as everyday_problem;
pub use language::Language;
pub use model::{GlossaryAnswer, Hit, IndexStats, Query, Results, SearchDoc, Term, Variant};
pub use searcher::Searcher;
