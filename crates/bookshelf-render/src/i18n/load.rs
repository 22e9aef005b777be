//! Loading the interface strings: the built-in file of a language laid over English, then a
//! book's own files over those, key by key; what `check` says about a book's files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use intl_pluralrules::{PluralRuleType, PluralRules};

use super::{PluralRulesBox, Strings, StringsNote, BUILT_IN, CATEGORIES, DEFAULT_LANGUAGE};
use crate::RenderError;

/// A parsed strings file: simple strings and plural tables, flattened.
struct File {
    map: BTreeMap<String, String>,
    plurals: BTreeMap<String, ()>,
}

impl File {
    /// The keys it gives: simple strings, and plural tables by their name.
    fn keys(&self) -> std::collections::BTreeSet<String> {
        self.map
            .keys()
            .map(|k| match k.split_once('.') {
                Some((stem, _)) if self.plurals.contains_key(stem) => stem.to_string(),
                _ => k.clone(),
            })
            .collect()
    }
}

/// Lay `file` over `map`: a plural table replaces the whole table it overrides.
fn overlay(map: &mut BTreeMap<String, String>, plurals: &mut BTreeMap<String, ()>, file: File) {
    for stem in file.plurals.keys() {
        let prefix = format!("{stem}.");
        map.retain(|k, _| !k.starts_with(&prefix));
        map.remove(stem);
    }
    for stem in file.map.keys() {
        if plurals.contains_key(stem.as_str()) && !file.plurals.contains_key(stem.as_str()) {
            // A simple string where English has a table: every number gets it.
            let prefix = format!("{stem}.");
            map.retain(|k, _| !k.starts_with(&prefix));
        }
    }
    plurals.extend(file.plurals);
    map.extend(file.map);
}

fn parse(text: &str, path: &Path) -> Result<File, RenderError> {
    let bad = |message: String| RenderError::Strings {
        path: path.to_path_buf(),
        message,
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                format!("line {line}, column {col}: ")
            })
            .unwrap_or_default();
        bad(format!("{at}{}", e.message()))
    })?;
    let mut file = File {
        map: BTreeMap::new(),
        plurals: BTreeMap::new(),
    };
    for (key, value) in table {
        match value {
            toml::Value::String(s) => {
                file.map.insert(key, one_line(&s));
            }
            toml::Value::Table(forms) => {
                if !forms.contains_key("other") {
                    return Err(bad(format!(
                        "`{key}` is a table of plural forms without `other`; add `other = \"...\"`"
                    )));
                }
                for (form, text) in forms {
                    let Some(text) = text.as_str() else {
                        return Err(bad(format!("`{key}.{form}` must be text in quotes")));
                    };
                    if !CATEGORIES.contains(&form.as_str()) {
                        return Err(bad(format!(
                            "`{key}.{form}` is not a plural form; use {}",
                            CATEGORIES.join(", ")
                        )));
                    }
                    file.map.insert(format!("{key}.{form}"), one_line(text));
                }
                file.plurals.insert(key, ());
            }
            _ => {
                return Err(bad(format!(
                    "`{key}` must be text in quotes, or a table of plural forms"
                )))
            }
        }
    }
    Ok(file)
}

/// Strings are shown on one line (a template's line numbers stay those of its file).
fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

/// The built-in file that speaks `lang`: the same tag, or the same language (`pl-PL` and
/// `pl`, `en` and `en-GB`).
pub(crate) fn built_in_for(lang: &str) -> Option<(&'static str, &'static str)> {
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    BUILT_IN
        .iter()
        .find(|(tag, _)| tag.eq_ignore_ascii_case(lang))
        .or_else(|| {
            BUILT_IN
                .iter()
                .find(|(tag, _)| primary(tag) == primary(lang))
        })
        .copied()
}

impl Strings {
    /// The strings for `lang`: English, then the theme's file for the language, then the
    /// book's own file(s) under `root` (`themes/default/i18n/TAG.toml`, and the file of the
    /// language without its region, `pl.toml` for `pl-PL`), each key by key.
    pub fn load(root: &Path, lang: &str) -> Result<Self, RenderError> {
        let base = parse(BUILT_IN[0].1, Path::new("themes/default/i18n/en-GB.toml"))?;
        let mut map = base.map.clone();
        let mut plurals = base.plurals.clone();
        let mut notes = Vec::new();
        let wanted = base.keys();
        let built_in = built_in_for(lang);
        if let Some((tag, text)) = built_in.filter(|(tag, _)| *tag != DEFAULT_LANGUAGE) {
            let name = format!("themes/default/i18n/{tag}.toml");
            let file = parse(text, Path::new(&name))?;
            let given = file.keys();
            for key in wanted.difference(&given) {
                notes.push(StringsNote {
                    file: format!("{name} (built in)"),
                    key: key.clone(),
                    message: format!(
                        "`{key}` is not translated in the theme's `{tag}` strings; the English text is shown"
                    ),
                });
            }
            overlay(&mut map, &mut plurals, file);
        }
        let dir = root.join("themes/default/i18n");
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        let mut names = vec![format!("{primary}.toml")];
        if primary != lang {
            names.push(format!("{lang}.toml"));
        }
        let mut given = std::collections::BTreeSet::new();
        let mut own = Vec::new();
        for name in names {
            let path = dir.join(&name);
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(RenderError::Io { path, source: e }),
            };
            let shown = format!("themes/default/i18n/{name}");
            let file = parse(&text, &PathBuf::from(&shown))?;
            let keys = file.keys();
            for key in keys.difference(&wanted) {
                notes.push(StringsNote {
                    file: shown.clone(),
                    key: key.clone(),
                    message: format!("`{key}` is not a key of the theme's strings; it is not used"),
                });
            }
            given.extend(keys);
            own.push(shown);
            overlay(&mut map, &mut plurals, file);
        }
        // A language the theme does not speak takes every key from the book's own file(s).
        if built_in.is_none() && own.is_empty() {
            notes.push(StringsNote {
                file: format!("themes/default/i18n/{lang}.toml"),
                key: String::new(),
                message: format!(
                    "the theme has no words in `{lang}`: menus and buttons are shown in English"
                ),
            });
        } else if built_in.is_none() {
            let file = own
                .last()
                .cloned()
                .unwrap_or_else(|| format!("themes/default/i18n/{lang}.toml"));
            for key in wanted.difference(&given) {
                notes.push(StringsNote {
                    file: file.clone(),
                    key: key.clone(),
                    message: format!("`{key}` is missing for `{lang}`; the English text is shown"),
                });
            }
        }
        let rules = lang
            .parse::<unic_langid::LanguageIdentifier>()
            .ok()
            .and_then(|id| {
                PluralRules::create(id.clone(), PluralRuleType::CARDINAL)
                    .or_else(|_| {
                        let mut general = id;
                        general.region = None;
                        general.script = None;
                        PluralRules::create(general, PluralRuleType::CARDINAL)
                    })
                    .ok()
            })
            .map(PluralRulesBox);
        Ok(Self {
            lang: lang.to_string(),
            map,
            plurals,
            rules,
            notes,
        })
    }

    /// The notes as `check` warnings, located at the key in a book's own file where there is
    /// one (the file's text is added to `sources`).
    pub fn diagnostics(
        &self,
        root: &Path,
        sources: &mut bookshelf_content::diagnostic::SourceMap,
    ) -> Vec<bookshelf_content::Diagnostic> {
        use bookshelf_content::Diagnostic;
        let mut texts: BTreeMap<&str, Option<std::sync::Arc<str>>> = BTreeMap::new();
        self.notes
            .iter()
            .map(|note| {
                let unknown = note.message.contains("is not a key");
                let code = if unknown {
                    "theme-string-unknown"
                } else {
                    "theme-string-missing"
                };
                let d = Diagnostic::warning(code, note.message.clone());
                let d = if note.key.is_empty() {
                    d.help(format!(
                        "translate `themes/default/i18n/{DEFAULT_LANGUAGE}.toml` of bookshelf's default theme into `{}` in the book, or set `language` to one the theme speaks ({})",
                        note.file,
                        BUILT_IN.iter().map(|(t, _)| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                    ))
                } else if unknown {
                    d.help(format!(
                        "the keys are those of `themes/default/i18n/{DEFAULT_LANGUAGE}.toml` in bookshelf's default theme; check the spelling"
                    ))
                } else {
                    d.help(format!(
                        "add `{} = \"...\"` to `{}` in the language of the book",
                        note.key,
                        note.file.trim_end_matches(" (built in)")
                    ))
                };
                let text = texts.entry(note.file.as_str()).or_insert_with(|| {
                    let text: std::sync::Arc<str> =
                        std::fs::read_to_string(root.join(&note.file)).ok()?.into();
                    sources.insert(&note.file, text.clone());
                    Some(text)
                });
                let at = text.as_ref().filter(|_| !note.key.is_empty()).and_then(|t| {
                    let mut offset = 0;
                    for line in t.split_inclusive('\n') {
                        let rest = line.trim_start();
                        let key = rest
                            .split(['=', ' ', '\t'])
                            .next()
                            .unwrap_or("")
                            .trim_matches('"');
                        if key == note.key.split('.').next().unwrap_or("") {
                            let start = offset + (line.len() - rest.len());
                            return Some(start..start + key.len().max(1));
                        }
                        offset += line.len();
                    }
                    None
                });
                match at {
                    Some(span) => d.at(&note.file, span),
                    None => d.in_file(&note.file),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let table: toml::Table = toml::from_str(text).unwrap();
        let mut keys: Vec<String> = table.keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_built_in_language_has_every_english_key_and_its_placeholders() {
        let english: toml::Table = toml::from_str(BUILT_IN[0].1).unwrap();
        for (tag, text) in &BUILT_IN[1..] {
            assert_eq!(keys(text), keys(BUILT_IN[0].1), "the keys of `{tag}.toml`");
            let other: toml::Table = toml::from_str(text).unwrap();
            for (key, value) in &english {
                let placeholders = |v: &toml::Value| -> Vec<String> {
                    let s = match v {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Table(t) => t["other"].as_str().unwrap().to_string(),
                        _ => unreachable!(),
                    };
                    let mut found: Vec<String> = s
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                        .collect();
                    found.sort();
                    found
                };
                assert_eq!(
                    placeholders(&other[key]),
                    placeholders(value),
                    "the placeholders of `{key}` in `{tag}.toml`"
                );
            }
            let loaded = Strings::load(Path::new("/nonexistent"), tag).unwrap();
            assert_eq!(loaded.notes(), &[], "`{tag}` is complete");
        }
    }

    #[test]
    fn a_region_falls_back_to_its_language() {
        assert_eq!(built_in_for("pl-PL").unwrap().0, "pl");
        assert_eq!(built_in_for("en").unwrap().0, "en-GB");
        assert_eq!(built_in_for("EN-gb").unwrap().0, "en-GB");
        assert!(built_in_for("fr").is_none());
    }
}
