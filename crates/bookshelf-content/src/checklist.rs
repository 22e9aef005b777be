//! Reading one checklist or rating list from YAML.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Audience, Checklist, ChecklistKind, ChecklistSection, Item, Level};
use crate::slug::{is_slug, slugify, UniqueIds};
use crate::yaml::{parse_yaml, token_span};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    title: String,
    level: Level,
    summary: String,
    when: String,
    #[serde(default)]
    audience: Vec<Audience>,
    #[serde(default)]
    kind: ChecklistKind,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    symbol: Option<String>,
    #[serde(default)]
    scale: Option<Vec<String>>,
    sections: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    title: String,
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    why: Option<String>,
    #[serde(default)]
    evidence: Option<String>,
    #[serde(default)]
    easy: Option<String>,
}

/// The default labels for the scores 1 to 5.
pub const DEFAULT_SCALE: [&str; 5] = ["Not at all", "A little", "Sometimes", "Mostly", "Always"];

/// Where `needle` first appears in `text` at or after `from` (or `from`).
pub(crate) fn find_from(text: &str, from: usize, needle: &str) -> usize {
    text.get(from..)
        .and_then(|t| t.find(needle))
        .map_or(from, |i| from + i)
}

/// Make an item id from its words: the first six words of the text.
pub fn id_from_text(text: &str) -> String {
    let slug = slugify(text);
    slug.split('-').take(6).collect::<Vec<_>>().join("-")
}

/// Parse a checklist file.
pub(crate) fn parse(
    path: &Path,
    text: &str,
    slug: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Checklist> {
    let raw: RawChecklist = parse_yaml(path, text, 0, text, diags)?;
    let before = diags.len();
    let check_text = |key: &str, value: &str, diags: &mut Vec<Diagnostic>| {
        if value.trim().is_empty() {
            let at = find_from(text, 0, &format!("{key}:"));
            diags.push(
                Diagnostic::error("missing-key", format!("the `{key}` is empty"))
                    .at(path, token_span(text, at))
                    .help(format!("write the {key} after `{key}:`")),
            );
        }
    };
    check_text("title", &raw.title, diags);
    check_text("summary", &raw.summary, diags);
    check_text("when", &raw.when, diags);
    for (key, value) in [("summary", &raw.summary), ("when", &raw.when)] {
        crate::raw_html::check_yaml_field(path, text, 0, key, Some(value), false, diags);
    }
    let scale = match raw.scale {
        Some(s) if s.len() == 5 => s,
        Some(s) => {
            let at = find_from(text, 0, "scale:");
            diags.push(
                Diagnostic::error(
                    "bad-value",
                    format!("`scale` has {} labels, not 5", s.len()),
                )
                .at(path, token_span(text, at))
                .help("give exactly five labels, for the scores 1 to 5"),
            );
            Vec::new()
        }
        None if raw.kind == ChecklistKind::Rating => {
            DEFAULT_SCALE.iter().map(|s| s.to_string()).collect()
        }
        None => Vec::new(),
    };
    if raw.sections.is_empty() {
        let at = find_from(text, 0, "sections:");
        diags.push(
            Diagnostic::error("missing-key", "a checklist needs at least one section")
                .at(path, token_span(text, at))
                .help("add a section with a `title` and some `items`"),
        );
    }
    let mut section_ids = UniqueIds::default();
    let mut item_ids = HashSet::new();
    let mut sections = Vec::new();
    let mut cursor = 0;
    for raw_section in raw.sections {
        cursor = find_from(text, cursor, &raw_section.title);
        let section_at = cursor;
        if raw_section.items.is_empty() {
            diags.push(
                Diagnostic::error(
                    "missing-key",
                    format!("section `{}` has no items", raw_section.title),
                )
                .at(path, token_span(text, section_at))
                .help("add at least one item with a `text`"),
            );
        }
        let mut items = Vec::new();
        for raw_item in raw_section.items {
            cursor = find_from(text, cursor, first_line(&raw_item.text));
            let item_at = cursor;
            let explicit_id = raw_item.id.is_some();
            let id = match raw_item.id {
                Some(id) => {
                    let id_at = text[..item_at]
                        .rfind(&format!("id: {id}"))
                        .unwrap_or(item_at);
                    let id_at = find_from(text, id_at, &id);
                    if !is_slug(&id) {
                        diags.push(
                            Diagnostic::error("bad-value", format!("item id `{id}` is not a slug"))
                                .at(path, token_span(text, id_at))
                                .help(format!(
                                    "use lower-case letters, digits and hyphens, e.g. `{}`",
                                    slugify(&id)
                                )),
                        );
                    }
                    if !item_ids.insert(id.clone()) {
                        diags.push(
                            Diagnostic::error(
                                "duplicate-id",
                                format!("item id `{id}` is used twice in this checklist"),
                            )
                            .at(path, token_span(text, id_at))
                            .help("give each item its own id"),
                        );
                    }
                    id
                }
                None => {
                    // Made-up ids never clash: a repeat gets `-2`, `-3`…
                    let base = id_from_text(&raw_item.text);
                    let base = if base.is_empty() {
                        "item".to_string()
                    } else {
                        base
                    };
                    let mut id = base.clone();
                    let mut n = 2;
                    while !item_ids.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    id
                }
            };
            // The item's fields follow its `text` (or its `id`, which may come first).
            let fields_at = text[..item_at].rfind("- ").unwrap_or(item_at);
            crate::raw_html::check_yaml_field(
                path,
                text,
                fields_at,
                "text",
                Some(&raw_item.text),
                true,
                diags,
            );
            for (key, value) in [
                ("why", &raw_item.why),
                ("evidence", &raw_item.evidence),
                ("easy", &raw_item.easy),
            ] {
                crate::raw_html::check_yaml_field(
                    path,
                    text,
                    fields_at,
                    key,
                    value.as_deref(),
                    false,
                    diags,
                );
            }
            if raw_item.text.trim().is_empty() {
                diags.push(
                    Diagnostic::error("missing-key", "an item's `text` is empty")
                        .at(path, token_span(text, item_at))
                        .help("write what to do after `text:`"),
                );
            }
            items.push(Item {
                id,
                explicit_id,
                text: raw_item.text.trim().to_string(),
                why: raw_item
                    .why
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
                evidence: raw_item
                    .evidence
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
                easy: raw_item
                    .easy
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
                at: item_at,
            });
        }
        sections.push(ChecklistSection {
            id: section_ids.unique(&slugify(&raw_section.title)),
            title: raw_section.title.trim().to_string(),
            items,
        });
    }
    if diags.len() > before {
        return None;
    }
    Some(Checklist {
        path: path.to_path_buf(),
        slug: slug.to_string(),
        route: format!("checklists/{slug}/"),
        title: raw.title.trim().to_string(),
        level: raw.level,
        summary: raw.summary.trim().to_string(),
        when: raw.when.trim().to_string(),
        audience: raw.audience,
        kind: raw.kind,
        order: raw.order,
        symbol: raw.symbol,
        scale,
        sections,
        revision: 0,
        text_language: String::new(),
        translation: None,
    })
}

fn first_line(s: &str) -> &str {
    let line = s.lines().next().unwrap_or("").trim();
    // A short prefix survives YAML folding and quoting.
    let mut end = line.len().min(24);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}
