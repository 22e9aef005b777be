//! The parts of the book that the scanner (`markdown.rs`), the link checker (`links.rs`) and
//! the sections (`sections.rs`) fill in, held here as plain data so the data model imports
//! none of them: they depend on the model, not the model on them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::assets::Asset;

/// A link found in a body: destination and byte range in the body.
#[derive(Debug, Clone)]
pub struct RawLink {
    /// Where it points, as written.
    pub dest: String,
    /// Its range in the Markdown.
    pub range: Range<usize>,
}

/// A picture in a body (`![alt](dest)`): where it points, its alt text and its byte range.
#[derive(Debug, Clone)]
pub struct RawImage {
    /// Where it points, as written.
    pub dest: String,
    /// The alt text as written (the plain text between the brackets).
    pub alt: String,
    /// Its range in the Markdown.
    pub range: Range<usize>,
}

/// Every linkable file: content-relative path -> (route, anchors). Built and read by the
/// link checker (`links.rs`, which has its methods).
#[derive(Debug, Default)]
pub struct LinkIndex {
    pub(crate) targets: HashMap<PathBuf, (String, HashSet<String>)>,
    /// Glossary fragments (slug or lower-case abbreviation) -> the term's route.
    pub(crate) terms: HashMap<String, String>,
    pub(crate) glossary: PathBuf,
    /// Translation files (`guides/x.pl.md`) → the source they stand for (`guides/x.md`).
    pub(crate) aliases: HashMap<PathBuf, PathBuf>,
    /// The list pages of the book's sections (`local-help/`).
    pub(crate) sections: Vec<String>,
    /// Pictures and documents, by their path relative to `content/`.
    pub(crate) files: Arc<BTreeMap<String, Arc<Asset>>>,
}

/// A folder name made `&'static`, so a [`crate::Section`] stays `Copy` and cheap to compare.
/// A book has a handful of section folders; each distinct name is kept once for the life of
/// the process (a server that sees a folder made and removed keeps its few bytes).
pub(crate) fn intern(folder: &str) -> &'static str {
    static NAMES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let names = names.get_or_insert_with(HashSet::new);
    if let Some(name) = names.get(folder) {
        return name;
    }
    let name: &'static str = Box::leak(folder.to_string().into_boxed_str());
    names.insert(name);
    name
}

#[cfg(test)]
mod tests {
    /// Issue 21: the data model is a leaf: it imports nothing from the scanner, the link
    /// checker or the sections, which fill it in.
    #[test]
    fn the_model_imports_nothing_from_the_modules_that_fill_it_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for file in ["model.rs", "model/found.rs"] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            for module in ["links", "markdown", "sections", "load", "raw_html"] {
                let used = format!("crate::{module}::");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                assert!(!code.contains(&used), "`{file}` uses `{used}`");
            }
        }
    }
}
