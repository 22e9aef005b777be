//! `symbols.yaml` (and `symbols.LANG.yaml`): words and phrases mapped to symbol names, with a
//! word's sense when it has more than one (ER21) and the words that never get a symbol (ER20).
//!
//! ```yaml
//! meeting: handshake            # a word (its plurals and verb forms match too) or a phrase
//! need: never                   # never a symbol, even where the word is a key elsewhere
//! power:                        # only in this sense: "the power", not "to power"
//!   symbol: flexed_biceps
//!   as: noun
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::model::{Sense, Symbols};
use crate::yaml::{parse_yaml, token_span};
use crate::Diagnostic;

/// One value of the map, as written: a symbol name, or an entry with its sense.
enum Raw {
    Name(String),
    Entry(Entry),
}

// By hand rather than `#[serde(untagged)]`, so a wrong value keeps serde's located "wrong
// type: found sequence, but expected a string" (an untagged enum says only "did not match").
impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Name(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Raw, A::Error> {
                Entry::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Raw::Entry)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    symbol: String,
    #[serde(default, rename = "as")]
    sense: Option<String>,
}

/// The value that keeps a word without a symbol.
pub(crate) const NEVER: &str = "never";

/// Parse a symbol map; bad entries are reported and left out.
pub(crate) fn parse(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Symbols {
    let Some(raw) = parse_yaml::<BTreeMap<String, Raw>>(path, text, 0, text, diags) else {
        return Symbols::default();
    };
    let mut out = Symbols {
        path: Some(path.to_path_buf()),
        ..Symbols::default()
    };
    for (k, v) in raw {
        let key = k.trim().to_lowercase();
        let at = text.find(&format!("{k}:")).unwrap_or(0);
        let (name, sense) = match v {
            Raw::Name(n) => (n, None),
            Raw::Entry(e) => (e.symbol, e.sense),
        };
        let name = name.trim().to_string();
        if name.is_empty() {
            diags.push(
                Diagnostic::error("missing-key", format!("`{k}` has no symbol name"))
                    .at(path, token_span(text, at))
                    .help("write a symbol name after the colon, e.g. `meeting: handshake`"),
            );
            continue;
        }
        out.lines.insert(key.clone(), at);
        if name == NEVER {
            out.never.insert(key);
            continue;
        }
        match sense.as_deref().map(str::trim) {
            None => {}
            Some("noun") => {
                out.senses.insert(key.clone(), Sense::Noun);
            }
            Some("verb") => {
                out.senses.insert(key.clone(), Sense::Verb);
            }
            Some(other) => {
                let at = text[at..].find("as:").map_or(at, |i| at + i + 3);
                let at = at + text[at..].len() - text[at..].trim_start().len();
                diags.push(
                    Diagnostic::error("bad-value", format!("`{other}` is not a sense"))
                        .at(path, at..at + other.len())
                        .help("write `as: noun` or `as: verb`, or leave `as` out for both"),
                );
                continue;
            }
        }
        out.map.insert(key, name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_senses_and_never() {
        let text = "meeting: handshake\nneed: never\npower:\n  symbol: flexed_biceps\n  as: noun\n";
        let mut diags = Vec::new();
        let s = parse(Path::new("content/symbols.yaml"), text, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.map.get("meeting").map(String::as_str), Some("handshake"));
        assert_eq!(
            s.map.get("power").map(String::as_str),
            Some("flexed_biceps")
        );
        assert_eq!(s.senses.get("power"), Some(&Sense::Noun));
        assert!(s.never.contains("need") && !s.map.contains_key("need"));
    }

    #[test]
    fn a_wrong_sense_is_located() {
        let text = "power:\n  symbol: flexed_biceps\n  as: nown\n";
        let mut diags = Vec::new();
        let s = parse(Path::new("content/symbols.yaml"), text, &mut diags);
        assert!(s.map.is_empty());
        let span = diags[0].span.clone().expect("a span");
        assert_eq!(&text[span], "nown");
    }
}
