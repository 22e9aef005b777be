//! Splitting a Markdown file into its YAML front matter and body.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::model::Audience;
use crate::yaml::parse_yaml;

/// The keys a page may have at its top.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) summary: Option<String>,
    #[serde(default)]
    pub(crate) order: Option<i64>,
    #[serde(default)]
    pub(crate) audience: Vec<Audience>,
    #[serde(default)]
    pub(crate) symbol: Option<String>,
    #[serde(default)]
    pub(crate) checked_by: Option<String>,
}

/// Front matter with a required title (a page's, or a translation's).
pub(crate) trait Titled {
    fn title(&self) -> &str;
}

impl Titled for FrontMatter {
    fn title(&self) -> &str {
        &self.title
    }
}

/// The front matter, parsed, and where the body starts.
pub(crate) struct Split<'a, T = FrontMatter> {
    pub(crate) front: T,
    /// Where the front matter's YAML is in the whole text.
    pub(crate) yaml: std::ops::Range<usize>,
    pub(crate) body: &'a str,
    pub(crate) body_offset: usize,
}

/// Split and parse the front matter of `text`; `None` after pushing diagnostics.
pub(crate) fn split<'a>(
    path: &Path,
    text: &'a str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Split<'a>> {
    split_as(path, text, diags)
}

/// Split `text` and parse its front matter as a `T` (a translation's keys).
pub(crate) fn split_as<'a, T: DeserializeOwned + Titled>(
    path: &Path,
    text: &'a str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Split<'a, T>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        let end = rest.find('\n').unwrap_or(rest.len());
        diags.push(
            Diagnostic::error("front-matter-missing", "this page has no front matter")
                .at(path, start..start + end.max(1).min(rest.len()))
                .help("start the file with a `---` line, then `title: Your title`, then another `---` line"),
        );
        return None;
    }
    let yaml_start = start + first_line_end;
    let mut pos = yaml_start;
    let mut close = None;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            close = Some((pos, line_end));
            break;
        }
        pos = line_end;
    }
    let Some((yaml_end, body_start)) = close else {
        diags.push(
            Diagnostic::error(
                "front-matter-unterminated",
                "the front matter is never closed",
            )
            .at(path, start..start + 3)
            .help("add a line with only `---` after the last front matter key"),
        );
        return None;
    };
    let yaml = &text[yaml_start..yaml_end];
    if yaml.trim().is_empty() {
        diags.push(
            Diagnostic::error("missing-key", "missing required key `title`")
                .at(path, start..start + 3)
                .help("add `title: Your title` between the `---` lines"),
        );
        return None;
    }
    let front: T = parse_yaml(path, text, yaml_start, yaml, diags)?;
    if front.title().trim().is_empty() {
        let at = text[yaml_start..]
            .find("title")
            .map_or(yaml_start, |i| yaml_start + i);
        diags.push(
            Diagnostic::error("missing-key", "the `title` is empty")
                .at(path, crate::yaml::token_span(text, at))
                .help("write the page's title after `title:`"),
        );
        return None;
    }
    Some(Split {
        front,
        yaml: yaml_start..yaml_end,
        body: &text[body_start..],
        body_offset: body_start,
    })
}
