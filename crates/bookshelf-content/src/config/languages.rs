//! `[languages.TAG]` in `book.toml`: each a well-formed tag, listed once (the book's own
//! language too), with a title; errors located at the tag.

use std::collections::BTreeMap;
use std::path::Path;

use super::Config;
use crate::diagnostic::Diagnostic;

/// Where the tag of `[languages.TAG]` is written in `book.toml`.
fn language_span(text: &str, tag: &str) -> std::ops::Range<usize> {
    for key in [format!("languages.{tag}"), format!("languages.\"{tag}\"")] {
        if let Some(i) = text.find(&key) {
            let at = i + key.find(tag).unwrap_or(0);
            return at..at + tag.len();
        }
    }
    let at = text.find("languages").unwrap_or(0);
    crate::yaml::token_span(text, at)
}

/// Every `[languages.TAG]`: a well-formed tag, listed once (the default language too), with
/// a title.
pub(super) fn check_languages(
    path: &Path,
    text: &str,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let default = config.book.language.trim();
    seen.insert(crate::lang::canonical(default), default);
    for (tag, language) in &config.languages {
        let span = language_span(text, tag);
        if !crate::lang::is_well_formed(tag) {
            diags.push(
                Diagnostic::error("bad-language-tag", format!("`{tag}` is not a language tag"))
                    .at(path, span)
                    .help("use a BCP 47 tag such as `pl`, `ur` or `pt-BR`: `[languages.pl]`"),
            );
            ok = false;
            continue;
        }
        if let Some(first) = seen.insert(crate::lang::canonical(tag), tag) {
            let (what, label) = if first == default {
                (
                    format!(
                        "`{tag}` is the book's own language (`[book] language = \"{default}\"`)"
                    ),
                    text.find(&format!("\"{default}\""))
                        .map(|i| i + 1..i + 1 + default.len()),
                )
            } else {
                (
                    format!("`{tag}` is listed twice (as `{first}` and `{tag}`)"),
                    Some(language_span(text, first)),
                )
            };
            let mut d = Diagnostic::error("duplicate-language", what).at(path, span);
            if let Some(label) = label {
                d = d.label(label, format!("`{first}` is here"));
            }
            diags.push(d.help(
                "list each language once; the book's own language needs no `[languages]` table",
            ));
            ok = false;
            continue;
        }
        if language.title.trim().is_empty() {
            diags.push(
                Diagnostic::error("missing-key", format!("the `title` of `[languages.{tag}]` is empty"))
                    .at(path, span)
                    .help("write the site title in that language, e.g. `title = \"Półka z informacjami\"`"),
            );
            ok = false;
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn diags_of(text: &str) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        parse(Path::new("book.toml"), text, &mut diags);
        diags
    }

    #[test]
    fn languages_are_read_and_checked() {
        let base = "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\n";
        let mut diags = Vec::new();
        let c = parse(
            Path::new("book.toml"),
            &format!("{base}[languages.pl]\ntitle = \"Półka\"\n"),
            &mut diags,
        )
        .expect("parses");
        assert_eq!(c.languages["pl"].title, "Półka");
        let twice = diags_of(&format!(
            "{base}[languages.pl]\ntitle = \"a\"\n[languages.PL]\ntitle = \"b\"\n"
        ));
        assert_eq!(twice.len(), 1, "{twice:?}");
        assert_eq!(twice[0].code, "duplicate-language");
        let own = diags_of(&format!("{base}[languages.en-gb]\ntitle = \"a\"\n"));
        assert_eq!(own[0].code, "duplicate-language");
        let text = format!("{base}[languages.\"p_l!\"]\ntitle = \"a\"\n");
        let bad = diags_of(&text);
        assert_eq!(bad[0].code, "bad-language-tag");
        let span = bad[0].span.clone().expect("located");
        assert_eq!(&text[span], "p_l!");
        let untitled = diags_of(&format!("{base}[languages.ur]\n"));
        assert_eq!(untitled[0].code, "missing-key", "{untitled:?}");
    }
}
