//! Plain-language analysis of prose for bookshelf: sentences, words, syllables,
//! readability scores and the plain-language rules (PL and ER ids in ACCESSIBILITY.md).
//!
//! It works on plain `&str` (prose the caller has already taken out of Markdown) and
//! reports byte ranges into that string, which the caller maps to file positions.
//! The pipeline of [`analyse`]:
//!
//! 1. [`words`] finds the words: letters and digits, with inner apostrophes and hyphens.
//! 2. [`sentences`] splits the text into sentences, coping with abbreviations, numbers,
//!    initials, ellipses and quotes; a blank line is a hard break.
//! 3. [`syllables`] counts each word's syllables (rules plus an exceptions table).
//! 4. [`Readability`] turns the counts into Flesch reading ease, Flesch–Kincaid grade,
//!    reading age and SMOG, for the whole passage and for each sentence.
//! 5. The rules in [`rules()`] each add [`Finding`]s: PL1/ER3 long sentences, PL2 plainer
//!    words, PL3/ER10 abbreviations, PL6 passive voice, ER8 capitals, ER12 numbers as words.
//!    Those that know English ([`Rule::english_only`]) run only when [`Options::english`];
//!    [`rules_run`] says which run for given options.
//! 6. The [`Report`] gathers the scores, the findings (by position), the longest
//!    sentence and the hard words.
//!
//! PL5 (reading age above a limit) is left to the caller, which has the figures.
//!
//! It is also the workspace's one home for what render, search and `check` must read the same
//! way: sentence boundaries ([`sentences`](mod@sentences): `split`, and `starts` for cutting
//! rows), what a word character is ([`words`](mod@words): `is_word_char`, `is_joiner`,
//! `is_whole`), English word forms ([`forms`]: plurals, verb forms, `-ize` → `-ise`) and HTML
//! escaping ([`html`]).
#![warn(missing_docs)]

mod abbreviations;
mod analysis;
mod finding;
pub mod forms;
mod function_words;
pub mod html;
mod plain_words;
mod readability;
mod rules;
pub mod sentences;
mod syllable_exceptions;
mod syllables;
mod vowel_groups;
pub mod words;

pub use analysis::{analyse, Options, Report, SentenceReport, HARD_WORD_SYLLABLES};
pub use finding::{Finding, Rule};
pub use function_words::{is_function_phrase, is_function_word, word_class, WordClass};
pub use readability::{readability, Readability, SMOG_MIN_SENTENCES};
pub use rules::{explain, rule, rules, rules_run};
pub use sentences::split as sentences;
pub use syllables::syllables;
pub use words::{is_combining_mark, words};
