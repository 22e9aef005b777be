//! The tantivy schema, the field boosts and the tokenizer that plugs the lexicon into tantivy.

use std::sync::Arc;

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

use crate::lexicon::Lexicon;

/// The name the analyser is registered under.
pub(crate) const TOKENIZER: &str = "bookshelf";

/// The searched text fields, in the order the static index numbers them.
pub(crate) const TEXT_FIELDS: [&str; 4] = ["title", "headings", "summary", "body"];

/// How much a match in each of [`TEXT_FIELDS`] counts.
pub(crate) const BOOSTS: [f32; 4] = [3.0, 2.0, 1.5, 1.0];

/// The constant score a term's own glossary page gets when the query names the term.
pub(crate) const CONCEPT_BOOST: f32 = 100.0;

/// Audience value indexed for pages that are for everyone.
pub(crate) const EVERYONE: &str = "*";

/// Handles on every field.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) text: [Field; 4],
    pub(crate) url: Field,
    pub(crate) kind: Field,
    pub(crate) level: Field,
    pub(crate) audience: Field,
    pub(crate) variant: Field,
    pub(crate) concept: Field,
    pub(crate) ord: Field,
}

/// Builds the schema.
pub(crate) fn schema() -> Schema {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    for name in TEXT_FIELDS {
        let mut opts = TextOptions::default().set_indexing_options(indexing.clone());
        if name != "headings" {
            opts = opts.set_stored();
        }
        b.add_text_field(name, opts);
    }
    b.add_text_field("url", STRING | STORED);
    b.add_text_field("kind", STRING | STORED);
    b.add_text_field("level", STRING | STORED);
    b.add_text_field("audience", STRING | STORED);
    b.add_text_field("variant", STRING);
    b.add_text_field("concept", STRING);
    b.add_u64_field("ord", FAST | STORED);
    b.build()
}

impl Fields {
    /// Looks the fields up in `schema`.
    pub(crate) fn new(schema: &Schema) -> tantivy::Result<Self> {
        let f = |n: &str| schema.get_field(n);
        Ok(Fields {
            text: [f("title")?, f("headings")?, f("summary")?, f("body")?],
            url: f("url")?,
            kind: f("kind")?,
            level: f("level")?,
            audience: f("audience")?,
            variant: f("variant")?,
            concept: f("concept")?,
            ord: f("ord")?,
        })
    }
}

/// Registers the analyser on an index.
pub(crate) fn register(index: &Index, lexicon: Arc<Lexicon>) {
    index.tokenizers().register(
        TOKENIZER,
        LexiconTokenizer {
            lexicon,
            tokens: Vec::new(),
        },
    );
}

/// The lexicon's analysis as a tantivy tokenizer.
#[derive(Clone)]
pub(crate) struct LexiconTokenizer {
    lexicon: Arc<Lexicon>,
    /// Reused between texts so each token's string keeps its buffer.
    tokens: Vec<Token>,
}

/// The tokens of one text.
pub(crate) struct LexiconTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for LexiconTokenizer {
    type TokenStream<'a> = LexiconTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let tokens = &mut self.tokens;
        let mut used = 0;
        self.lexicon.analyze(text, |term, from, to| {
            if used == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[used];
            token.offset_from = from;
            token.offset_to = to;
            token.position = used;
            token.position_length = 1;
            token.text.clear();
            token.text.push_str(term);
            used += 1;
        });
        LexiconTokenStream {
            tokens: &mut self.tokens[..used],
            next: 0,
        }
    }
}

impl TokenStream for LexiconTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
