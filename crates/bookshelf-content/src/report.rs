//! Renderers for diagnostics: full (source line and caret), one line, JSON and GitHub annotations.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, SourceMap};

/// How to show diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The source line with a caret, like rustc and cargo.
    Human,
    /// `path:line:col: level[code]: message`.
    Short,
    /// A JSON array (see [`JsonDiagnostic`]).
    Json,
    /// GitHub workflow commands (`::error file=…`).
    Github,
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Render one diagnostic with its source line and a caret. `color` adds ANSI styles.
pub fn human(diag: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let level = match diag.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(diag.message.as_str())
        .id(diag.code.as_str());
    let path = diag.file.as_deref().map(display_path);
    let text = diag.file.as_deref().and_then(|f| sources.get(f));
    let mut group = Group::with_title(title);
    match (&path, text, &diag.span) {
        (Some(path), Some(text), Some(span)) => {
            let span = clamp(text, span.clone());
            let mut snippet = Snippet::source(text).line_start(1).path(path.as_str());
            snippet = snippet.annotation(AnnotationKind::Primary.span(span));
            for (range, label) in &diag.labels {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(clamp(text, range.clone()))
                        .label(label.as_str()),
                );
            }
            group = group.element(snippet);
        }
        (Some(path), _, _) => {
            group = group.element(Level::NOTE.message(format!("in `{path}`")));
        }
        _ => {}
    }
    if let Some(help) = &diag.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Keep a span inside the text and on character boundaries.
fn clamp(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Where a diagnostic points, as 1-based line and column.
pub fn position(diag: &Diagnostic, sources: &SourceMap) -> Option<(usize, usize)> {
    let file = diag.file.as_deref()?;
    let span = diag.span.as_ref()?;
    sources.line_col(file, span.start)
}

/// Render one diagnostic on one line.
pub fn short(diag: &Diagnostic, sources: &SourceMap) -> String {
    let mut out = String::new();
    if let Some(file) = &diag.file {
        out.push_str(&display_path(file));
        if let Some((line, col)) = position(diag, sources) {
            out.push_str(&format!(":{line}:{col}"));
        }
        out.push_str(": ");
    }
    out.push_str(&format!(
        "{}[{}]: {}",
        diag.severity, diag.code, diag.message
    ));
    if let Some(help) = &diag.help {
        out.push_str(&format!(" (help: {help})"));
    }
    out
}

/// The stable JSON shape of a diagnostic.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// The rule or error code.
    pub code: &'a str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The message.
    pub message: &'a str,
    /// The file, relative to the book root, with `/` separators.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// 1-based line where the span ends.
    pub end_line: Option<usize>,
    /// 1-based column where the span ends.
    pub end_column: Option<usize>,
    /// How to fix it.
    pub help: Option<&'a str>,
}

/// The JSON form of one diagnostic.
pub fn json_value<'a>(diag: &'a Diagnostic, sources: &SourceMap) -> JsonDiagnostic<'a> {
    let start = position(diag, sources);
    let end = match (&diag.file, &diag.span) {
        (Some(f), Some(s)) => sources.line_col(f, s.end),
        _ => None,
    };
    JsonDiagnostic {
        code: &diag.code,
        severity: diag.severity,
        message: &diag.message,
        file: diag.file.as_deref().map(display_path),
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end_line: end.map(|p| p.0),
        end_column: end.map(|p| p.1),
        help: diag.help.as_deref(),
    }
}

/// Render one diagnostic as a GitHub workflow command.
pub fn github(diag: &Diagnostic, sources: &SourceMap) -> String {
    let kind = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if let Some(file) = &diag.file {
        props.push(format!("file={}", escape_property(&display_path(file))));
    }
    if let Some((line, col)) = position(diag, sources) {
        props.push(format!("line={line}"));
        props.push(format!("col={col}"));
    }
    props.push(format!("title={}", escape_property(&diag.code)));
    let mut message = diag.message.clone();
    if let Some(help) = &diag.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{kind} {}::{}", props.join(","), escape_data(&message))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Render a whole list in a format, one block per diagnostic.
pub fn render_all(
    diags: &[Diagnostic],
    sources: &SourceMap,
    format: Format,
    color: bool,
) -> String {
    match format {
        Format::Json => {
            let values: Vec<_> = diags.iter().map(|d| json_value(d, sources)).collect();
            serde_json::to_string_pretty(&values).unwrap_or_else(|_| "[]".into()) + "\n"
        }
        Format::Human => diags
            .iter()
            .map(|d| human(d, sources, color) + "\n\n")
            .collect(),
        Format::Short => diags.iter().map(|d| short(d, sources) + "\n").collect(),
        Format::Github => diags.iter().map(|d| github(d, sources) + "\n").collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn short_and_github_forms() {
        let mut sources = SourceMap::default();
        sources.insert("content/a.yaml", Arc::from("title: x\nlevel: stratgic\n"));
        let d = Diagnostic::error("bad-value", "`stratgic` is not a level")
            .at("content/a.yaml", 16..24)
            .help("use `strategic`");
        assert_eq!(
            short(&d, &sources),
            "content/a.yaml:2:8: error[bad-value]: `stratgic` is not a level (help: use `strategic`)"
        );
        assert_eq!(
            github(&d, &sources),
            "::error file=content/a.yaml,line=2,col=8,title=bad-value::`stratgic` is not a level%0Ahelp: use `strategic`"
        );
        let h = human(&d, &sources, false);
        assert!(h.contains("level: stratgic"), "{h}");
        assert!(h.contains("^^^^^^^^"), "{h}");
    }
}
