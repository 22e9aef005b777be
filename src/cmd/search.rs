//! `bookshelf search`: query the built index from the terminal; also the results HTML that
//! `serve` puts into the search page.

use std::path::{Path, PathBuf};

use bookshelf_search::{Query, Results, Searcher, Variant};

use crate::shell::Shell;
use crate::Outcome;

/// Arguments of `bookshelf search`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// What to look for.
    query: String,
    /// The book folder (with `book.toml`).
    #[arg(long)]
    root: Option<PathBuf>,
    /// The built site (default: `site/` in the root).
    #[arg(long)]
    out: Option<PathBuf>,
    /// `human` (default) or `json`.
    #[arg(long, default_value = "human", value_parser = ["human", "json"])]
    format: String,
    /// How many results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Search the easy-read pages.
    #[arg(long)]
    easy: bool,
    /// Only checklists of this level (individual, operational, strategic).
    #[arg(long, value_parser = ["individual", "operational", "strategic"])]
    level: Option<String>,
    /// Only pages for this audience (staff, parents, young-people).
    #[arg(long, value_parser = ["staff", "parents", "young-people"])]
    audience: Option<String>,
    /// Search the pages in this language (a tag in `book.toml`; default: the book's language).
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Only pages of this kind: `home`, `page`, `model`, `guide`, `checklist`, `glossary`,
    /// or the folder of a section `book.toml` adds (`local-help`).
    #[arg(long)]
    kind: Option<String>,
}

/// The folder holding the index of language `lang` in `site`: the site itself for the book's
/// language, `site/TAG/` for another in `[languages]` (as `book.toml` spells the tag).
fn language_site(root: &Path, site: PathBuf, lang: &str) -> anyhow::Result<PathBuf> {
    let config = bookshelf_content::read_config(root).map_err(|diags| {
        let why = diags.first().map_or(String::new(), |d| format!(": {}", d.message));
        super::UsageError(format!(
            "`--lang {lang}` needs the book's languages, but `book.toml` in `{}` could not be read{why}",
            root.display()
        ))
    })?;
    if config.book.language.eq_ignore_ascii_case(lang) {
        return Ok(site);
    }
    if let Some(tag) = config
        .languages
        .keys()
        .find(|t| t.eq_ignore_ascii_case(lang))
    {
        return Ok(site.join(tag));
    }
    let mut known = vec![format!("`{}`", config.book.language)];
    known.extend(config.languages.keys().map(|t| format!("`{t}`")));
    Err(super::UsageError(format!(
        "the book has no language `{lang}`; its languages are {}",
        known.join(", ")
    ))
    .into())
}

pub(crate) fn run(args: Args, shell: &Shell) -> anyhow::Result<Outcome> {
    let root = crate::root_or_cwd(args.root);
    let mut site = super::site::out_dir(&root, args.out);
    if let Some(lang) = &args.lang {
        site = language_site(&root, site, lang)?;
    }
    if !site.join("search/index").is_dir() {
        return Err(super::UsageError(format!(
            "there is no search index in `{}`; run `bookshelf build` first (or pass `--out`)",
            site.display()
        ))
        .into());
    }
    let searcher = Searcher::open(&site)?;
    let query = Query {
        text: args.query.clone(),
        limit: args.limit,
        variant: if args.easy {
            Variant::Easy
        } else {
            Variant::Standard
        },
        level: args.level,
        audience: args.audience,
        kind: args.kind,
    };
    let results = searcher.search(&query)?;
    if args.format == "json" {
        let hits: Vec<_> = results
            .hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "title": h.title, "url": format!("/{}", h.url), "snippet": h.snippet,
                    "score": h.score, "kind": h.kind, "level": h.level, "audience": h.audience,
                })
            })
            .collect();
        shell.out(&(serde_json::to_string_pretty(&hits)? + "\n"));
        return Ok(Outcome::Ok);
    }
    let mut out = String::new();
    if let Some(c) = &results.corrected {
        out.push_str(&format!("Showing results for “{c}”\n\n"));
    }
    if let Some(a) = &results.answer {
        out.push_str(&format!("{}: {}\n  /{}\n\n", a.term, a.definition, a.url));
    }
    for (i, h) in results.hits.iter().enumerate() {
        out.push_str(&format!(
            "{}. {} ({})\n   /{}\n   {}\n\n",
            i + 1,
            h.title,
            h.kind,
            h.url,
            h.snippet
        ));
    }
    if !results.others.is_empty() {
        out.push_str(&format!(
            "Nothing on the bookshelf matches “{}”. Try the glossary A to Z (/glossary/) or \
             the section lists on the home page (/).\n\nOther pages that mention these words:\n\n",
            args.query
        ));
        for h in &results.others {
            out.push_str(&format!("- {} ({})\n  /{}\n", h.title, h.kind, h.url));
        }
    } else if results.hits.is_empty() {
        out.push_str("No results. Try fewer or different words.\n");
    }
    shell.out(&out);
    Ok(Outcome::Ok)
}

/// The title of the section of pages whose folder is `kind` (the kind of its pages'
/// search results), in the book's language.
fn section_title(config: &bookshelf_content::Config, kind: &str) -> Option<String> {
    let lang = &config.book.language;
    let default = config.book.source_language.as_deref().unwrap_or(lang);
    config
        .sections
        .iter()
        .find(|s| s.folder == kind && s.kind == bookshelf_content::SectionKind::Pages)
        .and_then(|s| s.title_in(lang, default))
        .map(str::to_string)
}

fn esc(s: &str) -> String {
    bookshelf_text::html::escape_attr(s)
}

/// The results as HTML for the search page; links are relative to `search/` in its variant.
/// Its words are the theme's `strings`, in the book's language; a page of a section that
/// `book.toml` adds is labelled with the section's title from `config`.
pub(crate) fn results_html(
    results: &Results,
    query: &str,
    to_root: &str,
    strings: &bookshelf_render::Strings,
    config: &bookshelf_content::Config,
) -> String {
    let mut html = String::new();
    if let Some(c) = &results.corrected {
        html.push_str(&format!(
            "<p class=\"search-corrected\">{} <strong>{}</strong>.</p>",
            esc(strings.get("search_showing_results_for")),
            esc(c)
        ));
    }
    if let Some(a) = &results.answer {
        html.push_str(&format!(
            "<section class=\"search-answer\" aria-labelledby=\"answer-title\"><h2 id=\"answer-title\"><a href=\"{to_root}{}\">{}</a></h2><p>{}</p></section>",
            esc(&a.url), esc(&a.term), esc(&a.definition)
        ));
    }
    if !results.others.is_empty() {
        // An honest answer: nothing matches; where to look; the weak matches apart.
        let strong = format!("<strong>{}</strong>", esc(query));
        html.push_str(&format!(
            "<p class=\"search-nothing\">{}</p><ul class=\"search-suggest\"><li><a href=\"{to_root}glossary/\">{}</a></li><li><a href=\"{to_root}\">{}</a></li></ul><h2 id=\"results-title\">{}</h2>",
            esc(strings.get("search_nothing_matches")).replace("{query}", &strong),
            esc(strings.get("search_try_glossary")),
            esc(strings.get("search_try_sections")),
            esc(strings.get("search_other_pages")),
        ));
        hit_list(&mut html, &results.others, to_root, strings, config);
        return html;
    }
    if results.hits.is_empty() {
        let strong = format!("<strong>{}</strong>", esc(query));
        html.push_str(&format!(
            "<p>{}</p>",
            esc(strings.get("search_nothing_found")).replace("{query}", &strong)
        ));
        return html;
    }
    html.push_str(&format!(
        "<h2 id=\"results-title\">{}</h2>",
        esc(&strings.count("search_results_count", results.total, &[]))
    ));
    hit_list(&mut html, &results.hits, to_root, strings, config);
    html
}

/// The `<ol>` of hits, for the results or the other pages of a weak answer.
fn hit_list(
    html: &mut String,
    hits: &[bookshelf_search::Hit],
    to_root: &str,
    strings: &bookshelf_render::Strings,
    config: &bookshelf_content::Config,
) {
    html.push_str("<ol class=\"search-hits\">");
    for h in hits {
        let kind = match (h.kind.as_str(), &h.level) {
            ("checklist", Some(l)) => {
                let level = strings.get(&format!("level_{l}_short")).to_lowercase();
                strings.fill("kind_checklist_level", &[("level", &level)])
            }
            ("checklist", None) => strings.get("kind_checklist").into(),
            ("glossary", _) => strings.get("kind_glossary").into(),
            ("guide", _) => strings.get("kind_guide").into(),
            ("model", _) => strings.get("kind_model").into(),
            (kind, _) => {
                section_title(config, kind).unwrap_or_else(|| strings.get("kind_page").into())
            }
        };
        let kind = esc(&kind);
        html.push_str(&format!(
            "<li><h3><a href=\"{to_root}{}\">{}</a></h3><p class=\"hit-kind\">{kind}</p><p class=\"hit-snippet\">{}</p></li>",
            esc(&h.url), esc(&h.title), h.snippet_html
        ));
    }
    html.push_str("</ol>");
}
