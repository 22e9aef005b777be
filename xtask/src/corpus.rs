//! The corpora: the same synthetic pages laid out for each tool by `gen-corpus`, and the
//! page the rebuild test edits.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _};

/// How `gen-corpus` lays the pages out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Bookshelf,
    Mdbook,
    Hugo,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Format::Bookshelf => "bookshelf",
            Format::Mdbook => "mdbook",
            Format::Hugo => "hugo",
        }
    }
}

/// One generated corpus.
#[derive(Debug, Clone)]
pub(crate) struct Corpus {
    pub(crate) dir: PathBuf,
    /// The source file of the page that is safe to edit.
    pub(crate) edit_source: PathBuf,
    /// That page's id, which is also its URL path in every format.
    pub(crate) edit_id: String,
}

/// The seed every corpus is generated with.
pub(crate) const SEED: &str = "42";

/// `gen-corpus` in the shared folder beside the repository.
pub(crate) fn generator(workspace: &Path) -> anyhow::Result<PathBuf> {
    let path = workspace.join("../shared/bench/gen-corpus");
    if !path.is_file() {
        bail!("`gen-corpus` not found at `{}`", path.display());
    }
    Ok(path)
}

/// The command that generates a corpus (shown in BENCHMARKS.md).
pub(crate) fn command_line(pages: &str, format: Format, out: &str) -> String {
    format!(
        "python3 ../shared/bench/gen-corpus --pages {pages} --out {out} --format {} --seed {SEED}",
        format.as_str()
    )
}

/// Generates `pages` pages in `format` under `dir`, reusing an earlier identical run.
pub(crate) fn generate(
    gen: &Path,
    dir: &Path,
    pages: usize,
    format: Format,
) -> anyhow::Result<Corpus> {
    let marker = dir.join(".gen-corpus.json");
    let reusable = read_marker(&marker)
        .map(|m| m["pages"] == pages && m["format"] == format.as_str() && m["seed"] == SEED)
        .unwrap_or(false);
    if !reusable {
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create `{}`", parent.display()))?;
        }
        let status = Command::new("python3")
            .arg(gen)
            .args([
                "--pages",
                &pages.to_string(),
                "--format",
                format.as_str(),
                "--seed",
                SEED,
                "--force",
            ])
            .arg("--out")
            .arg(dir)
            .status()
            .context("could not run `python3` for gen-corpus")?;
        if !status.success() {
            bail!(
                "gen-corpus failed for {pages} {} pages ({status})",
                format.as_str()
            );
        }
    }
    if format == Format::Bookshelf {
        adapt_bookshelf(dir)?;
    }
    let m = read_marker(&marker)?;
    let source = m["edit_page"]["source"]
        .as_str()
        .context("gen-corpus marker has no `edit_page.source`")?;
    let id = m["edit_page"]["id"]
        .as_str()
        .context("gen-corpus marker has no `edit_page.id`")?;
    Ok(Corpus {
        dir: dir.to_path_buf(),
        edit_source: dir.join(source),
        edit_id: id.to_string(),
    })
}

/// Brings gen-corpus's bookshelf layout in line with docs/content-contract.md, which the
/// build enforces: `title` and `language` belong in a `[book]` table, and checklist items
/// whose text repeats within a checklist need ids of their own. Safe to run twice.
fn adapt_bookshelf(dir: &Path) -> anyhow::Result<()> {
    let rewrite = |path: &Path, f: &dyn Fn(&str) -> String| -> anyhow::Result<()> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read `{}`", path.display()))?;
        let new = f(&text);
        if new != text {
            std::fs::write(path, new)
                .with_context(|| format!("could not write `{}`", path.display()))?;
        }
        Ok(())
    };
    rewrite(&dir.join("book.toml"), &book_table)?;
    let checklists = dir.join("content/checklists");
    for entry in std::fs::read_dir(&checklists)
        .with_context(|| format!("could not list `{}`", checklists.display()))?
    {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            rewrite(&path, &item_ids)?;
        }
    }
    Ok(())
}

/// Puts top-level keys of a `book.toml` under `[book]`.
pub(crate) fn book_table(toml: &str) -> String {
    if toml.trim_start().starts_with('[') {
        return toml.to_string();
    }
    format!("[book]\n{toml}")
}

/// Gives every checklist item written `- text: …` an id `item-N`, numbered in the file.
pub(crate) fn item_ids(yaml: &str) -> String {
    let mut n = 0;
    let mut out = String::with_capacity(yaml.len() + yaml.len() / 8);
    for line in yaml.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        match line.trim_start().strip_prefix("- text: ") {
            Some(rest) => {
                n += 1;
                let pad = &line[..indent];
                out.push_str(&format!("{pad}- id: item-{n}\n{pad}  text: {rest}"));
            }
            None => out.push_str(line),
        }
    }
    out
}

fn read_marker(path: &Path) -> anyhow::Result<serde_json::Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read `{}`", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("`{}` is not JSON", path.display()))
}

/// A bookshelf corpus with search turned off, to time the build without the index.
pub(crate) fn without_search(gen: &Path, dir: &Path, pages: usize) -> anyhow::Result<Corpus> {
    let corpus = generate(gen, dir, pages, Format::Bookshelf)?;
    let book = dir.join("book.toml");
    let text = std::fs::read_to_string(&book)
        .with_context(|| format!("could not read `{}`", book.display()))?;
    if !text.contains("[search]") {
        let text = format!("{}\n[search]\nenabled = false\n", text.trim_end());
        std::fs::write(&book, text)
            .with_context(|| format!("could not write `{}`", book.display()))?;
    }
    Ok(corpus)
}

/// Remembers a source file's text and puts it back when dropped, so that edits made by
/// the rebuild test do not leak into later builds.
pub(crate) struct Restore {
    path: PathBuf,
    text: Vec<u8>,
}

impl Restore {
    pub(crate) fn new(path: &Path) -> anyhow::Result<Self> {
        let text =
            std::fs::read(path).with_context(|| format!("could not read `{}`", path.display()))?;
        Ok(Restore {
            path: path.to_path_buf(),
            text,
        })
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.path, &self.text);
    }
}

/// Appends a paragraph holding `marker` to a Markdown source in one write.
pub(crate) fn append_sentence(path: &Path, marker: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("could not open `{}`", path.display()))?;
    file.write_all(format!("\n\nThe benchmark added this sentence {marker}.\n").as_bytes())
        .with_context(|| format!("could not write `{}`", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_book_keys_move_under_a_table_once() {
        let fixed = book_table("title = \"T\"\nlanguage = \"en-GB\"\n");
        assert_eq!(fixed, "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\n");
        assert_eq!(book_table(&fixed), fixed);
    }

    #[test]
    fn checklist_items_get_numbered_ids_once() {
        let yaml = "sections:\n  - title: \"A\"\n    items:\n      - text: \"Agree\"\n        why: \"x\"\n      - text: \"Agree\"\n";
        let fixed = item_ids(yaml);
        assert_eq!(
            fixed,
            "sections:\n  - title: \"A\"\n    items:\n      - id: item-1\n        text: \"Agree\"\n        why: \"x\"\n      - id: item-2\n        text: \"Agree\"\n"
        );
        assert_eq!(item_ids(&fixed), fixed);
    }
}
