//! Building the search folder: scan, lexicon, analysis, tantivy index, static index, script.
//! Where each document goes is `layout.rs`; the segment's name and size, `segment.rs`.

use std::path::Path;

use rayon::prelude::*;
use tantivy::indexer::SingleSegmentIndexWriter;
use tantivy::{Index, TantivyDocument};

use crate::analysis::{Analyser, DocTerms, Scratch};
use crate::error::SearchError;
use crate::language::Language;
use crate::lexicon::{self, Lexicon, CONCEPT_PREFIX};
use crate::model::{IndexStats, SearchDoc, Term, Variant};
use crate::postings::Postings;
use crate::scan;
use crate::schema::{self, Fields, EVERYONE};
use crate::static_index::{self, GlossaryEntry};

mod layout;
mod segment;

use layout::Layout;
use segment::{dir_size, name_segment, segment_memory};

/// Documents analysed together before they are handed to tantivy.
const BATCH: usize = 512;

/// Every text of a glossary entry that names it: term, abbreviations, aliases, plainer word.
pub(crate) fn naming_phrases(term: &Term) -> Vec<String> {
    let mut phrases = vec![term.term.clone()];
    phrases.extend(term.abbreviations.iter().cloned());
    phrases.extend(term.aliases.iter().cloned());
    phrases.extend(term.say_instead.iter().cloned());
    phrases
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
/// under `out/search/`, replacing whatever `out/search/` held, analysed in English.
pub fn build(docs: &[SearchDoc], terms: &[Term], out: &Path) -> Result<IndexStats, SearchError> {
    build_in(docs, terms, out, &Language::english())
}

/// [`build`] for the texts of one language: its stemmer and stop words, recorded in
/// `meta.json` so that [`crate::Searcher`] and `search.js` analyse queries alike. For a site
/// with several languages, call it once per language with `out` the language's folder
/// (`SITE/` for the default language, `SITE/LANG/` for the others).
pub fn build_in(
    docs: &[SearchDoc],
    terms: &[Term],
    out: &Path,
    language: &Language,
) -> Result<IndexStats, SearchError> {
    let dir = out.join("search");
    // Replace only what this crate writes: the search pages beside it belong to the renderer.
    for name in [
        "index",
        "standard",
        "easy",
        "meta.json",
        "glossary.json",
        "everyday.json",
        "glossary",
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

    // 1. Scan every text once (in parallel): the words, numbered, and the compounds. A shared
    //    document (see `Layout`) is scanned once.
    let layout = Layout::new(docs);
    let mut entries: Vec<Vec<&str>> = layout
        .order
        .iter()
        .map(|&i| {
            let d = &docs[i];
            let mut t = Vec::with_capacity(d.headings.len() + 3);
            t.push(d.title.as_str());
            t.extend(d.headings.iter().map(String::as_str));
            t.push(d.summary.as_str());
            t.push(&*d.body);
            t
        })
        .collect();
    let phrases: Vec<Vec<String>> = terms.iter().map(naming_phrases).collect();
    for (t, p) in terms.iter().zip(&phrases) {
        let mut all: Vec<&str> = p.iter().map(String::as_str).collect();
        all.push(&t.plain);
        all.extend(t.easy.as_deref());
        entries.push(all);
    }
    let clock = std::time::Instant::now();
    let scanned = scan::scan(&entries, language.folding());
    tracing::debug!(
        "search: scanned {} words at {:.2?}",
        scanned.words.len(),
        clock.elapsed()
    );
    drop(entries);
    // 2. The lexicon: vocabulary, compounds and glossary phrases.
    let built = lexicon::build(&scanned.words, &scanned.compounds, &phrases, language);
    let mut lexicon_file = built.to_file(terms.len());
    drop(built);
    let pages = concept_pages(docs, terms);
    let glossary: Vec<GlossaryEntry> = terms
        .iter()
        .zip(&pages)
        .map(|(t, list)| GlossaryEntry {
            term: t.clone(),
            easy_url: list
                .iter()
                .find(|(v, _)| *v == Variant::Easy)
                .map(|(_, i)| docs[*i].url.clone()),
        })
        .collect();
    for (c, list) in pages.iter().enumerate() {
        for (variant, i) in list {
            lexicon_file.concepts[c]
                .page
                .insert(variant.as_str().to_string(), layout.local[*i]);
        }
    }
    // Analyse with the lexicon as the searcher will load it, so both analyse alike.
    let lexicon = Lexicon::from_file(&lexicon_file);
    let mut rules = if language.is_english() {
        crate::everyday::built_in()
    } else {
        Vec::new()
    };
    rules.extend(crate::everyday::editors(language));
    if !rules.is_empty() {
        let mut heads: Vec<&str> = rules.iter().map(|r| r.phrase[0].as_str()).collect();
        heads.sort_unstable();
        heads.dedup();
        lexicon_file.everyday_heads = heads.join(" ");
        lexicon_file.everyday = rules
            .iter()
            .map(|r| (r.phrase.join(" "), r.also.clone()))
            .collect();
    }
    if language.is_english() {
        lexicon_file.keep = crate::everyday::protected(&lexicon).join(" ");
    }
    let analyser = Analyser::new(&lexicon, scanned.words, terms.len());
    tracing::debug!("search: lexicon at {:.2?}", clock.elapsed());
    // The tantivy index holds the documents in `layout.order`: a query reads only its
    // variant's run of documents (the variant filter's postings are one run, which the
    // intersection seeks past), and within a variant the document numbers are the static
    // index's, so both break ties alike.
    let order = &layout.order;
    let mut seqs = scanned.seqs;
    seqs.truncate(order.len());
    // Each document's place in the index (an easy read twin's is its standard page's).
    let mut place = vec![usize::MAX; docs.len()];
    for (k, &i) in order.iter().enumerate() {
        place[i] = k;
        if let Some(e) = layout.twin[k] {
            place[e] = k;
        }
    }
    let mut concepts_of: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
    for (c, list) in pages.iter().enumerate() {
        for (_, i) in list {
            if !concepts_of[place[*i]].contains(&c) {
                concepts_of[place[*i]].push(c);
            }
        }
    }

    // 3. Each document's terms, a batch at a time in parallel on rayon's threads, handed in
    //    that order to one tantivy segment written on this thread, and kept for the static
    //    index (whose document numbers count within a variant, so they are the same).
    let index = Index::builder()
        .schema(schema::schema())
        .create_in_dir(&index_dir)?;
    schema::register(&index);
    let fields = Fields::new(&index.schema())?;
    // One segment written synchronously: no queue of pending documents (the pooled writer
    // queues up to 10,000, text and all), no worker threads, nothing to merge. (The type is
    // public but doc-hidden in tantivy 0.25: check it on each tantivy upgrade.)
    let terms_len = analyser.terms.len();
    let writer: SingleSegmentIndexWriter =
        SingleSegmentIndexWriter::new(index, segment_memory(terms_len))?;
    // Analysis is driven from this thread (so it works when called from inside rayon's pool);
    // the writer thread never touches rayon and only waits for the next batch.
    let (postings, writer) = std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(DocTerms, TantivyDocument)>>(2);
        let layout = &layout;
        let consumer = s.spawn(move || -> Result<_, SearchError> {
            let (mut writer, mut postings) = (writer, Postings::new(terms_len));
            let mut ord = 0;
            for batch in rx {
                for (counted, doc) in batch {
                    match layout.twin[ord] {
                        Some(_) => postings.add_shared(&counted),
                        None => postings.add(docs[layout.order[ord]].variant, &counted),
                    }
                    writer.add_document(doc)?;
                    ord += 1;
                }
            }
            Ok((postings, writer))
        });
        let mut start = 0;
        while start < order.len() {
            let end = (start + BATCH).min(order.len());
            let analysed = seqs[start..end]
                .par_iter_mut()
                .zip(&order[start..end])
                .enumerate()
                .map_init(Scratch::default, |scratch, (k, (seq, &i))| {
                    let seq = std::mem::take(seq);
                    let d = &docs[i];
                    let counted = analyser.document(&seq, d.headings.len(), scratch);
                    let concepts = &concepts_of[start + k];
                    let twin = layout.twin[start + k].map(|e| docs[e].url.as_str());
                    let doc =
                        tantivy_doc(fields, d, start + k, &counted, &analyser, concepts, twin);
                    (counted, doc)
                })
                .collect();
            if tx.send(analysed).is_err() {
                break; // the writer failed: its error is returned below
            }
            start = end;
        }
        drop(tx);
        consumer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    drop(seqs);
    tracing::debug!(
        "search: documents analysed and indexed at {:.2?}",
        clock.elapsed()
    );

    // 4. The static index, from the same counts so both rank alike, written while tantivy
    //    writes its segment.
    let (written, committed) = std::thread::scope(|s| {
        let commit = s.spawn(move || -> Result<(), SearchError> {
            writer.finalize()?;
            Ok(())
        });
        let written = static_index::write(
            &postings,
            &analyser.terms,
            docs,
            &layout.runs,
            lexicon_file,
            &glossary,
            &dir,
        );
        tracing::debug!("search: static index written at {:.2?}", clock.elapsed());
        (written, commit.join())
    });
    committed.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    name_segment(&index_dir)?;
    let written = written?;
    tracing::debug!("search: tantivy segment written at {:.2?}", clock.elapsed());
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

/// The tantivy document for `d` (number `ord` in the index): analysed terms in the searched
/// fields, the shown text, the attributes filters use, and the glossary `concepts` it is the
/// page of. A shared document (see [`Layout`]) is in both variants, with its easy read
/// `twin`'s URL.
fn tantivy_doc(
    fields: Fields,
    d: &SearchDoc,
    ord: usize,
    counted: &DocTerms,
    analyser: &Analyser,
    concepts: &[usize],
    twin: Option<&str>,
) -> TantivyDocument {
    let mut td = TantivyDocument::default();
    let mut value = String::new();
    for (f, list) in counted.fields.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        value.clear();
        for &(t, tf) in list {
            schema::push_entry(&mut value, &analyser.terms[t as usize], tf);
        }
        td.add_text(fields.text[f], &value);
    }
    td.add_text(fields.shown[0], &d.title);
    td.add_text(fields.shown[1], &d.summary);
    td.add_text(fields.shown[2], &d.body);
    td.add_text(fields.url, &d.url);
    td.add_text(fields.kind, &d.kind);
    td.add_text(fields.variant, d.variant.as_str());
    if let Some(url) = twin {
        td.add_text(fields.variant, Variant::Easy.as_str());
        td.add_text(fields.twin_url, url);
    }
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
    for c in concepts {
        td.add_text(fields.concept, format!("{CONCEPT_PREFIX}{c}"));
    }
    td
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the build waits on its tantivy writer; called from inside a one-thread
    /// rayon pool, the analysis must still get a thread (it runs on the caller's).
    #[test]
    fn builds_from_inside_a_one_thread_pool() {
        let dir = tempfile::tempdir().unwrap();
        let docs: Vec<SearchDoc> = (0..BATCH + 3)
            .map(|i| {
                let variant = if i % 2 == 0 {
                    Variant::Standard
                } else {
                    Variant::Easy
                };
                SearchDoc {
                    headings: vec!["Co production".into()],
                    ..crate::test_doc(i, "A plan", "Co-production of the plan.", variant)
                }
            })
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let stats = pool.install(|| build(&docs, &[], dir.path())).unwrap();
        assert_eq!(stats.docs, BATCH + 3);
        // plan, coproduction (the heading's `Co production` joined too).
        assert_eq!(stats.terms, 2);
        assert!(dir.path().join("search/standard/p/0.json").is_file());
    }
}
