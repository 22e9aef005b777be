//! A query limited to a run of documents: one variant's pages, which the build writes one
//! after another. Limiting the ranked query to the run takes the place of a variant filter,
//! which tantivy would intersect document by document over the whole variant (most queries
//! match most pages); here the union of the query's terms starts at the run and stops at its
//! end. Scores are the inner query's (the filter added zero).

use std::ops::Range;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// `inner`, matching only documents in `docs`.
#[derive(Debug)]
pub(crate) struct InRange {
    pub(crate) inner: Box<dyn Query>,
    pub(crate) docs: Range<DocId>,
}

impl Clone for InRange {
    fn clone(&self) -> Self {
        InRange {
            inner: self.inner.box_clone(),
            docs: self.docs.clone(),
        }
    }
}

impl Query for InRange {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(InRangeWeight {
            inner: self.inner.weight(scoring)?,
            docs: self.docs.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct InRangeWeight {
    inner: Box<dyn Weight>,
    docs: Range<DocId>,
}

impl Weight for InRangeWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut inner = self.inner.scorer(reader, boost)?;
        let mut doc = inner.doc();
        if doc < self.docs.start {
            doc = inner.seek(self.docs.start);
        }
        let end = self.docs.end;
        Ok(Box::new(InRangeScorer {
            inner,
            end,
            doc: clip(doc, end),
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if !self.docs.contains(&doc) {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        self.inner.explain(reader, doc)
    }
}

/// The inner scorer's documents up to `end`.
struct InRangeScorer {
    inner: Box<dyn Scorer>,
    end: DocId,
    doc: DocId,
}

fn clip(doc: DocId, end: DocId) -> DocId {
    if doc >= end {
        TERMINATED
    } else {
        doc
    }
}

impl DocSet for InRangeScorer {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = clip(self.inner.advance(), self.end);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc != TERMINATED {
            self.doc = if target >= self.end {
                TERMINATED
            } else {
                clip(self.inner.seek(target), self.end)
            };
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for InRangeScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
