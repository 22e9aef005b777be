//! End-to-end tests: each copies a fixture site to a temporary folder, runs the real
//! `bookshelf` binary on it and checks what a user would see. See `tests/README.md`.

mod allow;
mod check_languages;
mod check_yaml_text;
mod cli;
mod content_input;
mod diagnostics;
mod easy;
mod easy_ideas;
mod editors;
mod files;
mod helpers;
mod hints;
mod i18n;
mod incremental;
mod languages;
mod output;
mod publish;
mod punctuation;
mod relevance;
mod search_languages;
mod search_words;
mod sections;
mod serve;
mod serve_load;
mod serve_themes;
mod site;
mod theme;
mod york;
