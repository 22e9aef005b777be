//! `search-words.yaml` (and `search-words.LANG.yaml` for a translation): the editor's own
//! everyday words for search, added to the built-in list of the search crate. Each key is
//! what people type; its value is the words the site uses, searched as well.
//!
//! ```yaml
//! complain: [complaint, disagree, "do not agree"]
//! speak up for me: advocate
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::yaml::{parse_yaml, token_span};
use crate::Diagnostic;

/// One rule of an editor's search words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchWord {
    /// What people type (trimmed, lower case).
    pub phrase: String,
    /// The words the site uses, searched as well when the phrase is typed.
    pub words: Vec<String>,
    /// Byte offset of the rule's key in its file.
    pub at: usize,
}

/// An editor's search words file, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchWords {
    /// The file (relative to the book), if there is one.
    pub path: Option<PathBuf>,
    /// Its rules, in the order of their phrases.
    pub rules: Vec<SearchWord>,
}

/// One value as written: one text, or a list of them.
struct Raw(Vec<String>);

// By hand rather than `#[serde(untagged)]`, so a wrong value keeps serde's located message.
impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of words, such as `[complaint, disagree]`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw(vec![v.to_string()]))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Raw, E> {
                Ok(Raw(Vec::new()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(Raw(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Whether a text has a word in it (a letter or a digit).
fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Where the key `k` starts a line of `text` (the start of the file if it is not found).
fn key_at(text: &str, k: &str) -> usize {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        for quoted in [k.to_string(), format!("\"{k}\""), format!("'{k}'")] {
            if body.starts_with(&quoted) && body[quoted.len()..].trim_start().starts_with(':') {
                return start + indent;
            }
        }
        start += line.len();
    }
    0
}

/// Parse a search words file; bad rules are reported and left out.
pub(crate) fn parse(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> SearchWords {
    let mut out = SearchWords {
        path: Some(path.to_path_buf()),
        rules: Vec::new(),
    };
    if text.trim().is_empty() {
        return out;
    }
    let Some(raw) = parse_yaml::<BTreeMap<String, Raw>>(path, text, 0, text, diags) else {
        return out;
    };
    // In the file's order, so that a second entry is the one reported.
    let mut raw: Vec<(usize, String, Raw)> = raw
        .into_iter()
        .map(|(k, v)| (key_at(text, &k), k, v))
        .collect();
    raw.sort_by_key(|(at, _, _)| *at);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (at, k, Raw(values)) in raw {
        let phrase = k.trim().to_lowercase();
        if !has_word(&phrase) {
            diags.push(
                Diagnostic::error(
                    "search-words-no-words",
                    format!("`{k}` has no words for people to type"),
                )
                .at(path, token_span(text, at))
                .help("write what people type as words, e.g. `complain: [complaint, disagree]`"),
            );
            continue;
        }
        if let Some(first) = seen.get(&phrase) {
            let first_line = text[..*first].lines().count() + 1;
            diags.push(
                Diagnostic::error(
                    "search-words-duplicate",
                    format!("`{phrase}` is listed twice (first on line {first_line})"),
                )
                .at(path, token_span(text, at))
                .help("put all its words in one list, under one key"),
            );
            continue;
        }
        seen.insert(phrase.clone(), at);
        let mut words: Vec<String> = Vec::new();
        for v in values {
            let v = v.trim().to_string();
            if !has_word(&v) {
                continue;
            }
            if words.iter().any(|w| w.eq_ignore_ascii_case(&v)) {
                let at = text[at..].find(&v).map_or(at, |i| at + i);
                diags.push(
                    Diagnostic::warning(
                        "search-words-repeated",
                        format!("`{v}` comes twice in the words for `{phrase}`"),
                    )
                    .at(path, at..at + v.len())
                    .help("write each word once; the second one does nothing"),
                );
                continue;
            }
            words.push(v);
        }
        if words.is_empty() {
            diags.push(
                Diagnostic::error(
                    "search-words-empty",
                    format!("`{k}` has no words to search as well"),
                )
                .at(path, token_span(text, at))
                .help(
                    "list the words the site uses for it, e.g. `complain: [complaint, disagree]`",
                ),
            );
            continue;
        }
        out.rules.push(SearchWord { phrase, words, at });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (SearchWords, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let w = parse(Path::new("content/search-words.yaml"), text, &mut diags);
        (w, diags)
    }

    #[test]
    fn lists_and_single_words_read() {
        let (w, diags) =
            read("complain: [complaint, disagree, \"do not agree\"]\nSpeak up for me: advocate\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(w.rules.len(), 2);
        assert_eq!(w.rules[0].phrase, "complain");
        assert_eq!(w.rules[0].words, ["complaint", "disagree", "do not agree"]);
        assert_eq!(w.rules[1].phrase, "speak up for me");
        assert_eq!(w.rules[1].words, ["advocate"]);
    }

    #[test]
    fn an_empty_list_is_located() {
        let text = "ok: [fine]\ncomplain: []\n";
        let (w, diags) = read(text);
        assert_eq!(w.rules.len(), 1);
        assert_eq!(diags[0].code, "search-words-empty");
        assert_eq!(&text[diags[0].span.clone().unwrap()], "complain");
    }

    #[test]
    fn a_repeated_word_is_a_warning() {
        let (w, diags) = read("complain: [complaint, Complaint]\n");
        assert_eq!(w.rules[0].words, ["complaint"]);
        assert_eq!(diags[0].code, "search-words-repeated");
        assert_eq!(diags[0].severity, crate::Severity::Warning);
    }

    #[test]
    fn keys_that_differ_only_in_case_are_one_rule() {
        let (w, diags) = read("complain: [complaint]\nComplain: [disagree]\n");
        assert_eq!(w.rules.len(), 1);
        assert_eq!(diags[0].code, "search-words-duplicate");
    }

    #[test]
    fn an_empty_file_has_no_rules() {
        let (w, diags) = read("  \n");
        assert!(w.rules.is_empty() && diags.is_empty());
    }
}
