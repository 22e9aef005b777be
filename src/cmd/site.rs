//! The build pipeline shared by `build`, `serve` and `check`: load, render, index, swap in.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use bookshelf_content::report::{render_all, Format};
use bookshelf_content::{Book, Loaded, Loader};
use bookshelf_render::{Renderer, Variant};

use crate::shell::Shell;

/// What a build did.
pub(crate) struct Built {
    pub(crate) pages: usize,
    pub(crate) files: usize,
}

/// Map rendered text into search documents.
pub(crate) fn search_docs(
    texts: Vec<bookshelf_render::PageText>,
) -> Vec<bookshelf_search::SearchDoc> {
    texts
        .into_iter()
        .map(|t| bookshelf_search::SearchDoc {
            url: t.route,
            title: t.title,
            headings: t.headings,
            summary: t.summary,
            body: t.body,
            kind: t.kind,
            audience: t.audience,
            level: t.level,
            variant: match t.variant {
                Variant::Standard => bookshelf_search::Variant::Standard,
                Variant::Easy => bookshelf_search::Variant::Easy,
            },
        })
        .collect()
}

/// Build one language's search index into `dir/search/` (each language's site has its own,
/// from its own texts), with the editor's everyday words for this language
/// (`content/search-words.yaml`, or `search-words.LANG.yaml` for a translation).
pub(crate) fn search_index_with(
    book: &Book,
    lang: &str,
    docs: &[bookshelf_search::SearchDoc],
    terms: &[bookshelf_search::Term],
    dir: &Path,
) -> Result<bookshelf_search::IndexStats, bookshelf_search::SearchError> {
    tracing::debug!("search index in `{lang}`");
    dump_search_input(lang, docs, terms);
    let rules = book
        .search_words
        .rules
        .iter()
        .map(|r| (r.phrase.clone(), r.words.join(" ")));
    bookshelf_search::build_in(
        docs,
        terms,
        dir,
        &bookshelf_search::Language::from_tag(lang).with_everyday(rules),
    )
}

/// An editor's everyday words that would do nothing (only little words, or what the built-in
/// list already says), in every language's file: warnings at the rule's key.
pub(crate) fn search_word_warnings(book: &Book) -> Vec<bookshelf_content::Diagnostic> {
    let own = std::iter::once((book.config.book.language.as_str(), &book.search_words));
    let others = book
        .search_words_in
        .iter()
        .map(|(lang, w)| (lang.as_str(), w));
    let mut out = Vec::new();
    for (lang, words) in own.chain(others) {
        let (Some(path), language) = (&words.path, bookshelf_search::Language::from_tag(lang))
        else {
            continue;
        };
        for r in &words.rules {
            let also = r.words.join(" ");
            if let Some((why, help)) =
                bookshelf_search::everyday_problem(&language, &r.phrase, &also)
            {
                let end = r.at + r.phrase.len();
                out.push(
                    bookshelf_content::Diagnostic::warning(
                        "search-words-no-effect",
                        format!("`{}` does nothing: {why}", r.phrase),
                    )
                    .at(path, r.at..end)
                    .help(help),
                );
            }
        }
    }
    out
}

/// With `BOOKSHELF_SEARCH_DOCS=FOLDER` set, writes what the index is built from to
/// `FOLDER/LANG.json` (`{"docs": [...], "terms": [...]}`): how the York relevance fixture of
/// the search crate is made (`crates/bookshelf-search/tests/data/`).
fn dump_search_input(
    lang: &str,
    docs: &[bookshelf_search::SearchDoc],
    terms: &[bookshelf_search::Term],
) {
    let Some(folder) = std::env::var_os("BOOKSHELF_SEARCH_DOCS") else {
        return;
    };
    let path = Path::new(&folder).join(format!("{lang}.json"));
    let json = serde_json::json!({ "docs": docs, "terms": terms });
    if let Err(e) = std::fs::write(&path, format!("{json:#}\n")) {
        tracing::warn!("could not write {}: {e}", path.display());
    }
}

/// The glossary as the search index wants it.
pub(crate) fn search_terms(book: &Book) -> Vec<bookshelf_search::Term> {
    book.glossary
        .terms
        .iter()
        .map(|t| bookshelf_search::Term {
            term: t.term.clone(),
            url: t.route.clone(),
            abbreviations: t.abbreviations.clone(),
            aliases: t.aliases.clone(),
            plain: t.plain.clone(),
            easy: t.easy.clone(),
            say_instead: t.say_instead.clone(),
        })
        .collect()
}

/// A status line, only once a build has run for over a second (small builds stay quiet).
pub(crate) fn progress(shell: &Shell, start: Instant, verb: &str, message: &str) {
    if start.elapsed().as_secs_f64() > 1.0 {
        shell.status(verb, message);
    }
}

/// Render a loaded book into `dir` (a fresh folder) with its search index, in every
/// language: the book's own at the root, each of `[languages]` under `LANG/`.
pub(crate) fn render_into(
    book: &Book,
    renderer: &Renderer,
    dir: &Path,
    shell: &Shell,
) -> anyhow::Result<Built> {
    let mut built = render_language(book, renderer, dir, shell)?;
    for lang in book.config.languages.keys() {
        let seen = book.in_language(lang);
        let more = render_language(&seen, renderer, &dir.join(lang), shell)?;
        built.pages += more.pages;
        built.files += more.files;
    }
    // Last, as it lists (and hashes) every file of every language.
    bookshelf_render::offline::write_for(book, dir)?;
    Ok(built)
}

/// Render one language's site (`book` as [`Book::in_language`] gives it) into `dir`.
fn render_language(
    book: &Book,
    renderer: &Renderer,
    dir: &Path,
    shell: &Shell,
) -> anyhow::Result<Built> {
    let begun = Instant::now();
    if !book.config.search.enabled {
        let rendered = renderer.render(book, dir)?;
        let (pages, files) = (rendered.texts.len(), rendered.files);
        rendered_status(shell, begun, pages, files);
        return Ok(Built { pages, files });
    }
    // The search index is built from the pages' texts (quick to get, without rendering) on a
    // thread pool of its own while the pages render: each fills the cores the other leaves
    // idle (the index's writer is one thread; rendering waits on the file system).
    let terms = search_terms(book);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .thread_name(|i| format!("search-{i}"))
        .build()
        .context("could not start the search index's threads")?;
    let (files, (pages, indexed)) = renderer.render_with(book, dir, |texts| {
        let start = Instant::now();
        let pages = texts.len();
        let docs = search_docs(texts);
        let lang = &book.config.book.language;
        let built = pool.install(|| search_index_with(book, lang, &docs, &terms, dir));
        tracing::debug!("search index in {:.0?}", start.elapsed());
        (pages, built)
    })?;
    rendered_status(shell, begun, pages, files);
    indexed.context("could not build the search index")?;
    progress(
        shell,
        begun,
        "Indexed",
        &format!("{pages} pages for search"),
    );
    Ok(Built { pages, files })
}

fn rendered_status(shell: &Shell, begun: Instant, pages: usize, files: usize) {
    tracing::debug!("rendered {files} files in {:.0?}", begun.elapsed());
    progress(
        shell,
        begun,
        "Rendered",
        &format!("{pages} pages in {:.1?}", begun.elapsed()),
    );
}

/// Show diagnostics; true if any was an error.
pub(crate) fn report(loaded: &Loaded, shell: &Shell, format: Format) -> bool {
    if !loaded.diagnostics.is_empty() {
        let text = render_all(&loaded.diagnostics, &loaded.sources, format, shell.color());
        shell.diagnostics(&text);
    }
    loaded.has_errors()
}

/// A full, atomic build of `root` into `out`. `Ok(None)` when the content has errors.
pub(crate) fn build(root: &Path, out: &Path, shell: &Shell) -> anyhow::Result<Option<Built>> {
    let start = Instant::now();
    // Held until the build ends: no other build or `serve` writes `out` meanwhile.
    let lock = bookshelf_render::output::OutputLock::acquire(out)?;
    let _held = crate::memory::HoldFreed::new();
    let loaded = Loader::new(root).load();
    tracing::debug!("loaded in {:.0?}", start.elapsed());
    if let Some(book) = &loaded.book {
        progress(
            shell,
            start,
            "Loaded",
            &format!(
                "{} pages and {} checklists",
                book.pages.len(),
                book.checklists.len()
            ),
        );
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let book = match loaded.book {
        Some(book) if errors == 0 => book,
        _ => {
            report(&loaded, shell, Format::Human);
            shell.error(&format!(
                "could not build: {errors} error{} (nothing was written)",
                if errors == 1 { "" } else { "s" }
            ));
            return Ok(None);
        }
    };
    // The sources were kept only to show diagnostics: free them before the heavy work.
    drop(loaded.sources);
    let renderer = Renderer::new(root)?;
    let staging = lock.stage()?;
    let built = render_into(&book, &renderer, staging.dir(), shell)?;
    let replaced = staging.commit()?;
    // The process ends with the build: leave the book's memory to the system rather than
    // free its every string (tens of milliseconds at 10,000 pages).
    std::mem::forget(book);
    tracing::debug!("swapped in at {:.0?}", start.elapsed());
    shell.status(
        "Built",
        &format!(
            "{} pages ({} files) into `{}` in {:.2?}",
            built.pages,
            built.files,
            out.display(),
            start.elapsed()
        ),
    );
    if let Some(old) = replaced.into_path() {
        remove_later(old);
    }
    Ok(Some(built))
}

/// Removes the site a build replaced in a process of its own, at the lowest priority, so the
/// build ends as soon as the new site is in place: removing thousands of files can take
/// longer than the build (a thread would die with the build's process). If it cannot be
/// started, the site is removed now; if it is stopped, the next build removes what is left.
fn remove_later(old: PathBuf) {
    let spawned = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg(super::REMOVE_REPLACED_SITE)
            .arg(&old)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    });
    if let Err(e) = spawned {
        tracing::debug!("removing `{}` now: {e}", old.display());
        let _ = bookshelf_render::output::remove_replaced(&old);
    }
}

/// The output folder: `--out`, or `site/` in the root.
pub(crate) fn out_dir(root: &Path, out: Option<PathBuf>) -> PathBuf {
    out.unwrap_or_else(|| root.join("site"))
}
