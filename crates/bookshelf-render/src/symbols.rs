//! Easy-read symbols: matching words to symbol names (longest phrase first, simple word
//! forms), finding the picture files, and copying only the used ones into the site.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use bookshelf_content::Book;

/// Words never given a symbol unless the editor's list says otherwise (ER20).
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "by", "for",
    "with", "is", "are", "was", "were", "be", "it", "this", "that", "these", "those", "as",
];

/// Where symbol pictures come from.
#[derive(Debug, Clone)]
pub enum SymbolSet {
    /// Twemoji, built in (CC-BY 4.0).
    Twemoji,
    /// A folder of `NAME.svg` / `NAME.png` files.
    Folder(PathBuf),
}

impl SymbolSet {
    /// The set a book asks for.
    pub fn for_book(book: &Book) -> Self {
        match &book.config.easy_read.symbols {
            Some(dir) => SymbolSet::Folder(book.root.join(dir)),
            None => SymbolSet::Twemoji,
        }
    }

    /// The file name (in `symbols/`) and bytes of a symbol, if it exists.
    pub fn load(&self, name: &str) -> Option<(String, Vec<u8>)> {
        if !bookshelf_content::slug::is_slug(&name.replace('_', "-")) {
            return None;
        }
        match self {
            SymbolSet::Twemoji => twemoji_assets::svg::SvgTwemojiAsset::from_name(name)
                .map(|a| (format!("{name}.svg"), a.as_bytes().to_vec())),
            SymbolSet::Folder(dir) => ["svg", "png"].iter().find_map(|ext| {
                let p = dir.join(format!("{name}.{ext}"));
                std::fs::read(&p).ok().map(|b| (format!("{name}.{ext}"), b))
            }),
        }
    }

    /// Does a symbol of this name exist?
    pub fn exists(&self, name: &str) -> bool {
        match self {
            SymbolSet::Twemoji => twemoji_assets::svg::SvgTwemojiAsset::from_name(name).is_some(),
            SymbolSet::Folder(dir) => ["svg", "png"]
                .iter()
                .any(|ext| dir.join(format!("{name}.{ext}")).is_file()),
        }
    }

    /// The file extension a symbol will have in the site.
    pub fn ext(&self, name: &str) -> &'static str {
        match self {
            SymbolSet::Twemoji => "svg",
            SymbolSet::Folder(dir) => {
                if dir.join(format!("{name}.svg")).is_file() {
                    "svg"
                } else {
                    "png"
                }
            }
        }
    }
}

/// Word forms a key also matches: plurals and simple verb forms.
fn forms(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let (head, last) = match key.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), key),
    };
    let mut add = |w: String| out.push(format!("{head}{w}"));
    if let Some(stem) = last
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        add(format!("{stem}ies"));
        add(format!("{stem}ied"));
    }
    if last.ends_with(['s', 'x', 'z']) || last.ends_with("ch") || last.ends_with("sh") {
        add(format!("{last}es"));
    } else {
        add(format!("{last}s"));
    }
    if let Some(stem) = last.strip_suffix('e') {
        add(format!("{stem}ing"));
        add(format!("{last}d"));
    } else {
        add(format!("{last}ing"));
        add(format!("{last}ed"));
    }
    out
}

/// Matches symbol keys in text.
pub struct SymbolMatcher {
    ac: Option<AhoCorasick>,
    names: Vec<String>,
    /// Symbols actually placed on pages (so only those are copied).
    used: Mutex<BTreeSet<String>>,
    set: SymbolSet,
    known: HashMap<String, bool>,
}

/// A symbol found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolMatch {
    /// Byte range of the word or phrase.
    pub range: std::ops::Range<usize>,
    /// The symbol name.
    pub name: String,
}

impl SymbolMatcher {
    /// Build a matcher from a book's `symbols.yaml` and symbol set.
    pub fn new(book: &Book) -> Self {
        let set = SymbolSet::for_book(book);
        let stop: Vec<String> = match &book.config.easy_read.stop_words {
            Some(list) => list.iter().map(|s| s.to_lowercase()).collect(),
            None => STOP_WORDS.iter().map(|s| s.to_string()).collect(),
        };
        let mut patterns = Vec::new();
        let mut names = Vec::new();
        let mut known = HashMap::new();
        // Every key as written comes first, so it wins over another key's word form of the
        // same length ("training" as its own key beats "train" + "ing").
        let mut usable = Vec::new();
        for (key, name) in &book.symbols.map {
            if stop.contains(key) {
                continue;
            }
            let exists = *known
                .entry(name.clone())
                .or_insert_with(|| set.exists(name));
            if exists {
                usable.push((key, name));
            }
        }
        let exact: std::collections::HashSet<&str> =
            usable.iter().map(|(k, _)| k.as_str()).collect();
        for (key, name) in &usable {
            patterns.push(key.to_string());
            names.push((*name).clone());
        }
        for (key, name) in &usable {
            for f in forms(key).into_iter().skip(1) {
                if !exact.contains(f.as_str()) {
                    patterns.push(f);
                    names.push((*name).clone());
                }
            }
        }
        let ac = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .build(&patterns)
                .expect("symbol patterns build")
        });
        Self {
            ac,
            names,
            used: Mutex::new(BTreeSet::new()),
            set,
            known,
        }
    }

    /// Whole-word symbol matches in `text`, longest phrase first.
    pub fn find(&self, text: &str) -> Vec<SymbolMatch> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let word = |c: char| {
            c.is_alphanumeric() || c == '\'' || c == '-' || bookshelf_text::is_combining_mark(c)
        };
        ac.find_iter(text)
            .filter(|m| {
                text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !word(c))
                    && text[m.end()..].chars().next().is_none_or(|c| !word(c))
            })
            .map(|m| SymbolMatch {
                range: m.start()..m.end(),
                name: self.names[m.pattern().as_usize()].clone(),
            })
            .collect()
    }

    /// A symbol by name if it exists in the set (page and glossary symbols).
    pub fn named(&self, name: &str) -> Option<String> {
        let exists = self
            .known
            .get(name)
            .copied()
            .unwrap_or_else(|| self.set.exists(name));
        exists.then(|| name.to_string())
    }

    /// Remember that a page uses this symbol; returns its site path (`symbols/x.svg`).
    pub fn use_symbol(&self, name: &str) -> String {
        self.used
            .lock()
            .expect("symbol set lock")
            .insert(name.to_string());
        format!("symbols/{name}.{}", self.set.ext(name))
    }

    /// The used symbols' files, for writing into `symbols/`.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let used = self.used.lock().expect("symbol set lock").clone();
        used.iter().filter_map(|n| self.set.load(n)).collect()
    }

    /// The symbol set.
    pub fn set(&self) -> &SymbolSet {
        &self.set
    }
}

/// Is `path` inside a symbol folder (used by the watcher to know symbols changed)?
pub fn in_folder(path: &Path, set: &SymbolSet) -> bool {
    matches!(set, SymbolSet::Folder(d) if path.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms() {
        assert!(forms("meeting").contains(&"meetings".to_string()));
        assert!(forms("family").contains(&"families".to_string()));
        assert!(forms("choose").contains(&"choosing".to_string()));
        assert!(forms("parent carer forum").contains(&"parent carer forums".to_string()));
    }
}
