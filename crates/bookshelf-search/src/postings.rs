//! The postings the static index ships, gathered while the documents are analysed: the same
//! counts tantivy is handed, so the browser scores with the server's numbers without reading
//! the tantivy index back.

use tantivy::fieldnorm::FieldNormReader;

use crate::analysis::DocTerms;
use crate::model::Variant;

/// One posting list: (document-number gap, term frequency) pairs as LEB128 varints, which
/// holds the 10,000-page corpus's postings in about a quarter of the room of `(u32, u32)`s.
#[derive(Default)]
struct List {
    bytes: Vec<u8>,
    len: u32,
    last: u32,
}

impl List {
    fn push(&mut self, doc: u32, tf: u32) {
        for mut n in [doc - self.last, tf] {
            while n >= 0x80 {
                self.bytes.push((n as u8) | 0x80);
                n >>= 7;
            }
            self.bytes.push(n as u8);
        }
        self.last = doc;
        self.len += 1;
    }

    /// The (document, frequency) pairs, in order.
    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut bytes = self.bytes.iter();
        let mut next = move || {
            let mut n = 0u32;
            let mut shift = 0;
            for b in bytes.by_ref() {
                n |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    return Some(n);
                }
                shift += 7;
            }
            None
        };
        let mut doc = 0;
        std::iter::from_fn(move || {
            doc += next()?;
            Some((doc, next()?))
        })
    }
}

/// One term's postings: variant → field → list, and per field how many of the documents in
/// both variants' lists are shared ones (counted once in `df`, as tantivy counts them).
type TermLists = ([[List; 4]; 2], [u32; 4]);

/// Every term's postings per variant and field, with each document's field-norm codes.
pub(crate) struct Postings {
    /// Term → its lists.
    lists: Vec<TermLists>,
    /// Variant → document number → the one-byte field-norm code of each field.
    norms: [Vec<[u8; 4]>; 2],
    /// Tokens in each field over every document (tantivy's `total_num_tokens`).
    pub(crate) totals: [u64; 4],
    /// Documents added, both variants.
    pub(crate) docs: u64,
}

/// Appends `n` in decimal.
pub(crate) fn push_u32(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for d in &digits[i..] {
        out.push(char::from(*d));
    }
}

impl Postings {
    /// Room for `terms` terms.
    pub(crate) fn new(terms: usize) -> Self {
        Postings {
            lists: (0..terms).map(|_| Default::default()).collect(),
            norms: Default::default(),
            totals: [0; 4],
            docs: 0,
        }
    }

    /// Adds a document, which must be the next one of its variant.
    pub(crate) fn add(&mut self, variant: Variant, terms: &DocTerms) {
        self.add_to(&[variant], terms);
    }

    /// Adds a document shared by both variants (one document to tantivy), which must be the
    /// next one of each.
    pub(crate) fn add_shared(&mut self, terms: &DocTerms) {
        self.add_to(&Variant::ALL, terms);
    }

    fn add_to(&mut self, variants: &[Variant], terms: &DocTerms) {
        let locals: Vec<(usize, u32)> = variants
            .iter()
            .map(|&v| (v as usize, self.norms[v as usize].len() as u32))
            .collect();
        let shared = u32::from(variants.len() > 1);
        for (f, list) in terms.fields.iter().enumerate() {
            self.totals[f] += u64::from(terms.tokens[f]);
            for &(t, tf) in list {
                let lists = &mut self.lists[t as usize];
                for &(v, local) in &locals {
                    lists.0[v][f].push(local, tf);
                }
                lists.1[f] += shared;
            }
        }
        let norms = terms.tokens.map(FieldNormReader::fieldnorm_to_id);
        for &(v, _) in &locals {
            self.norms[v].push(norms);
        }
        self.docs += 1;
    }

    /// How many terms have a posting in any variant.
    pub(crate) fn terms_used(&self) -> usize {
        self.lists
            .iter()
            .filter(|l| l.0.iter().flatten().any(|p| p.len > 0))
            .count()
    }

    /// A term's postings in one variant as the JSON array `[field, df, n, Δdoc, tf, norm, …]`
    /// (`df` counts both variants, a shared document once, as tantivy does), or `None` when it
    /// has none there.
    pub(crate) fn encode(&self, term: u32, variant: Variant) -> Option<String> {
        let v = variant as usize;
        let (lists, shared) = &self.lists[term as usize];
        if lists[v].iter().all(|l| l.len == 0) {
            return None;
        }
        let mut out = String::from("[");
        for (f, list) in lists[v].iter().enumerate() {
            if list.len == 0 {
                continue;
            }
            if out.len() > 1 {
                out.push(',');
            }
            let df = lists[0][f].len + lists[1][f].len - shared[f];
            for (i, n) in [f as u32, df, list.len].into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_u32(&mut out, n);
            }
            let mut last = 0;
            for (local, tf) in list.iter() {
                out.push(',');
                push_u32(&mut out, local - last);
                out.push(',');
                push_u32(&mut out, tf);
                out.push(',');
                push_u32(&mut out, u32::from(self.norms[v][local as usize][f]));
                last = local;
            }
        }
        out.push(']');
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut s = String::new();
        for n in [0, 7, 10, 1234, u32::MAX] {
            push_u32(&mut s, n);
            s.push(' ');
        }
        assert_eq!(s, "0 7 10 1234 4294967295 ");
    }

    #[test]
    fn lists_keep_large_gaps_and_frequencies() {
        let mut list = List::default();
        let pairs = [(0, 1), (127, 128), (300, 70_000), (u32::MAX, u32::MAX)];
        for (doc, tf) in pairs {
            list.push(doc, tf);
        }
        assert_eq!(list.iter().collect::<Vec<_>>(), pairs);
        assert_eq!(list.len, 4);
    }

    #[test]
    fn postings_count_both_variants_in_df() {
        let mut p = Postings::new(2);
        let doc = |t: u32, tf: u32| DocTerms {
            fields: [vec![], vec![], vec![], vec![(t, tf)]],
            tokens: [0, 0, 0, tf + 1],
        };
        p.add(Variant::Standard, &doc(0, 2));
        p.add(Variant::Easy, &doc(0, 1));
        p.add(Variant::Standard, &doc(1, 1));
        p.add(Variant::Standard, &doc(0, 3));
        assert_eq!(
            p.encode(0, Variant::Standard).unwrap(),
            "[3,3,2,0,2,3,2,3,4]"
        );
        assert_eq!(p.encode(0, Variant::Easy).unwrap(), "[3,3,1,0,1,2]");
        assert_eq!(p.encode(1, Variant::Easy), None);
        assert_eq!(p.totals, [0, 0, 0, 3 + 2 + 2 + 4]);
        assert_eq!(p.terms_used(), 2);
    }
}
