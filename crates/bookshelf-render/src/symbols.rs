//! Easy-read symbols: matching words to symbol names (longest phrase first, simple word
//! forms), finding the picture files, and copying only the used ones into the site.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use bookshelf_content::{Book, Sense};
use bookshelf_text::WordClass;

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

/// Matches symbol keys in text.
pub struct SymbolMatcher {
    ac: Option<AhoCorasick>,
    names: Vec<String>,
    /// The key each pattern is a form of (`meetings` → `meeting`).
    keys: Vec<String>,
    /// Keys that match in one sense only (English).
    senses: HashMap<String, Sense>,
    /// English word rules apply: no symbol above function words, senses (ER20, ER21).
    english: bool,
    /// At most this many symbols above the words of a line (ER2).
    max_per_line: usize,
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
    /// The symbol map key it matched (a word's base form, or a phrase).
    pub key: String,
    /// Whether it is taken for a noun here (its sense, or the word before says so).
    pub noun: bool,
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
        let mut keys = Vec::new();
        let mut known = HashMap::new();
        // Every key as written comes first, so it wins over another key's word form of the
        // same length ("training" as its own key beats "train" + "ing").
        let mut usable = Vec::new();
        for (key, name) in &book.symbols.map {
            if stop.contains(key) || book.symbols.never.contains(key) {
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
            keys.push(key.to_string());
        }
        for (key, name) in &usable {
            for f in bookshelf_text::forms::of(key).into_iter().skip(1) {
                // A form that is a word the map says never gets a symbol stays without one.
                if !exact.contains(f.as_str()) && !book.symbols.never.contains(&f) {
                    patterns.push(f);
                    names.push((*name).clone());
                    keys.push(key.to_string());
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
            keys,
            senses: book
                .symbols
                .senses
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
            english: crate::check::is_english(&book.config.book.language),
            max_per_line: book.config.easy_read.max_symbols_per_line.unwrap_or(3),
            used: Mutex::new(BTreeSet::new()),
            set,
            known,
        }
    }

    /// Whole-word symbol matches in `text`, longest phrase first. In English, a word that
    /// carries grammar (a modal verb, pronoun, number…) gets none, nor a word used in a
    /// sense its key does not have (ER20, ER21).
    pub fn find(&self, text: &str) -> Vec<SymbolMatch> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let words = bookshelf_text::words(text);
        ac.find_iter(text)
            .filter(|m| bookshelf_text::words::is_whole(text, m.start()..m.end()))
            .filter_map(|m| {
                let key = &self.keys[m.pattern().as_usize()];
                let range = m.start()..m.end();
                let i = words.partition_point(|w| w.start < range.start);
                let before = i.checked_sub(1).map(|j| &text[words[j].clone()]);
                let after = words
                    .iter()
                    .skip(i)
                    .find(|w| w.start >= range.end)
                    .map(|w| &text[w.clone()]);
                let class = bookshelf_text::word_class(before, &text[range.clone()]);
                let phrase = key.contains(' ');
                if self.english && !phrase {
                    let w = &text[range.clone()];
                    if bookshelf_text::is_function_word(w)
                        || after.is_some_and(|a| bookshelf_text::is_function_phrase(w, a))
                        || before.is_some_and(|b| bookshelf_text::is_function_phrase(b, w))
                    {
                        return None;
                    }
                    match self.senses.get(key) {
                        Some(Sense::Noun)
                            if class == WordClass::Verb
                                || (class == WordClass::Unknown && before.is_some()) =>
                        {
                            return None
                        }
                        Some(Sense::Verb) if class == WordClass::Noun => return None,
                        _ => {}
                    }
                }
                let noun = self.english
                    && (self.senses.get(key) == Some(&Sense::Noun) || class == WordClass::Noun);
                Some(SymbolMatch {
                    range,
                    name: self.names[m.pattern().as_usize()].clone(),
                    key: key.clone(),
                    noun,
                })
            })
            .collect()
    }

    /// At most this many symbols above the words of one line (ER2).
    pub fn max_per_line(&self) -> usize {
        self.max_per_line
    }

    /// Whether English word rules apply to this book's text.
    pub fn english(&self) -> bool {
        self.english
    }

    /// The names a misspelt symbol name may have meant: those in the book's map, and in a
    /// council's own folder every picture in it (for "did you mean", ER29 and issue 26).
    pub fn suggest(&self, name: &str) -> Option<String> {
        let mut names: BTreeSet<String> = self.names.iter().cloned().collect();
        if let SymbolSet::Folder(dir) = &self.set {
            if let Ok(entries) = std::fs::read_dir(dir) {
                for e in entries.flatten() {
                    let p = e.path();
                    if matches!(p.extension().and_then(|x| x.to_str()), Some("svg" | "png")) {
                        if let Some(stem) = p.file_stem().and_then(|x| x.to_str()) {
                            names.insert(stem.to_string());
                        }
                    }
                }
            }
        }
        bookshelf_content::slug::did_you_mean(name, names.iter().map(String::as_str))
            .map(str::to_string)
            .or_else(|| {
                // A Twemoji name written with spaces or hyphens, or with `_sign`/`_face` left off.
                let plain = name.trim().to_lowercase().replace([' ', '-'], "_");
                [
                    plain.clone(),
                    format!("{plain}_sign"),
                    format!("{plain}_face"),
                ]
                .into_iter()
                .find(|n| *n != name && self.set.exists(n))
            })
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
