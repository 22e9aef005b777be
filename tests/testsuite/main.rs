//! End-to-end tests: each copies a fixture site to a temporary folder, runs the real
//! `bookshelf` binary on it and checks what a user would see. See `tests/README.md`.

mod cli;
mod diagnostics;
mod easy;
mod helpers;
mod incremental;
mod relevance;
mod serve;
mod serve_load;
mod serve_themes;
mod site;
mod york;
