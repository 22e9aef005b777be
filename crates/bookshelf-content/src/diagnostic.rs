//! Diagnostics as data: one type for every error and warning, located by byte range.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site cannot be built.
    Error,
    /// The site builds, but a reader may struggle.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in the content, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable code such as `unknown-key` or `PL1`.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// A short phrase; literals in backticks.
    pub message: String,
    /// The file it is about, relative to the book root, if any.
    pub file: Option<PathBuf>,
    /// The byte range in that file (whole file, front matter included).
    pub span: Option<Range<usize>>,
    /// Extra labelled ranges in the same file.
    pub labels: Vec<(Range<usize>, String)>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error with a code and message.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning with a code and message.
    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            severity,
            message: message.into(),
            file: None,
            span: None,
            labels: Vec::new(),
            help: None,
        }
    }

    /// Attach the file (no span: the whole file).
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Attach a file and a byte range in it.
    pub fn at(mut self, file: impl AsRef<Path>, span: Range<usize>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self.span = Some(span);
        self
    }

    /// Add a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Add a labelled range.
    pub fn label(mut self, span: Range<usize>, text: impl Into<String>) -> Self {
        self.labels.push((span, text.into()));
        self
    }

    /// Is this an error?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The text of every file read, so diagnostics can show lines and columns.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: std::collections::HashMap<PathBuf, Arc<str>>,
}

impl SourceMap {
    /// Remember a file's text.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: Arc<str>) {
        self.files.insert(path.as_ref().to_path_buf(), text);
    }

    /// Forget a file (it was deleted).
    pub fn remove(&mut self, path: &Path) {
        self.files.remove(path);
    }

    /// Every file and its text, in no particular order.
    pub fn files(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files.iter().map(|(p, t)| (p.as_path(), &**t))
    }

    /// A file's text.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(|t| &**t)
    }

    /// The 1-based line and column (in characters) of a byte offset in a file.
    pub fn line_col(&self, path: &Path, offset: usize) -> Option<(usize, usize)> {
        self.get(path).map(|text| line_col(text, offset))
    }
}

/// The 1-based line and column (in characters) of `offset` in `text`, counted over the whole file.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The byte offset of a 1-based line and column (in characters).
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let end = line_text.find('\n').unwrap_or(line_text.len());
    line_text[..end]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(start + end, |(i, _)| start + i)
}

/// Sort diagnostics by file, position, then code, so output is repeatable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            &a.file,
            a.span.as_ref().map(|s| s.start),
            a.severity,
            &a.code,
            &a.message,
        )
            .cmp(&(
                &b.file,
                b.span.as_ref().map(|s| s.start),
                b.severity,
                &b.code,
                &b.message,
            ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_the_whole_file() {
        let text = "---\ntitle: x\n---\nbody é here\n";
        let at = text.find("here").unwrap();
        assert_eq!(line_col(text, at), (4, 8));
        assert_eq!(offset_of(text, 4, 8), at);
        assert_eq!(line_col(text, 0), (1, 1));
    }
}
