//! Reading translation files: a page's or easy read's front matter and body, a checklist's
//! words matched to its source by item id, a glossary's entries by id, a symbol map.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::*;
use crate::checklist::find_from;
use crate::diagnostic::Diagnostic;
use crate::files::FileKind;
use crate::frontmatter::Titled;
use crate::load::route_of;
use crate::model::{Body, TranslationInfo};
use crate::yaml::{parse_yaml, token_span};

/// Read a translation file of the kind `of` (what `classify` found it translates).
pub(crate) fn parse(
    rel: &Path,
    text: &str,
    lang: &str,
    of: FileKind,
    diags: &mut Vec<Diagnostic>,
    make_body: impl FnOnce(&str, usize) -> Body,
    revision: impl FnOnce() -> u64,
) -> Option<TrUnit> {
    match of {
        FileKind::Page { section, slug } => parse_page(rel, lang, text, diags, make_body)
            .map(|t| TrUnit::Page(route_of(section, &slug), Arc::new(t))),
        FileKind::Easy { section, slug } => parse_easy(rel, lang, text, diags, make_body)
            .map(|t| TrUnit::Easy(route_of(section, &slug), Arc::new(t))),
        FileKind::Checklist { slug } => {
            parse_checklist(rel, lang, text, diags).map(|t| TrUnit::Checklist(slug, Arc::new(t)))
        }
        FileKind::Glossary => {
            parse_glossary(rel, lang, text, diags).map(|t| TrUnit::Glossary(Arc::new(t)))
        }
        FileKind::Symbols => {
            let mut s = crate::glossary::parse_symbols(rel, text, diags);
            s.revision = revision();
            Some(TrUnit::Symbols(Arc::new(s)))
        }
        _ => None,
    }
}

/// Keys a translation may not set: they come from the source.
const PLACE_KEYS: &[&str] = &["order", "audience", "symbol", "level", "kind"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageFront {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    translated_by: Option<String>,
    #[serde(default)]
    translation_checked_by: Option<String>,
    #[serde(default)]
    order: Option<serde_yaml::Value>,
    #[serde(default)]
    audience: Option<serde_yaml::Value>,
    #[serde(default)]
    symbol: Option<serde_yaml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EasyFront {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    checked_by: Option<String>,
    #[serde(default)]
    translated_by: Option<String>,
    #[serde(default)]
    translation_checked_by: Option<String>,
}

impl Titled for PageFront {
    fn title(&self) -> &str {
        &self.title
    }
}

impl Titled for EasyFront {
    fn title(&self) -> &str {
        &self.title
    }
}

fn info(path: &Path, lang: &str, by: Option<String>, checked: Option<String>) -> TranslationInfo {
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    TranslationInfo {
        lang: lang.to_string(),
        translated_by: clean(by),
        checked_by: clean(checked),
        path: path.to_path_buf(),
    }
}

/// Warn about each place key (`order`, `audience`…) written in `text[within]`.
fn warn_place_keys(path: &Path, text: &str, within: Range<usize>, diags: &mut Vec<Diagnostic>) {
    let mut pos = within.start;
    for line in text[within.clone()].split_inclusive('\n') {
        if let Some(key) = PLACE_KEYS
            .iter()
            .find(|k| line.strip_prefix(**k).is_some_and(|r| r.starts_with(':')))
        {
            diags.push(
                Diagnostic::warning(
                    "translation-place-key",
                    format!("`{key}` is taken from the source, not from a translation"),
                )
                .at(path, pos..pos + key.len())
                .help(format!(
                    "remove `{key}:` here; change it in the source file if it should change"
                )),
            );
        }
        pos += line.len();
    }
}

/// Read a page translation; `body` makes its [`Body`] from (markdown, offset).
pub(crate) fn parse_page(
    path: &Path,
    lang: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    body: impl FnOnce(&str, usize) -> Body,
) -> Option<PageText> {
    let split = crate::frontmatter::split_as::<PageFront>(path, text, diags)?;
    warn_place_keys(path, text, split.yaml.clone(), diags);
    let f = split.front;
    let _ = (f.order, f.audience, f.symbol);
    Some(PageText {
        title: f.title.trim().to_string(),
        summary: f.summary.map(|s| s.trim().to_string()),
        body: body(split.body, split.body_offset),
        info: info(path, lang, f.translated_by, f.translation_checked_by),
    })
}

/// Read an easy-read translation.
pub(crate) fn parse_easy(
    path: &Path,
    lang: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    body: impl FnOnce(&str, usize) -> Body,
) -> Option<EasyText> {
    let split = crate::frontmatter::split_as::<EasyFront>(path, text, diags)?;
    let f = split.front;
    Some(EasyText {
        title: f.title.trim().to_string(),
        summary: f.summary.map(|s| s.trim().to_string()),
        checked_by: f.checked_by,
        body: body(split.body, split.body_offset),
        info: info(path, lang, f.translated_by, f.translation_checked_by),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    title: String,
    summary: String,
    when: String,
    #[serde(default)]
    translated_by: Option<String>,
    #[serde(default)]
    translation_checked_by: Option<String>,
    #[serde(default)]
    scale: Option<Vec<String>>,
    #[serde(default)]
    level: Option<serde_yaml::Value>,
    #[serde(default)]
    kind: Option<serde_yaml::Value>,
    #[serde(default)]
    audience: Option<serde_yaml::Value>,
    #[serde(default)]
    order: Option<serde_yaml::Value>,
    #[serde(default)]
    symbol: Option<serde_yaml::Value>,
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
    id: String,
    text: String,
    #[serde(default)]
    why: Option<String>,
    #[serde(default)]
    evidence: Option<String>,
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Read a checklist translation.
pub(crate) fn parse_checklist(
    path: &Path,
    lang: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ChecklistText> {
    let raw: RawChecklist = parse_yaml(path, text, 0, text, diags)?;
    let _ = (raw.level, raw.kind, raw.audience, raw.order, raw.symbol);
    warn_place_keys(path, text, 0..text.len(), diags);
    // Translated text is published as the source's is: the same raw HTML policy.
    let html_before = diags.len();
    for (key, value) in [("summary", &raw.summary), ("when", &raw.when)] {
        crate::raw_html::check_yaml_field(path, text, 0, key, Some(value), false, diags);
    }
    let mut cursor = 0;
    let sections = raw
        .sections
        .into_iter()
        .map(|s| SectionText {
            title: s.title.trim().to_string(),
            items: s
                .items
                .into_iter()
                .map(|i| {
                    cursor = find_from(text, cursor, &format!("id: {}", i.id));
                    let at = find_from(text, cursor, &i.id);
                    let fields_at = text[..cursor].rfind("- ").unwrap_or(cursor);
                    let fields = [
                        ("text", Some(&i.text)),
                        ("why", i.why.as_ref()),
                        ("evidence", i.evidence.as_ref()),
                    ];
                    for (key, value) in fields {
                        let inline = key == "text";
                        crate::raw_html::check_yaml_field(
                            path,
                            text,
                            fields_at,
                            key,
                            value.map(String::as_str),
                            inline,
                            diags,
                        );
                    }
                    ItemText {
                        span: token_span(text, at),
                        id: i.id,
                        text: i.text.trim().to_string(),
                        why: trimmed(i.why),
                        evidence: trimmed(i.evidence),
                    }
                })
                .collect(),
        })
        .collect();
    if diags[html_before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    if raw.scale.as_ref().is_some_and(|s| s.len() != 5) {
        let at = find_from(text, 0, "scale:");
        diags.push(
            Diagnostic::error("bad-value", "`scale` needs exactly five labels")
                .at(path, token_span(text, at))
                .help("give five labels, for the scores 1 to 5, or leave `scale` out to use the source's"),
        );
        return None;
    }
    Some(ChecklistText {
        title: raw.title.trim().to_string(),
        summary: raw.summary.trim().to_string(),
        when: raw.when.trim().to_string(),
        scale: raw.scale,
        sections,
        info: info(path, lang, raw.translated_by, raw.translation_checked_by),
        sections_at: token_span(text, find_from(text, 0, "sections:")),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default)]
    translated_by: Option<String>,
    #[serde(default)]
    translation_checked_by: Option<String>,
    terms: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: String,
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    plain: Option<String>,
    #[serde(default)]
    easy: Option<String>,
    #[serde(default)]
    more: Option<String>,
    #[serde(default)]
    abbreviations: Option<Vec<String>>,
    #[serde(default)]
    aliases: Option<Vec<String>>,
    #[serde(default)]
    say_instead: Option<String>,
}

/// Read `glossary.LANG.yaml`.
pub(crate) fn parse_glossary(
    path: &Path,
    lang: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<GlossaryText> {
    let raw: RawGlossary = parse_yaml(path, text, 0, text, diags)?;
    let html_before = diags.len();
    let mut cursor = 0;
    let terms = raw
        .terms
        .into_iter()
        .map(|t| {
            cursor = find_from(text, cursor, &format!("id: {}", t.id));
            let at = find_from(text, cursor, &t.id);
            let entry_at = text[..cursor].rfind("- ").unwrap_or(cursor);
            crate::raw_html::check_yaml_field(
                path,
                text,
                entry_at,
                "more",
                t.more.as_deref(),
                false,
                diags,
            );
            TermText {
                span: token_span(text, at),
                id: t.id,
                term: trimmed(t.term),
                plain: trimmed(t.plain),
                easy: trimmed(t.easy),
                more: t.more,
                abbreviations: t.abbreviations,
                aliases: t.aliases,
                say_instead: trimmed(t.say_instead),
            }
        })
        .collect();
    if diags[html_before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(GlossaryText {
        info: info(path, lang, raw.translated_by, raw.translation_checked_by),
        terms,
    })
}
