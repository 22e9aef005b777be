//! Building the search folder: lexicon, tantivy index, static index, script.

use std::path::Path;
use std::sync::Arc;

use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, TantivyDocument};

use crate::error::SearchError;
use crate::lexicon::{self, Lexicon, CONCEPT_PREFIX};
use crate::model::{IndexStats, SearchDoc, Term, Variant};
use crate::schema::{self, Fields, EVERYONE};
use crate::static_index;

/// Memory each indexing thread may use before it writes a segment.
const MEMORY_PER_THREAD: usize = 64 << 20;

/// Every text of a glossary entry that names it: term, abbreviations, aliases, plainer word.
pub(crate) fn naming_phrases(term: &Term) -> Vec<String> {
    let mut phrases = vec![term.term.clone()];
    phrases.extend(term.abbreviations.iter().cloned());
    phrases.extend(term.aliases.iter().cloned());
    phrases.extend(term.say_instead.iter().cloned());
    phrases
}

/// Each document's number among the documents of its own variant.
pub(crate) fn local_numbers(docs: &[SearchDoc]) -> Vec<u32> {
    let mut next = [0u32; 2];
    docs.iter()
        .map(|d| {
            let slot = &mut next[d.variant as usize];
            *slot += 1;
            *slot - 1
        })
        .collect()
}

/// For each glossary entry, the document that is its page in each variant.
fn concept_pages(docs: &[SearchDoc], terms: &[Term]) -> Vec<Vec<(Variant, usize)>> {
    terms
        .iter()
        .map(|t| {
            let mut pages: Vec<(Variant, usize)> = Vec::new();
            for (i, d) in docs.iter().enumerate() {
                if d.kind == "glossary"
                    && d.title.trim().eq_ignore_ascii_case(t.term.trim())
                    && !pages.iter().any(|(v, _)| *v == d.variant)
                {
                    pages.push((d.variant, i));
                }
            }
            pages
        })
        .collect()
}

/// Builds the tantivy index in `out/search/index/` and the static browser index and script
/// under `out/search/`, replacing whatever `out/search/` held.
pub fn build(docs: &[SearchDoc], terms: &[Term], out: &Path) -> Result<IndexStats, SearchError> {
    let dir = out.join("search");
    // Replace only what this crate writes: the search pages beside it belong to the renderer.
    for name in [
        "index",
        "standard",
        "easy",
        "meta.json",
        "glossary.json",
        "search.js",
    ] {
        let p = dir.join(name);
        let result = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else if p.exists() {
            std::fs::remove_file(&p)
        } else {
            Ok(())
        };
        result.map_err(|e| SearchError::io("remove", &p, e))?;
    }
    let index_dir = dir.join("index");
    std::fs::create_dir_all(&index_dir).map_err(|e| SearchError::io("create", &index_dir, e))?;

    // 1. Lexicon: vocabulary, compounds and glossary phrases from every text of the site.
    let mut texts: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| {
            let mut t = vec![d.title.as_str(), d.summary.as_str(), d.body.as_str()];
            t.extend(d.headings.iter().map(String::as_str));
            t
        })
        .collect();
    let phrases: Vec<Vec<String>> = terms.iter().map(naming_phrases).collect();
    for (t, p) in terms.iter().zip(&phrases) {
        let mut all: Vec<&str> = p.iter().map(String::as_str).collect();
        all.push(&t.plain);
        all.extend(t.easy.as_deref());
        texts.push(all);
    }
    let built = lexicon::build(&texts, &phrases);
    let mut lexicon_file = built.to_file(terms.len());
    drop(built);
    let locals = local_numbers(docs);
    let pages = concept_pages(docs, terms);
    for (c, list) in pages.iter().enumerate() {
        for (variant, i) in list {
            lexicon_file.concepts[c]
                .page
                .insert(variant.as_str().to_string(), locals[*i]);
        }
    }
    // Index with the lexicon as the searcher will load it, so both analyse alike.
    let lexicon = Arc::new(Lexicon::from_file(&lexicon_file));
    // 2. The tantivy index: one writer, several threads, no merging.
    let index = Index::create_in_dir(&index_dir, schema::schema())?;
    schema::register(&index, lexicon.clone());
    let fields = Fields::new(&index.schema())?;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
    let mut writer = index.writer_with_num_threads(threads, threads * MEMORY_PER_THREAD)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let mut concepts_of: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (c, list) in pages.iter().enumerate() {
        for (_, i) in list {
            concepts_of[*i].push(c);
        }
    }
    for (ord, d) in docs.iter().enumerate() {
        let mut td = TantivyDocument::default();
        td.add_text(fields.text[0], &d.title);
        for h in &d.headings {
            td.add_text(fields.text[1], h);
        }
        td.add_text(fields.text[2], &d.summary);
        td.add_text(fields.text[3], &d.body);
        td.add_text(fields.url, &d.url);
        td.add_text(fields.kind, &d.kind);
        td.add_text(fields.variant, d.variant.as_str());
        td.add_u64(fields.ord, ord as u64);
        if let Some(level) = &d.level {
            td.add_text(fields.level, level);
        }
        for a in &d.audience {
            td.add_text(fields.audience, a);
        }
        if d.audience.is_empty() {
            td.add_text(fields.audience, EVERYONE);
        }
        for c in &concepts_of[ord] {
            td.add_text(fields.concept, format!("{CONCEPT_PREFIX}{c}"));
        }
        writer.add_document(td)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;

    // 3. The static index, written from what tantivy indexed so both rank alike.
    let written = static_index::write(&index, fields, docs, &locals, lexicon_file, terms, &dir)?;
    Ok(IndexStats {
        docs: docs.len(),
        vocabulary: lexicon.order.len(),
        terms: written.terms,
        bytes_tantivy: dir_size(&index_dir)?,
        bytes_static: written.bytes,
        bytes_meta: written.bytes_meta,
        shards: written.shards,
    })
}

fn dir_size(path: &Path) -> Result<u64, SearchError> {
    let mut total = 0;
    let entries = std::fs::read_dir(path).map_err(|e| SearchError::io("read", path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| SearchError::io("read", path, e))?;
        let meta = entry
            .metadata()
            .map_err(|e| SearchError::io("read", &entry.path(), e))?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
