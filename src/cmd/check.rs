//! `bookshelf check`: every content error and plain-language warning, with a per-page summary.

use std::path::PathBuf;

use bookshelf_content::report::{json_value, render_all, Format};
use bookshelf_content::Loader;

use crate::shell::Shell;
use crate::Outcome;

/// How to print the findings.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// The source line with a caret, and a summary per page.
    Human,
    /// One line per finding: `path:line:col: level[code]: message`.
    Short,
    /// A stable JSON document (see the README).
    Json,
    /// GitHub workflow annotations.
    Github,
}

/// Arguments of `bookshelf check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The book folder (with `book.toml`).
    #[arg(long)]
    root: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Print the documentation of a rule (`PL1`, `passive-voice`, …) and stop.
    #[arg(long, value_name = "CODE")]
    explain: Option<String>,
}

fn explain(code: &str, shell: &Shell) -> anyhow::Result<Outcome> {
    let local = match code {
        "PL5" => Some("## PL5 reading age\n\n**What it finds:** a page of 100 words or more whose reading age (Flesch–Kincaid grade + 5) is above `max_reading_age` (11).\n\n**Why it matters:** GOV.UK and the NHS write for a reading age of 9 to 11 so that most adults can read every page.\n\n**Example:** swap long words for short ones (\"approximately\" → \"about\") and split long sentences.\n"),
        "ER5" => Some("## ER5 symbol for every idea\n\n**What it finds:** an easy-read sentence in which no word has a symbol.\n\n**Why it matters:** easy-read readers use the picture beside each line to follow it.\n\n**Example:** add `meeting: handshake` to `content/symbols.yaml`.\n"),
        "ER17" => Some("## ER17 short easy read\n\n**What it finds:** an easy-read page of more than 1,000 words.\n\n**Why it matters:** long easy-read documents tire readers; split them.\n"),
        "easy-read-missing" => Some("## easy-read-missing\n\n**What it finds:** a page with no hand-written `NAME.easy.md`.\n\n**Why it matters:** the site makes an easy read automatically, one sentence per line with symbols, but a person writes better easy read than a program.\n"),
        "item-id-missing" => Some("## item-id-missing\n\n**What it finds:** a checklist item without `id:`.\n\n**Why it matters:** readers' ticks are kept by id; without one, rewording the item loses its tick.\n"),
        "allow-unused" => Some("## allow-unused\n\n**What it finds:** an allow (`<!-- allow PL2: reason -->` or an `allow:` key) that no warning matches any more.\n\n**Why it matters:** a forgotten allow would hide the next real problem in its place.\n\n**Example:** remove it, or fix the rule name to the code `check` prints.\n"),
        "allow-reason-missing" => Some("## allow-reason-missing\n\n**What it finds:** an allow that does not say why the rule does not fit.\n\n**Why it matters:** the next editor needs the reason to know whether the exception still holds.\n\n**Example:** `<!-- allow PL2: this page explains these words -->`.\n"),
        "yaml-hash-in-text" => Some("## yaml-hash-in-text\n\n**What it finds:** `#` in unquoted YAML text, which YAML reads as the start of a comment: the words after it are lost.\n\n**Why it matters:** the title or summary readers see is cut short, with no other sign.\n\n**Example:** `summary: \"Room #4 is upstairs\"`.\n"),
        "unknown-symbol" => Some("## unknown-symbol\n\n**What it finds:** a symbol name that is not in the symbol set.\n\n**Why it matters:** the picture will be missing from easy-read pages.\n"),
        _ => None,
    };
    let local = bookshelf_render::easy_check::explain(code).or(local);
    match local.or_else(|| bookshelf_text::explain(code)) {
        Some(doc) => {
            shell.out(doc);
            Ok(Outcome::Ok)
        }
        None => Err(super::UsageError(format!("there is no rule called `{code}`")).into()),
    }
}

pub(crate) fn run(args: Args, shell: &Shell) -> anyhow::Result<Outcome> {
    if let Some(code) = &args.explain {
        return explain(code, shell);
    }
    let root = crate::root_or_cwd(args.root);
    let mut loaded = Loader::new(&root).load();
    let mut diags = loaded.diagnostics.clone();
    let mut pages = Vec::new();
    if let Some(book) = &loaded.book {
        let (warnings, summaries) = bookshelf_render::check::check(book, &loaded.sources);
        diags.extend(warnings);
        diags.extend(super::site::search_word_warnings(book));
        pages = summaries;
        // The theme's words in the book's language: keys missing or misspelt in its files
        // (a theme that does not load is reported below).
        if let Ok(loc) = bookshelf_render::Renderer::new(&root)
            .and_then(|r| r.localized(&book.config.book.language))
        {
            diags.extend(
                loc.strings
                    .diagnostics(&root, std::sync::Arc::make_mut(&mut loaded.sources)),
            );
        }
    }
    // The theme is loaded and every page rendered, as `build` would: a broken template fails
    // `check` at its line, not the next build.
    let mut sources = (*loaded.sources).clone();
    for e in bookshelf_render::check::theme(&root, loaded.book.as_ref())? {
        sources.insert(&e.path, e.text.clone());
        diags.push(e.diagnostic());
    }
    let loaded = bookshelf_content::Loaded {
        sources: std::sync::Arc::new(sources),
        ..loaded
    };
    // Warnings allowed on purpose (`<!-- allow PL2: reason -->`, `allow:` keys) leave the count.
    let allowed = bookshelf_content::allow::apply(&mut diags, &loaded.sources);
    bookshelf_content::diagnostic::sort(&mut diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match args.format {
        CheckFormat::Json => {
            let doc = serde_json::json!({
                "version": 1,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diags.iter().map(|d| json_value(d, &loaded.sources)).collect::<Vec<_>>(),
                "pages": pages,
                "allowed": allowed,
            });
            shell.out(&(serde_json::to_string_pretty(&doc)? + "\n"));
        }
        CheckFormat::Github => {
            shell.out(&render_all(&diags, &loaded.sources, Format::Github, false))
        }
        CheckFormat::Short => shell.out(&render_all(&diags, &loaded.sources, Format::Short, false)),
        CheckFormat::Human => {
            shell.diagnostics(&render_all(
                &diags,
                &loaded.sources,
                Format::Human,
                shell.color(),
            ));
            if !pages.is_empty() {
                let mut table =
                    String::from("\nPage summary (reading age = Flesch–Kincaid grade + 5):\n");
                table.push_str(&format!(
                    "{:<58} {:>6} {:>7} {:>8}  hard words\n",
                    "file", "words", "age", "longest"
                ));
                for p in &pages {
                    let name = &p.file;
                    // Flesch–Kincaid is an English formula: no age for other languages.
                    let age = p.reading_age.map_or("-".into(), |a| format!("{a:.1}"));
                    table.push_str(&format!(
                        "{:<58} {:>6} {:>7} {:>8}  {}\n",
                        name,
                        p.words,
                        age,
                        p.longest_sentence_words,
                        p.hard_words
                            .iter()
                            .take(4)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                table.push_str(&rules_by_language(&pages));
                table.push_str(&easy_reads_made(&pages));
                shell.diagnostics(&table);
            }
            shell.diagnostics(&allowed_summary(&allowed));
            shell.diagnostics(&format!(
                "\n{errors} error{}, {warnings} warning{}\n",
                plural(errors),
                plural(warnings)
            ));
        }
    }
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    })
}

/// How each hand-written easy read was made and who checked it: a note for editors, which
/// the pages no longer show their readers (they see only who checked it; issue 22).
fn easy_reads_made(pages: &[bookshelf_render::check::PageSummary]) -> String {
    let made: Vec<(&str, &str)> = pages
        .iter()
        .filter_map(|p| Some((p.file.as_str(), p.easy_read.as_deref()?)))
        .collect();
    if made.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\nEasy read written by hand (readers see who checked it; add `checked_by: NAME` to the front matter once checked):\n",
    );
    for (file, how) in made {
        out.push_str(&format!("  {file:<56} {how}\n"));
    }
    out
}

/// Which rules ran on the pages of each language, standard and easy read: empty when every
/// page is in one English language, where all of them ran.
fn rules_by_language(pages: &[bookshelf_render::check::PageSummary]) -> String {
    use std::collections::BTreeMap;
    let mut by: BTreeMap<&str, [Vec<&str>; 2]> = BTreeMap::new();
    for p in pages {
        let lists = by.entry(&p.language).or_default();
        let list = &mut lists[usize::from(p.variant == "easy")];
        for id in &p.rules {
            if !list.contains(id) {
                list.push(id);
            }
        }
    }
    let only_english = by.len() == 1 && by.keys().all(|l| bookshelf_render::check::is_english(l));
    if by.is_empty() || only_english {
        return String::new();
    }
    let mut text = String::from(
        "\nRules run in each language (the rules that know English run on English only):\n",
    );
    for (lang, [standard, easy]) in &by {
        let mut parts = Vec::new();
        if !standard.is_empty() {
            parts.push(format!("standard {}", standard.join(" ")));
        }
        if !easy.is_empty() {
            parts.push(format!("easy read {}", easy.join(" ")));
        }
        text.push_str(&format!("  {lang:<8} {}\n", parts.join("; ")));
    }
    text
}

/// The warnings allowed on purpose, one line per allow and rule: where, how many, and why.
fn allowed_summary(allowed: &[bookshelf_content::allow::Allowed]) -> String {
    use std::collections::BTreeMap;
    if allowed.is_empty() {
        return String::new();
    }
    let mut by: BTreeMap<(&str, &str, &str), (usize, usize)> = BTreeMap::new();
    for a in allowed {
        let e = by
            .entry((&a.file, &a.code, &a.reason))
            .or_insert((a.line, 0));
        e.1 += 1;
    }
    let mut text = format!(
        "\nAllowed on purpose ({} warning{}, not counted):\n",
        allowed.len(),
        plural(allowed.len())
    );
    for ((file, code, reason), (line, n)) in by {
        let reason = if reason.is_empty() {
            "no reason given"
        } else {
            reason
        };
        text.push_str(&format!("  {file}:{line}: {code} ×{n}: {reason}\n"));
    }
    text
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
