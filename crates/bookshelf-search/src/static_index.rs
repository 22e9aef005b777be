//! The static browser index: `meta.json`, sharded postings and document chunks per variant,
//! from the same counts tantivy was given so the browser ranks with the server's numbers.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::fieldnorm::FieldNormReader;

use crate::error::SearchError;
use crate::lexicon::LexiconFile;
use crate::model::{SearchDoc, Term, Variant};
use crate::postings::Postings;
use crate::schema::{BOOSTS, CONCEPT_BOOST, FACET_BOOSTS, TEXT_FIELDS, UNKNOWN_WEIGHT, WEAK_SHARE};

/// The search script, written beside the index.
pub(crate) const SCRIPT: &str = include_str!("../assets/search.js");

/// The layout of `meta.json` and the files beside it, and of the tantivy index: the searcher
/// reads only an index of its own format.
pub(crate) const FORMAT: u32 = 2;
/// Documents per metadata chunk.
const CHUNK: usize = 20;
/// Raw bytes of postings aimed at per shard.
const SHARD_BYTES: usize = 8 * 1024;
/// Characters of body text used when a page has no summary.
const SUMMARY_CHARS: usize = 200;

/// `search/meta.json`: scoring constants, collection statistics and the lexicon.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct MetaFile {
    pub(crate) format: u32,
    pub(crate) k1: f32,
    pub(crate) b: f32,
    pub(crate) fields: Vec<String>,
    pub(crate) boosts: Vec<f32>,
    pub(crate) concept_boost: f32,
    /// Added to a page of the kind, level and audience the query names.
    #[serde(default)]
    pub(crate) facet_boosts: Vec<f32>,
    /// A best page under this share of the query's weight is a weak answer.
    #[serde(default)]
    pub(crate) weak_share: f64,
    /// How much more than the heaviest known word an unknown word weighs.
    #[serde(default)]
    pub(crate) unknown_weight: f64,
    /// Documents in the index, both variants (tantivy's N).
    pub(crate) docs: u64,
    /// Average length of each field, as tantivy computes it.
    pub(crate) avg: Vec<f32>,
    /// Field length for each of the 256 one-byte field-norm codes.
    pub(crate) norms: Vec<u32>,
    pub(crate) variants: BTreeMap<String, VariantFile>,
    #[serde(flatten)]
    pub(crate) lexicon: LexiconFile,
}

/// Per-variant layout in `meta.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct VariantFile {
    pub(crate) docs: u32,
    pub(crate) shards: u32,
    pub(crate) chunk: u32,
    /// Which shards have a file (none is written for an empty one): a hex digit per four
    /// shards, bit `s % 4` of digit `s / 4` for shard `s`; absent when every shard has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) filled: Option<String>,
    /// The variant whose `p/` files this one reads, when its postings are the same byte for
    /// byte (easy read made from the standard text by the computer); absent when it has its
    /// own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) postings: Option<String>,
}

/// The `filled` map of [`VariantFile`] from each shard's terms.
fn filled_map(members: &[Vec<usize>]) -> Option<String> {
    if members.iter().all(|m| !m.is_empty()) {
        return None;
    }
    let digits = members
        .chunks(4)
        .map(|four| {
            let bits = four
                .iter()
                .enumerate()
                .fold(0, |acc, (i, m)| acc | (u32::from(!m.is_empty()) << i));
            char::from_digit(bits, 16).unwrap_or('f')
        })
        .collect();
    Some(digits)
}

/// What [`write`] produced.
pub(crate) struct Written {
    pub(crate) terms: usize,
    pub(crate) shards: usize,
    pub(crate) bytes: u64,
    pub(crate) bytes_meta: u64,
}

/// 32-bit FNV-1a of the term's UTF-8 bytes: picks its shard (`fnv1a` in the script).
pub(crate) fn fnv1a(term: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Writes a file into a folder that exists (made once per folder, not once per file).
fn write_file(path: &Path, text: &str) -> Result<u64, SearchError> {
    std::fs::write(path, text).map_err(|e| SearchError::io("write", path, e))?;
    Ok(text.len() as u64)
}

fn create_dir(path: &Path) -> Result<(), SearchError> {
    std::fs::create_dir_all(path).map_err(|e| SearchError::io("create", path, e))
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("search data serialises")
}

/// The text shown under a result in the browser: the summary, or the start of the body.
fn blurb(doc: &SearchDoc) -> String {
    start_of(&doc.summary, &doc.body)
}

/// The summary, or the first words of the body when there is no summary.
pub(crate) fn start_of(summary: &str, body: &str) -> String {
    if !summary.trim().is_empty() {
        return summary.trim().to_string();
    }
    let body = body.trim();
    if body.chars().count() <= SUMMARY_CHARS {
        return body.to_string();
    }
    let cut: String = body.chars().take(SUMMARY_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} …")
}

/// `attrs.json` of a variant: kind, level and audience of every document, for filters.
#[derive(Serialize)]
struct Attributes {
    kinds: Vec<String>,
    /// The first level is "" (no level).
    levels: Vec<String>,
    audiences: Vec<String>,
    /// Three numbers a document: kind index, level index, audience bit mask (0: everyone).
    docs: Vec<u32>,
}

fn attributes(docs: &[&SearchDoc]) -> Attributes {
    let mut a = Attributes {
        kinds: Vec::new(),
        levels: vec![String::new()],
        audiences: Vec::new(),
        docs: Vec::with_capacity(docs.len() * 3),
    };
    fn index_of(list: &mut Vec<String>, value: &str) -> u32 {
        match list.iter().position(|v| v == value) {
            Some(i) => i as u32,
            None => {
                list.push(value.to_string());
                list.len() as u32 - 1
            }
        }
    }
    for d in docs {
        let kind = index_of(&mut a.kinds, &d.kind);
        let level = index_of(&mut a.levels, d.level.as_deref().unwrap_or(""));
        let mut mask = 0;
        for audience in &d.audience {
            mask |= 1 << index_of(&mut a.audiences, audience).min(31);
        }
        a.docs.extend([kind, level, mask]);
    }
    a
}

/// Writes a variant's postings into `pdir` as shards of about [`SHARD_BYTES`] (by term hash;
/// none for an empty shard); returns the number of shards, the `filled` map and the bytes.
fn write_postings(
    encoded: &Encoded<'_>,
    pdir: &Path,
) -> Result<(usize, Option<String>, u64), SearchError> {
    let total: usize = encoded.iter().map(|(t, e)| t.len() + e.len() + 4).sum();
    let shards = total
        .div_ceil(SHARD_BYTES)
        .next_power_of_two()
        .clamp(1, 4096);
    // Each shard's terms (in term order), written straight from `encoded`.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); shards];
    for (i, (term, _)) in encoded.iter().enumerate() {
        members[(fnv1a(term) as usize) % shards].push(i);
    }
    create_dir(pdir)?;
    let bytes = members
        .par_iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(s, list)| {
            let mut text = String::from("{");
            for &i in list {
                let (term, e) = &encoded[i];
                if text.len() > 1 {
                    text.push(',');
                }
                text.push_str(&json(term));
                text.push(':');
                text.push_str(e);
            }
            text.push('}');
            write_file(&pdir.join(format!("{s}.json")), &text)
        })
        .sum::<Result<u64, SearchError>>()?;
    Ok((shards, filled_map(&members), bytes))
}

/// Each term's text and its encoded postings, in term order.
type Encoded<'a> = Vec<(&'a str, String)>;

/// A glossary entry as `glossary.json` and `glossary/N.json` hold it: the term, and the address
/// of its easy read page (where the answer card links in easy read).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct GlossaryEntry {
    #[serde(flatten)]
    pub(crate) term: Term,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) easy_url: Option<String>,
}

/// Writes a variant's `d/` chunks and `attrs.json`, and records `file` (with its document
/// count) in `variants`.
fn write_docs(
    docs: &[SearchDoc],
    run: &[usize],
    variant: Variant,
    vdir: &Path,
    mut file: VariantFile,
    variants: &mut BTreeMap<String, VariantFile>,
) -> Result<u64, SearchError> {
    let mine: Vec<&SearchDoc> = run.iter().map(|&i| &docs[i]).collect();
    let ddir = vdir.join("d");
    create_dir(&ddir)?;
    let mut bytes = mine
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            let extra: Vec<(&&SearchDoc, String, String)> = chunk
                .iter()
                .map(|d| (d, blurb(d), d.audience.join(",")))
                .collect();
            let rows: Vec<[&str; 6]> = extra
                .iter()
                .map(|(d, blurb, audience)| {
                    [
                        d.url.as_str(),
                        d.title.as_str(),
                        blurb.as_str(),
                        d.kind.as_str(),
                        d.level.as_deref().unwrap_or_default(),
                        audience.as_str(),
                    ]
                })
                .collect();
            write_file(&ddir.join(format!("{i}.json")), &json(&rows))
        })
        .sum::<Result<u64, SearchError>>()?;
    bytes += write_file(&vdir.join("attrs.json"), &json(&attributes(&mine)))?;
    file.docs = mine.len() as u32;
    variants.insert(variant.as_str().to_string(), file);
    Ok(bytes)
}

/// Writes `meta.json`, `glossary.json` (and one `glossary/N.json` a term), `search.js` and
/// each variant's `p/`, `d/` and `attrs.json`.
pub(crate) fn write(
    postings: &Postings,
    term_texts: &[String],
    docs: &[SearchDoc],
    runs: &[Vec<usize>; 2],
    lexicon: LexiconFile,
    terms: &[GlossaryEntry],
    dir: &Path,
) -> Result<Written, SearchError> {
    let n = postings.docs;
    let mut by_text: Vec<u32> = (0..term_texts.len() as u32).collect();
    by_text.sort_unstable_by(|a, b| term_texts[*a as usize].cmp(&term_texts[*b as usize]));
    let mut bytes = 0;
    let mut variants = BTreeMap::new();
    let mut max_shards = 0;
    // The first variant whose postings each variant's equal, so equal ones are written once.
    let mut written: Vec<(Variant, Encoded<'_>, usize, Option<String>)> = Vec::new();
    for variant in Variant::ALL {
        let vdir = dir.join(variant.as_str());
        let encoded: Encoded<'_> = by_text
            .par_iter()
            .filter_map(|t| {
                let e = postings.encode(*t, variant)?;
                Some((term_texts[*t as usize].as_str(), e))
            })
            .collect();
        let same = written.iter().find(|w| w.1 == encoded);
        let (shards, filled) = match same {
            Some((_, _, shards, filled)) => (*shards, filled.clone()),
            None => {
                let (shards, filled, b) = write_postings(&encoded, &vdir.join("p"))?;
                bytes += b;
                (shards, filled)
            }
        };
        max_shards = max_shards.max(shards);
        let file = VariantFile {
            docs: 0,
            shards: shards as u32,
            chunk: CHUNK as u32,
            filled: filled.clone(),
            postings: same.map(|w| w.0.as_str().to_string()),
        };
        bytes += write_docs(
            docs,
            &runs[variant as usize],
            variant,
            &vdir,
            file,
            &mut variants,
        )?;
        if same.is_none() {
            written.push((variant, encoded, shards, filled));
        }
    }
    drop(written);
    let meta = MetaFile {
        format: FORMAT,
        k1: 1.2,
        b: 0.75,
        fields: TEXT_FIELDS.iter().map(|s| s.to_string()).collect(),
        boosts: BOOSTS.to_vec(),
        concept_boost: CONCEPT_BOOST,
        facet_boosts: FACET_BOOSTS.to_vec(),
        weak_share: WEAK_SHARE,
        unknown_weight: UNKNOWN_WEIGHT,
        docs: n,
        avg: postings
            .totals
            .iter()
            .map(|t| *t as f32 / n.max(1) as f32)
            .collect(),
        norms: (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect(),
        variants,
        lexicon,
    };
    let bytes_meta = write_file(&dir.join("meta.json"), &json(&meta))?;
    bytes += bytes_meta;
    if !meta.lexicon.everyday.is_empty() {
        bytes += write_file(&dir.join("everyday.json"), &json(&meta.lexicon.everyday))?;
    }
    bytes += write_file(&dir.join("glossary.json"), &json(&terms))?;
    let gdir = dir.join("glossary");
    create_dir(&gdir)?;
    for (i, term) in terms.iter().enumerate() {
        bytes += write_file(&gdir.join(format!("{i}.json")), &json(term))?;
    }
    bytes += write_file(&dir.join("search.js"), SCRIPT)?;
    Ok(Written {
        terms: postings.terms_used(),
        shards: max_shards,
        bytes,
        bytes_meta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_marks_the_shards_that_have_a_file() {
        let files = |filled: &[bool]| -> Vec<Vec<usize>> {
            filled
                .iter()
                .map(|f| if *f { vec![0] } else { vec![] })
                .collect()
        };
        assert_eq!(filled_map(&files(&[true; 8])), None);
        let mut map = [true; 8];
        map[1] = false;
        map[4] = false;
        map[5] = false;
        map[6] = false;
        // Shards 0-3: bits 0, 2, 3 → d; shards 4-7: bit 3 → 8.
        assert_eq!(filled_map(&files(&map)).as_deref(), Some("d8"));
    }
}
