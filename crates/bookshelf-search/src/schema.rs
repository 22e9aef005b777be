//! The tantivy schema, the field boosts and the tokenizer that hands tantivy the terms the
//! build has already counted.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

/// The name the analyser is registered under.
pub(crate) const TOKENIZER: &str = "bookshelf-terms";

/// The searched text fields, in the order the static index numbers them.
pub(crate) const TEXT_FIELDS: [&str; 4] = ["title", "headings", "summary", "body"];

/// How much a match in each of [`TEXT_FIELDS`] counts.
pub(crate) const BOOSTS: [f32; 4] = [3.0, 2.0, 1.5, 1.0];

/// The constant score a term's own glossary page gets when the query names the term.
pub(crate) const CONCEPT_BOOST: f32 = 100.0;
/// Added to a page of the kind, level and audience a query names (`strategic checklist`).
pub(crate) const FACET_BOOSTS: [f32; 3] = [40.0, 8.0, 3.0];
/// A best page that holds less than this share of what the query's words weigh (their idf)
/// is a weak answer: nothing on the site matches, and the pages found are shown as others.
pub(crate) const WEAK_SHARE: f64 = 0.5;
/// A word the site does not know weighs this much more than the heaviest word it knows.
pub(crate) const UNKNOWN_WEIGHT: f64 = 1.1;

/// Audience value indexed for pages that are for everyone.
pub(crate) const EVERYONE: &str = "*";

/// Handles on every field.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    /// The searched fields, in [`TEXT_FIELDS`] order; indexed from analysed terms, not stored.
    pub(crate) text: [Field; 4],
    /// The text shown for a hit: title, summary, body (stored, not indexed).
    pub(crate) shown: [Field; 3],
    pub(crate) url: Field,
    /// A shared document's easy read URL (see `build::Layout`).
    pub(crate) twin_url: Field,
    pub(crate) kind: Field,
    pub(crate) level: Field,
    pub(crate) audience: Field,
    pub(crate) variant: Field,
    pub(crate) concept: Field,
    pub(crate) ord: Field,
}

/// The stored fields holding [`Fields::shown`].
const SHOWN_FIELDS: [&str; 3] = ["shown_title", "shown_summary", "shown_body"];

/// Builds the schema.
pub(crate) fn schema() -> Schema {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    for name in TEXT_FIELDS {
        b.add_text_field(
            name,
            TextOptions::default().set_indexing_options(indexing.clone()),
        );
    }
    for name in SHOWN_FIELDS {
        b.add_text_field(name, STORED);
    }
    b.add_text_field("url", STORED);
    b.add_text_field("twin_url", STORED);
    b.add_text_field("kind", STRING | STORED);
    b.add_text_field("level", STRING | STORED);
    b.add_text_field("audience", STRING | STORED);
    b.add_text_field("variant", STRING);
    b.add_text_field("concept", STRING);
    b.add_u64_field("ord", FAST);
    b.build()
}

impl Fields {
    /// Looks the fields up in `schema`.
    pub(crate) fn new(schema: &Schema) -> tantivy::Result<Self> {
        let f = |n: &str| schema.get_field(n);
        Ok(Fields {
            text: [f("title")?, f("headings")?, f("summary")?, f("body")?],
            shown: [
                f(SHOWN_FIELDS[0])?,
                f(SHOWN_FIELDS[1])?,
                f(SHOWN_FIELDS[2])?,
            ],
            url: f("url")?,
            twin_url: f("twin_url")?,
            kind: f("kind")?,
            level: f("level")?,
            audience: f("audience")?,
            variant: f("variant")?,
            concept: f("concept")?,
            ord: f("ord")?,
        })
    }
}

/// Registers the terms tokenizer on an index.
pub(crate) fn register(index: &Index) {
    index
        .tokenizers()
        .register(TOKENIZER, TermsTokenizer::default());
}

/// Appends a term occurring `tf` times to a searched field's value, as [`TermsTokenizer`]
/// reads it: entries separated by spaces, each `term` or `term\0tf`.
pub(crate) fn push_entry(value: &mut String, term: &str, tf: u32) {
    if !value.is_empty() {
        value.push(' ');
    }
    value.push_str(term);
    if tf > 1 {
        value.push('\0');
        crate::postings::push_u32(value, tf);
    }
}

/// Reads the searched fields' values, already analysed by the build (`analysis`) into terms
/// and frequencies (see [`push_entry`]): the analysis runs once, for tantivy and the static
/// index alike. The searcher never analyses with it; it builds its terms itself.
#[derive(Clone, Default)]
pub(crate) struct TermsTokenizer {
    token: Token,
}

/// The tokens of one value.
pub(crate) struct TermsStream<'a> {
    rest: &'a str,
    left: u32,
    token: &'a mut Token,
}

impl Tokenizer for TermsTokenizer {
    type TokenStream<'a> = TermsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.token.position = usize::MAX;
        TermsStream {
            rest: text,
            left: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for TermsStream<'_> {
    fn advance(&mut self) -> bool {
        if self.left == 0 {
            let rest = self.rest.trim_start_matches(' ');
            if rest.is_empty() {
                return false;
            }
            let (entry, tail) = rest.split_once(' ').unwrap_or((rest, ""));
            self.rest = tail;
            let (term, tf) = entry.split_once('\0').unwrap_or((entry, "1"));
            self.left = tf.parse::<u32>().unwrap_or(1).max(1);
            self.token.text.clear();
            self.token.text.push_str(term);
        }
        self.left -= 1;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terms_tokenizer_repeats_each_term_its_frequency() {
        let mut value = String::new();
        push_entry(&mut value, "plan", 3);
        push_entry(&mut value, "~4", 1);
        push_entry(&mut value, "child", 2);
        let mut tokenizer = TermsTokenizer::default();
        let mut stream = tokenizer.token_stream(&value);
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push((stream.token().text.clone(), stream.token().position));
        }
        let texts: Vec<&str> = seen.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["plan", "plan", "plan", "~4", "child", "child"]);
        assert_eq!(seen.last().unwrap().1, 5);
        assert!(!TermsTokenizer::default().token_stream("").advance());
    }
}
