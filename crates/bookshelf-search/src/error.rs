//! The one error type of this crate.

use std::path::PathBuf;

/// Anything that can go wrong building or querying the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A file or folder could not be read or written.
    #[error("cannot {action} `{path}`: {source}")]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A tantivy directory could not be opened.
    #[error("search index `{path}`: {message}")]
    Directory {
        /// The index folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// `meta.json` or `glossary.json` is missing pieces or malformed.
    #[error("search metadata `{path}`: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
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
