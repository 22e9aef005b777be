//! The one error type of this crate.

use std::path::PathBuf;

/// Anything that can go wrong building or querying the search index.
///
/// A cause is either in the message or given as `source()`, never both: a report of the
/// chain (`{:#}` in the binary) would print it twice ("No space left on device" twice).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A file or folder could not be read or written.
    #[error("cannot {action} `{path}`")]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// tantivy failed. (Its message is shown here and its causes are not chained: some of
    /// tantivy's errors show their cause in their own message too.)
    #[error("search index: {0}")]
    Tantivy(tantivy::TantivyError),
    /// A tantivy directory could not be opened.
    #[error("search index `{path}`: {message}")]
    Directory {
        /// The index folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// `meta.json` or `glossary.json` is missing pieces or malformed.
    #[error("search metadata `{path}`")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Tantivy(e)
    }
}

impl SearchError {
    pub(crate) fn io(action: &'static str, path: &std::path::Path, source: std::io::Error) -> Self {
        SearchError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message and its causes as the binary prints them (`anyhow`'s `{:#}`).
    fn chain(e: &(dyn std::error::Error + 'static)) -> String {
        let mut text = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            text = format!("{text}: {c}");
            cause = c.source();
        }
        text
    }

    /// Regression (issue 20, fault 15): a full disk was reported as "No space left on device
    /// (os error 28): No space left on device (os error 28)".
    #[test]
    fn a_write_error_names_its_cause_once() {
        let full = || std::io::Error::from_raw_os_error(28);
        let io = SearchError::io(
            "write",
            std::path::Path::new("site/search/meta.json"),
            full(),
        );
        let text = chain(&io);
        assert_eq!(text.matches(&full().to_string()).count(), 1, "{text}");
        assert!(
            text.starts_with("cannot write `site/search/meta.json`: "),
            "{text}"
        );
        let tantivy = SearchError::from(tantivy::TantivyError::from(full()));
        let text = chain(&tantivy);
        assert_eq!(text.matches(&full().to_string()).count(), 1, "{text}");
    }
}
