//! Building the search folder: scan, lexicon, analysis, tantivy index, static index, script.

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

/// The memory budget to give the segment writer for `terms` index terms. tantivy sizes its
/// term table from the budget alone (a third of it, up to 512K slots, zeroed up front) and
/// grows the table when it fills: a budget for the terms there are keeps the table as small
/// as they need (half a megabyte for the 1,000-page bench corpus, instead of 6 MB at any
/// size).
fn segment_memory(terms: usize) -> usize {
    // Slots for each term in each text field and the keyword fields, at half load.
    let slots = (terms * 8).next_power_of_two().clamp(1 << 10, 1 << 19);
    // A slot takes at most 16 bytes, so a third of this holds `slots` of them.
    slots * 16 * 3 + 1
}
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

/// Where each document goes in the index. An easy read page the computer made from the
/// standard text says the same as its standard page, word for word: the two are indexed once,
/// as one *shared* document in both variants, which halves the work on books of made-up easy
/// read. The index holds the standard-only documents, then the shared ones, then the easy-only
/// ones, so each variant's documents are still one run: standard `[0, S + H)`, easy
/// `[S, S + H + E)`.
pub(crate) struct Layout {
    /// The documents indexed, in index order (shared ones by their standard document).
    pub(crate) order: Vec<usize>,
    /// For each document indexed, its easy read twin when it is shared.
    pub(crate) twin: Vec<Option<usize>>,
    /// Each variant's documents in its own numbering (a shared one by its own variant's doc).
    pub(crate) runs: [Vec<usize>; 2],
    /// Each document's number among its own variant's (see `runs`).
    pub(crate) local: Vec<u32>,
}

/// Whether `a` and `b` say the same and would be found and shown alike (URL and variant aside).
fn same_text(a: &SearchDoc, b: &SearchDoc) -> bool {
    a.title == b.title
        && a.body == b.body
        && a.summary == b.summary
        && a.headings == b.headings
        && a.kind == b.kind
        && a.audience == b.audience
        && a.level == b.level
}

impl Layout {
    pub(crate) fn new(docs: &[SearchDoc]) -> Self {
        // Pair each easy read document with a standard one that says the same. (The bodies
        // are long: a fast hash, as nothing here comes from a client.)
        let mut by_body: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        for (i, d) in docs.iter().enumerate() {
            if d.variant == Variant::Standard {
                by_body.entry(&*d.body).or_default().push(i);
            }
        }
        let mut twin_of: Vec<Option<usize>> = vec![None; docs.len()];
        let mut paired = vec![false; docs.len()];
        for (e, d) in docs.iter().enumerate() {
            if d.variant != Variant::Easy {
                continue;
            }
            let candidates = by_body.get(&*d.body).map_or(&[][..], Vec::as_slice);
            if let Some(&s) = candidates
                .iter()
                .find(|&&s| twin_of[s].is_none() && same_text(&docs[s], d))
            {
                twin_of[s] = Some(e);
                paired[e] = true;
            }
        }
        let is = |i: &usize, v: Variant| docs[*i].variant == v;
        let standard_only: Vec<usize> = (0..docs.len())
            .filter(|i| is(i, Variant::Standard) && twin_of[*i].is_none())
            .collect();
        let shared: Vec<usize> = (0..docs.len()).filter(|i| twin_of[*i].is_some()).collect();
        let easy_only: Vec<usize> = (0..docs.len())
            .filter(|i| is(i, Variant::Easy) && !paired[*i])
            .collect();
        let order: Vec<usize> = [&standard_only[..], &shared, &easy_only].concat();
        let twin = order.iter().map(|&i| twin_of[i]).collect();
        let standard: Vec<usize> = [&standard_only[..], &shared].concat();
        let easy: Vec<usize> = shared
            .iter()
            .filter_map(|&s| twin_of[s])
            .chain(easy_only.iter().copied())
            .collect();
        let mut local = vec![0u32; docs.len()];
        for run in [&standard, &easy] {
            for (n, &i) in run.iter().enumerate() {
                local[i] = n as u32;
            }
        }
        Layout {
            order,
            twin,
            runs: [standard, easy],
            local,
        }
    }
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

/// The name given to the index's one segment, in place of the random UUID tantivy gives it,
/// so that the same book gives the same bytes (file names and `meta.json`) on every build.
const SEGMENT_ID: &str = "00000000-0000-4000-8000-00000b00c5e1";

/// Renames the one segment tantivy wrote in `index_dir` to [`SEGMENT_ID`]: its files, its
/// entry in `meta.json`, and the list of files tantivy manages (`.managed.json`, a hash set
/// written in whatever order the set holds, so it is written again, sorted).
fn name_segment(index_dir: &Path) -> Result<(), SearchError> {
    let meta_path = index_dir.join("meta.json");
    let meta =
        std::fs::read_to_string(&meta_path).map_err(|e| SearchError::io("read", &meta_path, e))?;
    let json = |source| SearchError::Json {
        path: meta_path.clone(),
        source,
    };
    let value: serde_json::Value = serde_json::from_str(&meta).map_err(json)?;
    let ids: Vec<&str> = value["segments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["segment_id"].as_str())
        .collect();
    let [id] = ids[..] else {
        return Err(SearchError::Directory {
            path: index_dir.to_path_buf(),
            message: format!("holds {} segments, where one was written", ids.len()),
        });
    };
    // `meta.json` spells the UUID with hyphens, the file names without.
    let id = id.to_string();
    if id == SEGMENT_ID {
        return Ok(());
    }
    let (simple, new_simple) = (id.replace('-', ""), SEGMENT_ID.replace('-', ""));
    let entries =
        std::fs::read_dir(index_dir).map_err(|e| SearchError::io("read", index_dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| SearchError::io("read", index_dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(&simple) {
            let to = index_dir.join(format!("{new_simple}{rest}"));
            std::fs::rename(entry.path(), &to).map_err(|e| SearchError::io("rename", &to, e))?;
        }
    }
    let write = |path: &Path, text: String| {
        std::fs::write(path, text).map_err(|e| SearchError::io("write", path, e))
    };
    write(&meta_path, meta.replace(&id, SEGMENT_ID))?;
    let managed_path = index_dir.join(".managed.json");
    if let Ok(text) = std::fs::read_to_string(&managed_path) {
        let mut files: Vec<String> =
            serde_json::from_str(&text).map_err(|source| SearchError::Json {
                path: managed_path.clone(),
                source,
            })?;
        for f in &mut files {
            *f = f.replace(&simple, &new_simple);
        }
        files.sort();
        let text = serde_json::to_string(&files).map_err(json)? + "\n";
        write(&managed_path, text)?;
    }
    Ok(())
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
