//! Answering queries on the server and in the terminal: understand, search, snippet.

use std::cmp::Reverse;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query as TQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, DocSet, Index, IndexReader, ReloadPolicy, Score, SegmentReader,
    TantivyDocument, TERMINATED,
};

use crate::error::SearchError;
use crate::in_range::InRange;
use crate::lexicon::{Lexicon, CONCEPT_PREFIX};
use crate::matcher::Matcher;
use crate::model::{GlossaryAnswer, Hit, Query, Results, Variant};
use crate::schema::{
    self, Fields, BOOSTS, CONCEPT_BOOST, EVERYONE, FACET_BOOSTS, UNKNOWN_WEIGHT, WEAK_SHARE,
};
use crate::snippet;
use crate::static_index::{start_of, GlossaryEntry, MetaFile, FORMAT};
use crate::understand::{self, QueryPlan};

/// An open search index. Open it once and keep it: it holds the reader and the lexicon.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    lexicon: Arc<Lexicon>,
    /// The lexicon as numbers, for snippets.
    matcher: Matcher,
    /// Whether the index is one segment whose document numbers are the `ord`s (as the build
    /// writes it), so tantivy's own tie-break is the browser's.
    ord_is_doc_id: bool,
    /// Each variant's documents, `[standard, easy]`, when each is one run (as the build
    /// writes them).
    variant_docs: Option<[Range<DocId>; 2]>,
    glossary: Vec<GlossaryEntry>,
    /// Documents in the index, both variants (`meta.json` `docs`), for the idf of a weak answer.
    docs: u64,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, SearchError> {
    let text = std::fs::read_to_string(path).map_err(|e| SearchError::io("read", path, e))?;
    serde_json::from_str(&text).map_err(|source| SearchError::Json {
        path: path.to_path_buf(),
        source,
    })
}

fn term_query(field: Field, text: &str) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(
        tantivy::Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn filter(query: Box<dyn TQuery>) -> (Occur, Box<dyn TQuery>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
}

/// Whether `searcher` holds one segment, without deletions, whose document `d` has `ord` `d`.
fn ord_is_doc_id(searcher: &tantivy::Searcher) -> bool {
    let [segment] = searcher.segment_readers() else {
        return false;
    };
    let Ok(ords) = segment.fast_fields().u64("ord") else {
        return false;
    };
    segment.alive_bitset().is_none()
        && (0..segment.max_doc()).all(|d| ords.first(d) == Some(u64::from(d)))
}

/// Each variant's documents, `[standard, easy]`, when `searcher` holds one segment in which
/// each variant's documents are one run.
fn variant_runs(searcher: &tantivy::Searcher, field: Field) -> Option<[Range<DocId>; 2]> {
    let [segment] = searcher.segment_readers() else {
        return None;
    };
    let index = segment.inverted_index(field).ok()?;
    let mut runs = [0..0, 0..0];
    for (run, variant) in runs.iter_mut().zip(Variant::ALL) {
        let term = tantivy::Term::from_field_text(field, variant.as_str());
        let Some(mut postings) = index.read_postings(&term, IndexRecordOption::Basic).ok()? else {
            continue;
        };
        let (first, mut next) = (postings.doc(), postings.doc());
        while postings.doc() != TERMINATED {
            if postings.doc() != next {
                return None;
            }
            next += 1;
            postings.advance();
        }
        *run = first..next;
    }
    Some(runs)
}

impl Searcher {
    /// Opens the index that [`crate::build`] wrote under `site_dir/search/`.
    pub fn open(site_dir: &Path) -> Result<Self, SearchError> {
        let dir = site_dir.join("search");
        let mut meta: MetaFile = read_json(&dir.join("meta.json"))?;
        if !meta.lexicon.everyday_heads.is_empty() {
            meta.lexicon.everyday = read_json(&dir.join("everyday.json"))?;
        }
        if meta.format != FORMAT {
            return Err(SearchError::Directory {
                path: dir,
                message: format!(
                    "was written by another version of bookshelf (index format {}, this one \
                     reads {FORMAT}); build the site again",
                    meta.format
                ),
            });
        }
        let glossary: Vec<GlossaryEntry> = read_json(&dir.join("glossary.json"))?;
        let lexicon = Arc::new(Lexicon::from_file(&meta.lexicon));
        let index_dir = dir.join("index");
        let opened = crate::read_only::ReadOnly::open(&index_dir).and_then(Index::open);
        let index = opened.map_err(|e| SearchError::Directory {
            path: index_dir.clone(),
            message: e.to_string(),
        })?;
        schema::register(&index);
        let fields = Fields::new(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let matcher = Matcher::new(&lexicon);
        let ord_is_doc_id = ord_is_doc_id(&reader.searcher());
        let variant_docs = variant_runs(&reader.searcher(), fields.variant);
        Ok(Searcher {
            index,
            reader,
            fields,
            lexicon,
            matcher,
            ord_is_doc_id,
            variant_docs,
            glossary,
            docs: meta.docs,
        })
    }

    /// Builds the tantivy query for a plan: every token in every text field with its boost,
    /// the named terms' own pages, limited to the variant's run of documents (or filtered by
    /// variant), and the filters (which add nothing to the score).
    fn tantivy_query(&self, plan: &QueryPlan, q: &Query) -> Box<dyn TQuery> {
        let f = &self.fields;
        let mut should: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for token in &plan.tokens {
            for (field, boost) in f.text.iter().zip(BOOSTS) {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(term_query(*field, token), boost)),
                ));
            }
        }
        if let Some(c) = plan.answer {
            let page = term_query(f.concept, &format!("{CONCEPT_PREFIX}{c}"));
            should.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(page, CONCEPT_BOOST)),
            ));
        }
        let facets = [
            (f.kind, plan.kind),
            (f.level, plan.level),
            (f.audience, plan.audience),
        ];
        for ((field, value), boost) in facets.into_iter().zip(FACET_BOOSTS) {
            if let Some(value) = value {
                let pages = term_query(field, value);
                should.push((Occur::Should, Box::new(ConstScoreQuery::new(pages, boost))));
            }
        }
        let ranked: Box<dyn TQuery> = Box::new(BooleanQuery::new(should));
        let filtered = q.level.is_some() || q.kind.is_some() || q.audience.is_some();
        if let (Some(runs), false) = (&self.variant_docs, filtered) {
            let docs = runs[q.variant as usize].clone();
            return Box::new(InRange {
                inner: ranked,
                docs,
            });
        }
        // With other filters the variant stays a filter too: tantivy's union sums a page's
        // scores in the order it holds its terms, which the way it is stepped through can
        // change, so a different plan could change the last bit of a score.
        let mut must: Vec<(Occur, Box<dyn TQuery>)> = vec![
            (Occur::Must, ranked),
            filter(term_query(f.variant, q.variant.as_str())),
        ];
        if let Some(level) = &q.level {
            must.push(filter(term_query(f.level, level)));
        }
        if let Some(kind) = &q.kind {
            must.push(filter(term_query(f.kind, kind)));
        }
        if let Some(audience) = &q.audience {
            let either = BooleanQuery::new(vec![
                (Occur::Should, term_query(f.audience, audience)),
                (Occur::Should, term_query(f.audience, EVERYONE)),
            ]);
            must.push(filter(Box::new(either)));
        }
        Box::new(BooleanQuery::new(must))
    }

    fn answer(&self, plan: &QueryPlan, variant: Variant) -> Option<GlossaryAnswer> {
        let entry = self.glossary.get(plan.answer?)?;
        let term = &entry.term;
        let definition = match (&term.easy, variant) {
            (Some(easy), Variant::Easy) => easy.clone(),
            _ => term.plain.clone(),
        };
        // In easy read the card links to the term's easy read page.
        let url = match (&entry.easy_url, variant) {
            (Some(url), Variant::Easy) => url.clone(),
            _ => term.url.clone(),
        };
        Some(GlossaryAnswer {
            term: term.term.clone(),
            url,
            definition,
            abbreviations: term.abbreviations.clone(),
            say_instead: term.say_instead.clone(),
        })
    }

    /// The best `limit` documents for `query`, ties to the earlier document as in the browser,
    /// and how many documents match.
    fn top(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn TQuery,
        limit: usize,
    ) -> tantivy::Result<(Vec<(Score, DocAddress)>, usize)> {
        let top = TopDocs::with_limit(limit);
        if self.ord_is_doc_id {
            // tantivy breaks ties by address, which is then the same as by `ord`.
            return searcher.search(query, &(top, Count));
        }
        let top = top.tweak_score(|seg: &SegmentReader| {
            let ords = seg.fast_fields().u64("ord").ok();
            move |doc: DocId, score: Score| {
                let ord = ords.as_ref().and_then(|c| c.first(doc)).unwrap_or(u64::MAX);
                (score, Reverse(ord))
            }
        });
        let (top, total) = searcher.search(query, &(top, Count))?;
        Ok((top.into_iter().map(|((s, _), a)| (s, a)).collect(), total))
    }

    /// Runs a query: corrects and expands it, ranks with BM25 and makes snippets.
    pub fn search(&self, q: &Query) -> Result<Results, SearchError> {
        let plan = understand::plan(&self.lexicon, &q.text);
        let mut results = Results {
            corrected: plan.corrected.clone(),
            answer: self.answer(&plan, q.variant),
            hits: Vec::new(),
            total: 0,
            others: Vec::new(),
        };
        if plan.tokens.is_empty() || q.limit == 0 {
            return Ok(results);
        }
        let query = self.tantivy_query(&plan, q);
        let searcher = self.reader.searcher();
        let (top, total) = self.top(&searcher, query.as_ref(), q.limit)?;
        results.total = total;
        let weak = !top.is_empty() && self.is_weak(&searcher, &plan, &top)?;
        let wanted = self.matcher.wanted(&plan.tokens);
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| -> String {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let [title, summary, body] = self.fields.shown.map(text);
            let (m, lex) = (&self.matcher, &*self.lexicon);
            let snippet = snippet::make(m, lex, &body, &wanted)
                .or_else(|| snippet::make(m, lex, &summary, &wanted))
                .unwrap_or_else(|| {
                    let plain = start_of(&summary, &body);
                    let mut html = String::new();
                    snippet::escape_into(&mut html, &plain);
                    snippet::Snippet { html, plain }
                });
            let level = text(self.fields.level);
            // A shared document (one for both variants) shows its easy read page's address.
            let twin = text(self.fields.twin_url);
            let url = match q.variant {
                Variant::Easy if !twin.is_empty() => twin,
                _ => text(self.fields.url),
            };
            results.hits.push(Hit {
                title,
                url,
                snippet_html: snippet.html,
                snippet: snippet.plain,
                score,
                kind: text(self.fields.kind),
                level: (!level.is_empty()).then_some(level),
                audience: doc
                    .get_all(self.fields.audience)
                    .filter_map(|v| v.as_str())
                    .filter(|a| *a != EVERYONE)
                    .map(String::from)
                    .collect(),
            });
        }
        if weak {
            results.others = std::mem::take(&mut results.hits);
        }
        Ok(results)
    }

    /// Whether the best pages (the first three) each hold less than [`WEAK_SHARE`] of what
    /// the query's words weigh: then nothing on the site answers the query. A word weighs its
    /// idf (from its most frequent field; a word the site does not know weighs
    /// [`UNKNOWN_WEIGHT`] times the heaviest it knows); a page holds all of it when one of its tokens is in the title,
    /// headings or summary, half of it when only in the body.
    fn is_weak(
        &self,
        searcher: &tantivy::Searcher,
        plan: &QueryPlan,
        best: &[(Score, DocAddress)],
    ) -> tantivy::Result<bool> {
        let n = self.docs as f64;
        let mut weights = Vec::with_capacity(plan.words.len());
        for w in &plan.words {
            weights.push(match &w.term {
                Some(term) => {
                    let mut df = 0u64;
                    for field in &self.fields.text {
                        let t = tantivy::Term::from_field_text(*field, term);
                        df = df.max(searcher.doc_freq(&t)?);
                    }
                    Some((1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln())
                }
                None => None,
            });
        }
        let heaviest = weights.iter().flatten().fold(0.0f64, |a, b| a.max(*b));
        let weights: Vec<f64> = weights
            .iter()
            .map(|w| w.unwrap_or(heaviest * UNKNOWN_WEIGHT))
            .collect();
        let all: f64 = weights.iter().sum();
        if all == 0.0 {
            return Ok(false);
        }
        for (_, address) in best.iter().take(3) {
            let segment = searcher.segment_reader(address.segment_ord);
            let mut holds = vec![0.0f64; plan.tokens.len()];
            for (token, held) in plan.tokens.iter().zip(&mut holds) {
                for (f, field) in self.fields.text.iter().enumerate() {
                    let term = tantivy::Term::from_field_text(*field, token);
                    let index = segment.inverted_index(*field)?;
                    let Some(mut p) = index.read_postings(&term, IndexRecordOption::Basic)? else {
                        continue;
                    };
                    let at = if p.doc() >= address.doc_id {
                        p.doc()
                    } else {
                        p.seek(address.doc_id)
                    };
                    if at == address.doc_id {
                        *held = held.max(if f + 1 < self.fields.text.len() {
                            1.0
                        } else {
                            0.5
                        });
                    }
                }
            }
            let mut got = 0.0;
            for (w, weight) in plan.words.iter().zip(&weights) {
                let share = w.tokens.iter().map(|&t| holds[t]).fold(0.0, f64::max);
                got += share * weight;
            }
            if got >= WEAK_SHARE * all {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The underlying tantivy index (for tools and statistics).
    pub fn index(&self) -> &Index {
        &self.index
    }
}

#[cfg(test)]
mod tests;
