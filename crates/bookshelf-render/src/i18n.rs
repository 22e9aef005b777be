//! Interface strings: every word of the theme that a reader sees, per language.
//!
//! The theme ships `themes/default/i18n/LANG.toml` for each language it speaks; a book lays
//! its own `themes/default/i18n/LANG.toml` over it key by key. British English (`en-GB`) is
//! complete by definition: any key another file leaves out is taken from it, and `check` says
//! so ([`Strings::notes`]). Templates show a string with `{{ i18n.KEY }}`, put in place when the
//! theme is loaded (so rendering a page costs nothing more); scripts get them all as one object
//! at the top of `assets/bookshelf.js`.
//!
//! Reading and laying the files over each other, and what `check` says about them, is
//! `load.rs`; the strings and their use (plurals, placeholders, templates) are here.

mod load;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

/// The language every other falls back to, whose file holds every key.
pub(crate) const DEFAULT_LANGUAGE: &str = "en-GB";

/// The interface languages the theme ships: tag and file.
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    (
        "en-GB",
        include_str!("../../../themes/default/i18n/en-GB.toml"),
    ),
    ("cy", include_str!("../../../themes/default/i18n/cy.toml")),
    ("pl", include_str!("../../../themes/default/i18n/pl.toml")),
    ("ur", include_str!("../../../themes/default/i18n/ur.toml")),
];

/// The plural forms a table may give, as CLDR names them.
const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// Something `check` should tell the editor about a strings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringsNote {
    /// The file (relative to the book for a book's own file, `(built in)` after a theme's).
    pub file: String,
    /// The key.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// The interface strings of one language.
#[derive(Debug, Clone)]
pub struct Strings {
    /// The language tag asked for (`pl`, `en-GB`).
    lang: String,
    /// Simple strings by key; a plural table's forms as `KEY.one`, `KEY.other`...
    map: BTreeMap<String, String>,
    /// Keys that are plural tables.
    plurals: BTreeMap<String, ()>,
    rules: Option<PluralRulesBox>,
    notes: Vec<StringsNote>,
}

/// `PluralRules` is not `Debug`.
struct PluralRulesBox(PluralRules);

impl Clone for PluralRulesBox {
    fn clone(&self) -> Self {
        // Rules are rebuilt from the locale: they hold no other state.
        PluralRulesBox(
            PluralRules::create(self.0.get_locale().clone(), PluralRuleType::CARDINAL)
                .expect("a locale that made rules once makes them again"),
        )
    }
}

impl std::fmt::Debug for PluralRulesBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PluralRules({})", self.0.get_locale())
    }
}

impl Strings {
    /// British English, as built in (for tests and tools).
    pub fn english() -> Self {
        Self::load(Path::new("/nonexistent"), DEFAULT_LANGUAGE)
            .expect("the built-in English strings parse")
    }

    /// The language tag.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// What `check` should say about the files these came from.
    pub fn notes(&self) -> &[StringsNote] {
        &self.notes
    }

    /// Whether `key` is a string or plural table of the theme.
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key) || self.plurals.contains_key(key)
    }

    /// The string for `key` (a plural table gives its `other` form; an unknown key gives itself).
    pub fn get<'s>(&'s self, key: &'s str) -> &'s str {
        match self.map.get(key) {
            Some(s) => s,
            None => self
                .map
                .get(&format!("{key}.other"))
                .map_or(key, String::as_str),
        }
    }

    /// The string for `key` with each `{name}` filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The form of `key` for the number `n` (`{n}` filled in too), by the language's plural
    /// rules; `other` where the table has no such form.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let form = match self.rules.as_ref().and_then(|r| r.0.select(n).ok()) {
            Some(PluralCategory::ZERO) => "zero",
            Some(PluralCategory::ONE) => "one",
            Some(PluralCategory::TWO) => "two",
            Some(PluralCategory::FEW) => "few",
            Some(PluralCategory::MANY) => "many",
            _ => "other",
        };
        let text = self
            .map
            .get(&format!("{key}.{form}"))
            .map(String::as_str)
            .unwrap_or_else(|| self.get(key));
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(text, &all)
    }

    /// Every string as one JSON object (plural tables as objects of their forms), with the
    /// language: what the scripts read.
    pub fn to_json(&self) -> String {
        let mut obj = serde_json::Map::new();
        for (key, text) in &self.map {
            match key.split_once('.') {
                Some((stem, form)) if self.plurals.contains_key(stem) => {
                    let entry = obj
                        .entry(stem.to_string())
                        .or_insert_with(|| serde_json::Value::Object(Default::default()));
                    if let serde_json::Value::Object(forms) = entry {
                        forms.insert(form.to_string(), text.clone().into());
                    }
                }
                _ => {
                    obj.insert(key.clone(), text.clone().into());
                }
            }
        }
        serde_json::json!({ "lang": self.lang, "strings": obj }).to_string()
    }

    /// `text` (a template) with each `{{ i18n.KEY }}` replaced by the string, escaped for HTML,
    /// with its `{name}` placeholders turned into `<bdi>{{ name }}</bdi>` (a variable the
    /// template sets, isolated from the text around it; `name_attrs`, if set, gives its
    /// `lang` and `dir`).
    /// An unknown key is an error: its byte range in `text` and what is wrong.
    pub fn localize_template(&self, text: &str) -> Result<String, (Range<usize>, String)> {
        let mut out = String::with_capacity(text.len() + 256);
        let mut rest = text;
        let mut offset = 0;
        while let Some(at) = rest.find("{{") {
            let Some(end) = rest[at..].find("}}") else {
                break;
            };
            let inner = rest[at + 2..at + end].trim();
            let key = inner.strip_prefix("i18n.").filter(|k| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            out.push_str(&rest[..at]);
            match key {
                Some(key) if self.has(key) => {
                    push_localized(&mut out, self.get(key));
                }
                Some(key) => {
                    let start = offset + at;
                    return Err((
                        start..start + end + 2,
                        format!(
                            "`i18n.{key}` is not a key of the theme's strings (themes/default/i18n/{DEFAULT_LANGUAGE}.toml)"
                        ),
                    ));
                }
                None => out.push_str(&rest[at..at + end + 2]),
            }
            offset += at + end + 2;
            rest = &rest[at + end + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// `text` for a template: escaped, braces kept from tera, `{name}` as `<bdi>{{ name }}</bdi>`.
fn push_localized(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c);
        let name = close
            .map(|c| &rest[open + 1..c])
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        push_text(out, &rest[..open]);
        match (name, close) {
            (Some(name), Some(close)) => {
                // Isolated, so a name or title written in the other direction (an English
                // translator's name on an Urdu page) keeps its own order.
                // `NAME_attrs`, where a template sets it, gives its language (` lang dir`).
                out.push_str("<bdi{{ ");
                out.push_str(name);
                out.push_str("_attrs | default(value=\"\") | safe }}>{{ ");
                out.push_str(name);
                out.push_str(" }}</bdi>");
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str("&#123;");
                rest = &rest[open + 1..];
            }
        }
    }
    push_text(out, rest);
}

fn push_text(out: &mut String, text: &str) {
    let escaped = crate::theme::escape_html(text);
    // Left as they are, `{%`, `{#` and `}}` would be read by tera.
    out.push_str(&escaped.replace('{', "&#123;").replace('}', "&#125;"));
}

/// The direction a language is written in: `rtl` for the scripts written right to left
/// (Arabic, Urdu, Persian, Pashto, Sindhi, Kurdish in Arabic script, Hebrew, Yiddish,
/// Dhivehi, Uyghur), otherwise `ltr`.
pub(crate) fn direction(lang: &str) -> &'static str {
    const RTL: &[&str] = &["ar", "ur", "fa", "ps", "sd", "ckb", "he", "yi", "dv", "ug"];
    let lower = lang.to_ascii_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or("");
    let arabic_script = lower.split(['-', '_']).any(|s| s == "arab" || s == "hebr");
    if RTL.contains(&primary) || arabic_script {
        "rtl"
    } else {
        "ltr"
    }
}

/// `text` with each `{name}` of `args` filled in.
pub(crate) fn fill(text: &str, args: &[(&str, &str)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|c| args.iter().find(|(k, _)| *k == &after[..c]).map(|a| (c, a)))
        {
            Some((c, (_, value))) => {
                out.push_str(value);
                rest = &after[c + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_picks_its_plural_form() {
        let pl = Strings::load(Path::new("/nonexistent"), "pl").unwrap();
        // Polish: 1 is `one`, 2-4 `few`, 5 `many`.
        let one = pl.count("search_count", 1, &[]);
        let few = pl.count("search_count", 3, &[]);
        let many = pl.count("search_count", 5, &[]);
        assert!(one.contains('1') && few.contains('3') && many.contains('5'));
        let (one, few, many) = (
            one.replace('1', "#"),
            few.replace('3', "#"),
            many.replace('5', "#"),
        );
        assert!(
            one != few && few != many && one != many,
            "{one} / {few} / {many}"
        );
        let en = Strings::english();
        assert_eq!(en.count("search_count", 1, &[]), "1 page found");
        assert_eq!(en.count("search_count", 2, &[]), "2 pages found");
    }

    #[test]
    fn templates_get_escaped_strings_with_their_placeholders_as_variables() {
        let en = Strings::english();
        let out = en
            .localize_template("<p>{{ i18n.other_words }}</p>{{ page.title }}")
            .unwrap();
        assert_eq!(
            out,
            "<p>Other words for it: <bdi{{ words_attrs | default(value=\"\") | safe }}>{{ words }}</bdi>.</p>{{ page.title }}"
        );
        let (span, err) = en
            .localize_template("a\n  {{ i18n.no_such_key }}")
            .unwrap_err();
        assert_eq!(span, 4..26);
        assert!(err.contains("`i18n.no_such_key` is not a key"), "{err}");
    }

    #[test]
    fn right_to_left_languages_are_known_by_their_tag() {
        assert_eq!(direction("ur"), "rtl");
        assert_eq!(direction("ar-SA"), "rtl");
        assert_eq!(direction("pa-Arab"), "rtl");
        assert_eq!(direction("pl"), "ltr");
        assert_eq!(direction("en-GB"), "ltr");
        assert_eq!(direction("cy"), "ltr");
    }

    #[test]
    fn fill_leaves_unknown_and_unclosed_braces_alone() {
        assert_eq!(
            fill("{n} of {total}", &[("n", "1"), ("total", "2")]),
            "1 of 2"
        );
        assert_eq!(fill("a {x} b {", &[("n", "1")]), "a {x} b {");
    }
}
