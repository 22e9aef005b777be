//! Language tags: checking them (BCP 47, through `unic-langid`), finding the language in a
//! translation's file name (`getting-help.pl.md`), and the source file it translates.

use std::path::{Path, PathBuf};

/// Is `tag` a well-formed BCP 47 language tag (`en-GB`, `pl`, `ur`, `sr-Latn`)?
pub(crate) fn is_well_formed(tag: &str) -> bool {
    !tag.trim().is_empty()
        && tag.trim() == tag
        && tag.parse::<unic_langid::LanguageIdentifier>().is_ok()
}

/// The canonical form of a tag (`PL` and `pl` are the same language), for finding a language
/// listed twice. Malformed tags are compared as written, in lower case.
pub(crate) fn canonical(tag: &str) -> String {
    tag.parse::<unic_langid::LanguageIdentifier>()
        .map_or_else(|_| tag.to_ascii_lowercase(), |id| id.to_string())
}

/// The closest listed language to `tag`: the same tag in another case, one that shares its
/// language subtag (`pl-PL` for `pl`), or a near spelling.
pub(crate) fn nearest<'a>(
    tag: &str,
    listed: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    listed
        .clone()
        .into_iter()
        .find(|l| l.to_ascii_lowercase() == lower)
        .or_else(|| {
            listed
                .clone()
                .into_iter()
                .find(|l| primary(l) == primary(tag))
        })
        .or_else(|| crate::slug::did_you_mean(tag, listed))
}

/// A file name split around its language: `getting-help.pl.md` gives
/// `("getting-help", "pl", "md")`, `x.pl.easy.md` gives `("x", "pl", "easy.md")`. `None`
/// when the name holds no language part (`x.md`, `x.easy.md`, `glossary.yaml`).
pub(crate) fn split_name(name: &str) -> Option<(&str, &str, &str)> {
    let (stem, ext) = if let Some(s) = name.strip_suffix(".easy.md") {
        (s, "easy.md")
    } else {
        let (s, e) = name.rsplit_once('.')?;
        (s, e)
    };
    let (base, lang) = stem.split_once('.')?;
    Some((base, lang, ext))
}

/// The source a translation file translates: `guides/x.pl.md` → `guides/x.md`.
pub(crate) fn source_path(path: &Path, lang: &str) -> PathBuf {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return path.to_path_buf();
    };
    match split_name(&name) {
        Some((base, l, ext)) if l == lang => path.with_file_name(format!("{base}.{ext}")),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert!(is_well_formed("en-GB"));
        assert!(is_well_formed("pl"));
        assert!(is_well_formed("sr-Latn-RS"));
        assert!(!is_well_formed("english_uk!"));
        assert!(!is_well_formed("p"));
        assert!(!is_well_formed(""));
        assert_eq!(canonical("PL"), canonical("pl"));
        assert_eq!(canonical("en-gb"), "en-GB");
        assert_eq!(nearest("pl-PL", ["ur", "pl"]), Some("pl"));
        assert_eq!(nearest("UR", ["ur", "pl"]), Some("ur"));
    }

    #[test]
    fn names() {
        assert_eq!(split_name("x.pl.md"), Some(("x", "pl", "md")));
        assert_eq!(split_name("x.pl.easy.md"), Some(("x", "pl", "easy.md")));
        assert_eq!(
            split_name("glossary.ur.yml"),
            Some(("glossary", "ur", "yml"))
        );
        assert_eq!(split_name("x.easy.md"), None);
        assert_eq!(split_name("x.md"), None);
        assert_eq!(
            source_path(Path::new("content/guides/x.pl.easy.md"), "pl"),
            PathBuf::from("content/guides/x.easy.md")
        );
    }
}
