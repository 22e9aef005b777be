//! Where each document goes in the index: standard-only, shared (a made-up easy read that says
//! what its standard page says) and easy-only documents, each variant's one run.

use crate::model::{SearchDoc, Variant};

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
